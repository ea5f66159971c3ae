// A series' next dates, each with what the rule adjusted for it, and the dates it skips
// among them: the editor's preview and the post page tell them alike.
import type { Adjustment, Skip } from "~/domain/series-schedule";
import { useI18n } from "~/i18n/use-i18n";
import { formatNominal } from "./nominal-date";

export type NextDate = { key: string; when: string; adjustments: Adjustment[] };

export function NextDates({ dates, skipped }: { dates: NextDate[]; skipped: Skip[] }) {
  const { t, locale } = useI18n();
  const nominal = (key: string) => formatNominal(key, locale);
  return (
    <>
      <ol className="next-dates">
        {dates.map((o) => (
          <li key={o.key}>
            {o.when}
            {o.adjustments.map((a) => (
              <span key={a} className="adjusted">
                {" "}
                — {t.series.adjustment[a](nominal(o.key))}
              </span>
            ))}
          </li>
        ))}
      </ol>
      {skipped.length ? (
        <ul className="skipped-dates">
          {skipped.map((s) => (
            <li key={s.key}>{t.series.skipped(nominal(s.key), s.reason)}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
