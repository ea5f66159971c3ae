// The bell in the top bar: how many notices are unread, one click to their list. It asks the
// list's loader again every minute while the page is visible, so a new notice shows without
// a reload.
import { Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useI18n } from "~/i18n/use-i18n";

export function NotificationBell({ unread }: { unread: number }) {
  const { t } = useI18n();
  const fetcher = useFetcher<{ unread: number }>();
  const { load } = fetcher;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") load("/notifications?count");
    }, 60_000);
    return () => clearInterval(timer);
  }, [load]);
  const count = fetcher.data?.unread ?? unread;
  return (
    <Link to="/notifications" className="bell" aria-label={t.notifications.bell(count)} title={t.notifications.bell(count)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" fill="currentColor" />
      </svg>
      {count ? (
        <span className="bell-count" data-testid="bell-count">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
