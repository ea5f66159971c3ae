// The editor's repetition: how often, until when, what a date that does not exist becomes,
// and the next dates however far away they are — with every adjusted or skipped date named.
import { DateTime } from "luxon";
import { type Expansion, type MissingChoice, missingChoices, namesMissingDates, nextOccurrences, repetitionSchema, weekdays } from "~/domain/series-schedule";
import { useI18n } from "~/i18n/use-i18n";
import { NextDates } from "../next-dates";

export type Repeat = { repeat: string; interval: string; byWeekday: string[]; ends: string; until: string; count: string; missing: string };

type Props = {
  repeat: Repeat;
  onChange: (repeat: Repeat) => void;
  when: { date: string; time: string };
  zone: string;
  errorFor: (name: string) => React.ReactNode;
  /** Posts of the series before this one: a count counts the whole series, the preview starts here. */
  countedBefore?: number;
};

/** The next dates the form's repetition names, from its first date on (null when it does not repeat or is incomplete). */
export function previewDates(repeat: Repeat, when: { date: string; time: string }, zone: string, n = 6, countedBefore = 0): Expansion | null {
  if (repeat.repeat === "none" || !/^\d{4}-\d{2}-\d{2}$/.test(when.date) || !/^\d{2}:\d{2}$/.test(when.time)) return null;
  const parsed = repetitionSchema.safeParse({
    freq: repeat.repeat,
    interval: Number(repeat.interval) || 1,
    byWeekday: repeat.repeat === "weekly" ? repeat.byWeekday : [],
    until: repeat.ends === "until" && repeat.until ? repeat.until : null,
    count: repeat.ends === "count" && Number(repeat.count) > 0 ? Math.max(1, Number(repeat.count) - countedBefore) : null,
    missing: repeat.missing,
  });
  if (!parsed.success) return null;
  return nextOccurrences({ ...parsed.data, startDate: when.date, time: when.time, timeZone: zone }, new Date(0), n);
}

/** Whether the series' time falls in a gap the clocks skip within the next five years (so the editor asks what to do). */
function meetsClockChange(repeat: Repeat, when: { date: string; time: string }, zone: string) {
  const daily = previewDates({ ...repeat, repeat: "daily", interval: "1", ends: "until", until: DateTime.fromISO(when.date).plus({ years: 5 }).toISODate() ?? "", missing: "last-day" }, when, zone, 2000);
  return Boolean(daily?.occurrences.some((o) => o.adjustments.includes("after-clock-change")));
}

export function RepetitionFields({ repeat, onChange, when, zone, errorFor, countedBefore = 0 }: Props) {
  const { t, locale } = useI18n();
  const set = (patch: Partial<Repeat>) => onChange({ ...repeat, ...patch });
  const preview = previewDates(repeat, when, zone, 6, countedBefore);
  const asksAboutMissing = repeat.repeat !== "none" && (namesMissingDates({ freq: repeat.repeat as "monthly", startDate: when.date }) || meetsClockChange(repeat, when, zone));
  return (
    <>
      <label>
        {t.editor.repeats}
        <select name="repeat" value={repeat.repeat} onChange={(event) => set({ repeat: event.currentTarget.value })}>
          {(["none", "daily", "weekly", "monthly", "yearly"] as const).map((f) => (
            <option key={f} value={f}>
              {t.editor.frequency[f]}
            </option>
          ))}
        </select>
        {errorFor("repeat")}
      </label>
      {repeat.repeat !== "none" ? (
        <>
          <label>
            {t.editor.every}
            <input type="number" name="interval" min={1} max={99} value={repeat.interval} onChange={(event) => set({ interval: event.currentTarget.value })} />
          </label>
          {repeat.repeat === "weekly" ? (
            <fieldset>
              <legend>{t.editor.onDays}</legend>
              <div className="checkbox-row">
                {weekdays.map((d) => (
                  <label key={d} className="check">
                    <input
                      type="checkbox"
                      name="byWeekday"
                      value={d}
                      checked={repeat.byWeekday.includes(d)}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        set({ byWeekday: on ? [...repeat.byWeekday, d] : repeat.byWeekday.filter((x) => x !== d) });
                      }}
                    />
                    {t.editor.weekday[d]}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <label>
            {t.editor.ends}
            <select name="ends" value={repeat.ends} onChange={(event) => set({ ends: event.currentTarget.value })}>
              <option value="never">{t.editor.endsNever}</option>
              <option value="until">{t.editor.endsOn}</option>
              <option value="count">{t.editor.endsAfter}</option>
            </select>
          </label>
          {repeat.ends === "until" ? (
            <label>
              {t.editor.endDate}
              <input type="date" name="until" value={repeat.until} onChange={(event) => set({ until: event.currentTarget.value })} />
              {errorFor("until")}
            </label>
          ) : null}
          {repeat.ends === "count" ? (
            <label>
              {t.editor.times}
              <input type="number" name="count" min={1} max={1000} value={repeat.count} onChange={(event) => set({ count: event.currentTarget.value })} />
              {errorFor("count")}
            </label>
          ) : null}
          {asksAboutMissing ? (
            <label>
              {t.series.missingLabel}
              <select name="missing" value={repeat.missing} onChange={(event) => set({ missing: event.currentTarget.value as MissingChoice })}>
                {missingChoices.map((m) => (
                  <option key={m} value={m}>
                    {t.series.missing[m]}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <input type="hidden" name="missing" value={repeat.missing} />
          )}
          {preview ? (
            <div className="next-dates-box">
              <p className="muted">{t.series.nextDates}</p>
              {preview.occurrences.length === 0 ? <p className="field-error">{t.series.noDates}</p> : null}
              <NextDates
                dates={preview.occurrences.map((o) => ({ key: o.key, when: DateTime.fromJSDate(o.at, { zone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm"), adjustments: o.adjustments }))}
                skipped={preview.skipped}
              />
              {preview.ended && preview.occurrences.length ? <p className="muted">{t.series.ended}</p> : null}
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
