// Recurring series: the editor's repetition, what happens to dates that do not exist, which
// posts an edit reaches, the series on the post page, stopping it, and a zone change.
import type { Adjustment, Frequency, MissingChoice, Weekday } from "~/domain/series-schedule";

const plural = (n: number, one: string, many: string) => `${new Intl.NumberFormat("en").format(n)} ${n === 1 ? one : many}`;
const dayNames: Record<Weekday, string> = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" };
const list = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const every: Record<Frequency, [string, string]> = { daily: ["day", "days"], weekly: ["week", "weeks"], monthly: ["month", "months"], yearly: ["year", "years"] };

export const series = {
  missingLabel: "When a date or time does not exist (29 February, the 31st, a time the clocks skip)",
  missing: {
    skip: "Skip it (and say which dates)",
    "last-day": "Use the month's last day (or the time after the clocks change)",
    "next-valid": "Use the next day that exists (or the time after the clocks change)",
  } satisfies Record<MissingChoice, string>,
  adjustment: {
    "last-day": (key: string) => `${key} does not exist: on the month's last day`,
    "next-day": (key: string) => `${key} does not exist: on the next day`,
    "after-clock-change": () => "the clocks skip this time that day: after the change",
    "first-of-two": () => "this time happens twice that day: the first one",
  } satisfies Record<Adjustment, (key: string) => string>,
  skipped: (key: string, reason: "no-such-day" | "clock-gap") => (reason === "no-such-day" ? `${key}: no such day, skipped` : `${key}: the clocks skip this time, skipped`),
  nextDates: "Next dates:",
  noDates: "This repetition names no date that exists.",
  ended: "No further dates.",
  scopeLegend: "Apply the changes to",
  scope: { this: "Only this post", following: "This and following posts", all: "All posts of the series" },
  scopeHint: "Posts already published are never changed.",
  alternatesLabel: (channel: string) => `More ${channel} texts, used in turn after this one`,
  alternatesHint: "Each date of the series takes the next text, so no two dates in a row say the same words (X, LinkedIn and Facebook refuse repeats).",
  alternate: (n: number) => `Text ${n + 1}`,
  addAlternate: "Add a text",
  rule: (freq: Frequency, interval: number, byWeekday: Weekday[], anchor: { day: number; dayMonth: string }, time: string) => {
    const period = interval === 1 ? `every ${every[freq][0]}` : `every ${interval} ${every[freq][1]}`;
    const on =
      freq === "weekly" ? ` on ${list((byWeekday.length ? byWeekday : []).map((d) => dayNames[d])) || "the same weekday"}` : freq === "monthly" ? ` on day ${anchor.day}` : freq === "yearly" ? ` on ${anchor.dayMonth}` : "";
    return `Repeats ${period}${on} at ${time}`;
  },
  until: (date: string) => `until ${date}`,
  times: (n: number) => plural(n, "time", "times"),
  zoneOfSeries: (zone: string) => `on ${zone} time`,
  number: (n: number) => `Post ${n} of the series`,
  movedFrom: (key: string) => `moved from its date ${key}`,
  stoppedFrom: (date: string) => `Stopped from ${date} on.`,
  stopHeading: "Stop the series",
  stopFrom: "From (the first date that should no longer appear)",
  stopButton: "Stop the series",
  stopHint: "Posts from that date on that have not gone out leave the plan; published ones stay.",
  stopped: (from: string, removed: number) => `The series stops from ${from} on: ${plural(removed, "later post", "later posts")} removed from the plan.`,
  keptBack: (n: number) => `${plural(n, "post was", "posts were")} left as ${n === 1 ? "it was" : "they were"}: already going out, or not yours to change.`,
  report: (updated: number, removed: number) =>
    [updated ? `The change also reached ${plural(updated, "other post", "other posts")} of the series.` : "", removed ? `${plural(removed, "post", "posts")} the series no longer names left the plan.` : ""].filter(Boolean).join(" "),
};
