// A post's series on its page: the rule in words, which post of it this is and what the rule
// adjusted for its date, the next dates (adjusted and skipped ones named), what the last edit
// reached, and the form that stops the series.
import { Form } from "@remix-run/react";
import type { SeriesSummary } from "~/domain/series-schedule";
import { weekdays } from "~/domain/series-schedule";
import { anchorOf, formatNominal } from "./nominal-date";
import { NextDates } from "./next-dates";

const weekdayOf = (date: string) => weekdays[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
import { useI18n } from "~/i18n/use-i18n";

type Props = {
  series: SeriesSummary;
  zone: string;
  report: { updated: number; removed: number; kept: number; stoppedFrom: string | null } | null;
  canStop: boolean;
  defaultFrom: string;
};

export function SeriesPanel({ series, zone, report, canStop, defaultFrom }: Props) {
  const { t, locale } = useI18n();
  const day = (iso: string) => formatNominal(iso, locale);
  const { repetition } = series;
  const ends = repetition.until ? `, ${t.series.until(day(repetition.until))}` : repetition.count ? `, ${t.series.times(repetition.count)}` : "";
  const ownZone = series.timeZone !== zone ? ` (${t.series.zoneOfSeries(series.timeZone)})` : "";
  return (
    <section className="series-panel" aria-labelledby="series-heading">
      <h2 id="series-heading">{t.series.rule(repetition.freq, repetition.interval, repetition.byWeekday.length ? repetition.byWeekday : [weekdayOf(series.anchor)], anchorOf(series.anchor, locale), series.time) + ends + ownZone}</h2>
      {series.occurrence ? (
        <p>
          {t.series.number(series.occurrence.number)}
          {series.occurrence.moved ? ` — ${t.series.movedFrom(day(series.occurrence.key))}` : ""}
          {!series.occurrence.moved
            ? series.occurrence.adjustments.map((a) => (
                <span key={a} className="adjusted">
                  {" "}
                  — {t.series.adjustment[a](day(series.occurrence!.key))}
                </span>
              ))
            : null}
        </p>
      ) : null}
      {series.stoppedFrom ? <p className="muted">{t.series.stoppedFrom(day(series.stoppedFrom))}</p> : null}
      {report ? (
        <p role="status" className="notice">
          {report.stoppedFrom ? t.series.stopped(day(report.stoppedFrom), report.removed) : t.series.report(report.updated, report.removed)} {report.kept ? t.series.keptBack(report.kept) : ""}
        </p>
      ) : null}
      {series.upcoming.length ? (
        <>
          <p className="muted">{t.series.nextDates}</p>
          <NextDates dates={series.upcoming.map((o) => ({ key: o.key, when: `${day(o.date)}, ${o.time}`, adjustments: o.adjustments }))} skipped={series.skipped} />
        </>
      ) : null}
      {canStop && !series.stoppedFrom ? (
        <Form method="post" className="inline stop-series" aria-label={t.series.stopHeading}>
          <input type="hidden" name="intent" value="stop-series" />
          <label>
            {t.series.stopFrom}
            <input type="date" name="from" defaultValue={defaultFrom} required />
          </label>
          <button type="submit" className="secondary">
            {t.series.stopButton}
          </button>
          <p className="muted">{t.series.stopHint}</p>
        </Form>
      ) : null}
    </section>
  );
}
