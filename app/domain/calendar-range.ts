// Which days a calendar view shows, in the workspace's own zone: a month as whole weeks
// (Monday first), a week (what the calendar opens on when the URL names no view), or a
// four-week list. Days are ISO dates; `from`/`to` are the
// instants at the start of the first day and after the last, so DST days are 23 or 25 h.
import { DateTime } from "luxon";
import { z } from "zod";
import { planDateSchema } from "./calendar-dates";
import { recordIdSchema, singleLineText } from "./text-input";

export const calendarViews = ["month", "week", "list"] as const;
export type CalendarView = (typeof calendarViews)[number];

export const calendarQuerySchema = z.object({
  view: z.enum(calendarViews).catch("week"),
  date: planDateSchema().optional().catch(undefined),
  channel: recordIdSchema().optional().catch(undefined),
  category: recordIdSchema().optional().catch(undefined),
  status: recordIdSchema().optional().catch(undefined),
  tag: singleLineText({ max: 100 }).optional().catch(undefined),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export type CalendarRange = { view: CalendarView; anchor: string; from: Date; to: Date; days: string[]; previous: string; next: string; today: string };

const LIST_DAYS = 28;

export function calendarRange(view: CalendarView, anchorDate: string | undefined, zone: string, now = new Date()): CalendarRange {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const anchor = anchorDate ? DateTime.fromISO(anchorDate, { zone }).startOf("day") : today;
  let first: DateTime;
  let last: DateTime;
  let previous: DateTime;
  let next: DateTime;
  if (view === "month") {
    first = anchor.startOf("month").startOf("week");
    last = anchor.endOf("month").startOf("day").endOf("week").startOf("day");
    previous = anchor.startOf("month").minus({ months: 1 });
    next = anchor.startOf("month").plus({ months: 1 });
  } else if (view === "week") {
    first = anchor.startOf("week");
    last = first.plus({ days: 6 });
    previous = first.minus({ weeks: 1 });
    next = first.plus({ weeks: 1 });
  } else {
    first = anchor;
    last = anchor.plus({ days: LIST_DAYS - 1 });
    previous = anchor.minus({ days: LIST_DAYS });
    next = anchor.plus({ days: LIST_DAYS });
  }
  const days: string[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) days.push(day.toISODate()!);
  return {
    view,
    anchor: anchor.toISODate()!,
    from: first.toJSDate(),
    to: last.plus({ days: 1 }).toJSDate(),
    days,
    previous: previous.toISODate()!,
    next: next.toISODate()!,
    today: today.toISODate()!,
  };
}
