// Rule violations as every screen shows them: how serious, what is wrong, what would fix
// it, and the other posts involved, each named by its title and local time and linked.
import { Link } from "@remix-run/react";
import { DateTime } from "luxon";
import type { LocalizedViolation } from "~/domain/violations";
import { useI18n } from "~/i18n/use-i18n";

type Props = {
  violations: readonly LocalizedViolation[];
  slug: string | null;
  zone: string;
  /** The post being looked at: never linked to itself. */
  selfId?: string | null;
  label?: string;
};

export function ViolationList({ violations, slug, zone, selfId, label }: Props) {
  const { t, locale } = useI18n();
  if (violations.length === 0) return null;
  const when = (at: number) => DateTime.fromMillis(at, { zone }).setLocale(locale).toFormat("ccc d LLL, HH:mm");
  return (
    <ul className="violations" aria-label={label}>
      {violations.map((v, i) => {
        const others = v.related.filter((r) => r.postId !== selfId);
        return (
          <li key={`${v.ruleId}-${v.channelId}-${i}`} className={`violation violation-${v.severity}`} data-rule={v.ruleId}>
            <strong>{v.severity === "block" ? t.editor.blocking : t.editor.warning}</strong> {v.message}
            {v.suggestion ? <span className="suggestion"> → {v.suggestion}</span> : null}
            {others.length ? (
              <span className="involved">
                {" "}
                {t.editor.involved}{" "}
                {others.map((r, k) => (
                  <span key={r.postId}>
                    {k > 0 ? ", " : null}
                    {slug && !r.postId.startsWith("row:") ? <Link to={`/w/${slug}/posts/${r.postId}`}>{`${r.title} (${when(r.at)})`}</Link> : `${r.title} (${when(r.at)})`}
                  </span>
                ))}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
