// "+N more" on a day that holds more posts than the view shows (decision 0012).
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

export function MoreLink({ to, count }: { to: string; count: number }) {
  const { t } = useI18n();
  return (
    <Link className="more-link" to={to}>
      {t.calendar.more(count)}
    </Link>
  );
}
