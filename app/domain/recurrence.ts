// Recurring posts. A rule (RFC 5545 RRULE) is expanded in the workspace's wall-clock time:
// "every day at 09:00 Europe/Warsaw" stays 09:00 through DST changes, and a yearly
// anniversary keeps its date. rrule works on floating times here (UTC fields standing for
// local ones); each occurrence is then placed in the zone.
import { DateTime } from "luxon";
import * as rrulePackage from "rrule";
import { z } from "zod";
import { planDateSchema } from "./calendar-dates";

export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export const recurrenceSchema = z
  .object({
    freq: z.enum(["daily", "weekly", "monthly", "yearly"], { error: "Choose how often it repeats" }),
    interval: z.number().int().min(1).max(99).default(1),
    byWeekday: z.array(z.enum(weekdays)).max(7).optional(),
    until: planDateSchema().optional(),
    count: z.number().int().min(1).max(1000).optional(),
  })
  .refine((r) => !(r.until && r.count), { message: "End either on a date or after a number of times, not both" });
export type Recurrence = z.infer<typeof recurrenceSchema>;

// rrule ships CommonJS that Node's ESM loader cannot name exports of; Vite can.
const { RRule, Weekday } = ((rrulePackage as { default?: typeof rrulePackage }).default ?? rrulePackage) as typeof rrulePackage;

const freqs = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY, yearly: RRule.YEARLY };

/** The RRULE text stored with the post (no DTSTART: the post's own local time is the start). */
export function toRRule(recurrence: Recurrence): string {
  return new RRule({
    freq: freqs[recurrence.freq],
    interval: recurrence.interval,
    byweekday: recurrence.byWeekday?.map((d) => Weekday.fromStr(d)),
    until: recurrence.until ? new Date(`${recurrence.until}T23:59:59Z`) : undefined,
    count: recurrence.count,
  })
    .toString()
    .replace(/^RRULE:/, "");
}

const floating = (local: DateTime) => new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute));

/**
 * Occurrences of `rule` starting at `first` (an instant, read as wall-clock time in
 * `zone`), falling in [from, to). A wall-clock time the clocks skip on a DST day moves
 * forward by the gap, as a person would expect ("09:00 or as soon after as exists").
 */
export function occurrences(rule: string, first: Date, zone: string, from: Date, to: Date): Date[] {
  const start = DateTime.fromJSDate(first, { zone });
  const options = RRule.parseString(rule);
  const rrule = new RRule({ ...options, dtstart: floating(start) });
  const margin = 2 * 86_400_000;
  const window = rrule.between(new Date(from.getTime() - margin), new Date(to.getTime() + margin), true);
  return window
    .map((f) => DateTime.fromObject({ year: f.getUTCFullYear(), month: f.getUTCMonth() + 1, day: f.getUTCDate(), hour: f.getUTCHours(), minute: f.getUTCMinutes() }, { zone }).toJSDate())
    .filter((d) => d >= from && d < to);
}
