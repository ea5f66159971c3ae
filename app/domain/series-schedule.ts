// When a recurring series' posts happen. A series repeats in its own wall-clock time: "every
// Tuesday at 09:00 Europe/Warsaw" stays 09:00 through DST changes. Each occurrence is known
// by its nominal date (the RFC 5545 RECURRENCE-ID: the date the rule names, even one that does
// not exist, like 31 April), so a moved, edited or cancelled occurrence is still the same one.
//
// rrule's own expansion silently drops dates that do not exist (RFC 5545: 29 February in 2029,
// the 31st of April), which is how people lost posts without a word; here every such date is
// an explicit outcome the person chose (skip, last day of the month, next valid date) and every
// adjusted or skipped date is reported. The RRULE text is still rrule's (for export).
import { DateTime } from "luxon";
import * as rrulePackage from "rrule";
import { z } from "zod";
import { planDateSchema } from "./calendar-dates";
import { zoneOffsets } from "./zone-offsets";

export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof weekdays)[number];
export const frequencies = ["daily", "weekly", "monthly", "yearly"] as const;
export type Frequency = (typeof frequencies)[number];
/** What happens on a date or time that does not exist: 29 February, the 31st, a DST gap. */
export const missingChoices = ["skip", "last-day", "next-valid"] as const;
export type MissingChoice = (typeof missingChoices)[number];

export const MAX_COUNT = 1000;

/** How often, how long, and what to do with dates that do not exist. */
export const repetitionSchema = z
  .object({
    freq: z.enum(frequencies, { error: "Choose how often it repeats" }),
    interval: z.number().int().min(1).max(99).default(1),
    byWeekday: z.array(z.enum(weekdays)).max(7).default([]),
    until: planDateSchema().nullable().default(null),
    count: z.number().int().min(1).max(MAX_COUNT).nullable().default(null),
    missing: z.enum(missingChoices).default("last-day"),
  })
  .refine((r) => !(r.until && r.count), { message: "End either on a date or after a number of times, not both" });
export type Repetition = z.infer<typeof repetitionSchema>;

/** A repetition anchored at a first local date and time in a zone. */
export type SeriesRule = Repetition & { startDate: string; time: string; timeZone: string };

export type Adjustment =
  /** The month has no such day: its last day instead. */
  | "last-day"
  /** The month has no such day: the first day after it. */
  | "next-day"
  /** The clocks skip this time that day: the same time after the jump. */
  | "after-clock-change"
  /** The time happens twice that day (clocks go back): the first of the two. */
  | "first-of-two";

export type Occurrence = {
  /** The nominal date the rule names (YYYY-MM-DD, possibly one that does not exist). */
  key: string;
  /** 0-based, among the occurrences made (skipped dates do not count). */
  index: number;
  /** Where it really is, in the series' zone. */
  date: string;
  time: string;
  at: Date;
  adjustments: Adjustment[];
};
export type Skip = { key: string; reason: "no-such-day" | "clock-gap" };
export type Expansion = { occurrences: Occurrence[]; skipped: Skip[]; ended: boolean };

const HOUR = 3_600_000;
// A series never needs more candidates than this: 1000 posts, or 400 years of a yearly rule.
const MAX_CANDIDATES = 20_000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDate = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => DateTime.utc(y, m, 1).daysInMonth!;

type Nominal = { key: string; y: number; m: number; d: number };

/** The dates the rule names, in order, before anything is adjusted. */
function* nominalDates(rule: SeriesRule): Generator<Nominal> {
  // A monthly or yearly series may start from a nominal date that does not exist (it was
  // started again from its 29 February): its numbers are what count.
  const [year, month, dayOfMonth] = rule.startDate.split("-").map(Number) as [number, number, number];
  const start = DateTime.utc(year, month, Math.min(dayOfMonth, daysIn(year, month)));
  const day = (dt: DateTime): Nominal => ({ key: dt.toISODate()!, y: dt.year, m: dt.month, d: dt.day });
  for (let k = 0; ; k++) {
    if (rule.freq === "daily") yield day(start.plus({ days: k * rule.interval }));
    else if (rule.freq === "weekly") {
      const days = rule.byWeekday.length ? [...new Set(rule.byWeekday)].map((w) => weekdays.indexOf(w)).sort((a, b) => a - b) : [start.weekday - 1];
      const monday = start.minus({ days: start.weekday - 1 }).plus({ weeks: k * rule.interval });
      for (const offset of days) {
        const date = monday.plus({ days: offset });
        if (date >= start) yield day(date);
      }
    } else {
      const months = rule.freq === "monthly" ? k * rule.interval : k * rule.interval * 12;
      const first = DateTime.utc(year, month, 1).plus({ months });
      yield { key: isoDate(first.year, first.month, dayOfMonth), y: first.year, m: first.month, d: dayOfMonth };
    }
  }
}

/** The first instant a nominal date's period could hold, to stop at `until` without missing a last-day. */
const periodStart = (rule: SeriesRule, n: Nominal) => (rule.freq === "monthly" || rule.freq === "yearly" ? isoDate(n.y, n.m, 1) : n.key);

/** A series as the post page tells it, seen from one of its posts (app/models/series.server.ts makes it). */
export type SeriesSummary = {
  id: string;
  repetition: Repetition;
  /** The date the rule counts from (its day of the month or of the year). */
  anchor: string;
  time: string;
  timeZone: string;
  stoppedFrom: string | null;
  /** This post's place in it: its nominal date, its number, and what the rule adjusted. */
  occurrence: { key: string; number: number; adjustments: Adjustment[]; moved: boolean } | null;
  /** The next few dates the rule names from this post on, and the dates it skips among them. */
  upcoming: { key: string; date: string; time: string; adjustments: Adjustment[] }[];
  skipped: Skip[];
};

export type Placed = { at: Date; date: string; time: string; adjustments: Adjustment[] } | { skipped: "clock-gap" };

/**
 * A local date and time in a zone → one instant. The repeated autumn hour gives the first of
 * the two; a time the clocks skip is skipped or becomes the same clock time after the jump
 * (RFC 5545's reading: the offset from before the change).
 */
export function placeLocal(date: string, time: string, zone: string, missing: MissingChoice): Placed {
  const wall = DateTime.fromISO(`${date}T${time}`, { zone: "UTC" }).toMillis();
  const offsetAt = zoneOffsets(zone);
  const candidates = [...new Set([offsetAt(wall - 24 * HOUR), offsetAt(wall), offsetAt(wall + 24 * HOUR)])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant) === wall - instant)
    .sort((a, b) => a - b);
  if (candidates.length > 0) {
    return { at: new Date(candidates[0]!), date, time, adjustments: candidates.length > 1 ? ["first-of-two"] : [] };
  }
  if (missing === "skip") return { skipped: "clock-gap" };
  const at = wall - offsetAt(wall - 24 * HOUR);
  const local = DateTime.fromMillis(at, { zone });
  return { at: new Date(at), date: local.toISODate()!, time: local.toFormat("HH:mm"), adjustments: ["after-clock-change"] };
}

type Options = { from?: Date; to?: Date; limit?: number };

/**
 * The series' occurrences with `from <= at < to` (and the dates skipped among them), at most
 * `limit` of them. Indexes count from the series' first occurrence whatever the window.
 */
export function expand(rule: SeriesRule, { from, to, limit = Number.POSITIVE_INFINITY }: Options = {}): Expansion {
  const occurrences: Occurrence[] = [];
  const skipped: Skip[] = [];
  let index = 0;
  let candidates = 0;
  const inWindow = (at: Date) => (!from || at >= from) && (!to || at < to);
  for (const nominal of nominalDates(rule)) {
    if (++candidates > MAX_CANDIDATES) return { occurrences, skipped, ended: false };
    if (rule.until && periodStart(rule, nominal) > rule.until) return { occurrences, skipped, ended: true };
    if (rule.count !== null && index >= rule.count) return { occurrences, skipped, ended: true };
    let date = nominal.key;
    const adjustments: Adjustment[] = [];
    if (nominal.d > daysIn(nominal.y, nominal.m)) {
      if (rule.missing === "skip") {
        if (rule.until === null || isoDate(nominal.y, nominal.m, daysIn(nominal.y, nominal.m)) <= rule.until) pushSkip(skipped, { key: nominal.key, reason: "no-such-day" }, isoDate(nominal.y, nominal.m, daysIn(nominal.y, nominal.m)), rule.timeZone, from, to);
        continue;
      }
      if (rule.missing === "last-day") {
        date = isoDate(nominal.y, nominal.m, daysIn(nominal.y, nominal.m));
        adjustments.push("last-day");
      } else {
        date = DateTime.utc(nominal.y, nominal.m, 1).plus({ months: 1 }).toISODate()!;
        adjustments.push("next-day");
      }
    }
    if (rule.until && date > rule.until) continue;
    const placed = placeLocal(date, rule.time, rule.timeZone, rule.missing);
    if ("skipped" in placed) {
      pushSkip(skipped, { key: nominal.key, reason: "clock-gap" }, date, rule.timeZone, from, to);
      continue;
    }
    const occurrence: Occurrence = { key: nominal.key, index: index++, date: placed.date, time: placed.time, at: placed.at, adjustments: [...adjustments, ...placed.adjustments] };
    if (!inWindow(occurrence.at)) {
      if (to && occurrence.at >= to) return { occurrences, skipped, ended: false };
      continue;
    }
    occurrences.push(occurrence);
    if (occurrences.length >= limit) return { occurrences, skipped, ended: false };
  }
  return { occurrences, skipped, ended: true };
}

/** A skipped date is reported with the window its day falls in. */
function pushSkip(skipped: Skip[], skip: Skip, day: string, zone: string, from?: Date, to?: Date) {
  const start = DateTime.fromISO(day, { zone });
  if (from && start.plus({ days: 1 }).toJSDate() <= from) return;
  if (to && start.toJSDate() >= to) return;
  skipped.push(skip);
}

/** The next `n` occurrences from `after` on, however far away, with the dates skipped among them. */
export function nextOccurrences(rule: SeriesRule, after: Date, n: number): Expansion {
  const found = expand(rule, { from: after, limit: n });
  const last = found.occurrences.at(-1);
  return { ...found, skipped: last ? found.skipped.filter((s) => s.key <= last.key) : found.skipped };
}

// rrule ships CommonJS to Node, whose ESM loader sees only its `default`, and ESM to Vite, which
// has named exports and no `default`. Reading `default` by name at run time keeps Rollup from
// warning that the ESM build lacks it.
const { RRule, Weekday: RRuleWeekday } = (Reflect.get(rrulePackage, "default") ?? rrulePackage) as typeof rrulePackage;
const rruleFreqs = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY, yearly: RRule.YEARLY };

/** The rule as RFC 5545 text (for export and for people who know it). */
export function toRRule(rule: Repetition): string {
  return new RRule({
    freq: rruleFreqs[rule.freq],
    interval: rule.interval,
    byweekday: rule.freq === "weekly" && rule.byWeekday.length ? rule.byWeekday.map((d) => RRuleWeekday.fromStr(d)) : undefined,
    until: rule.until ? new Date(`${rule.until}T23:59:59Z`) : undefined,
    count: rule.count ?? undefined,
  })
    .toString()
    .replace(/^RRULE:/, "");
}

/** Whether the rule can ever name a date that does not exist (so the editor asks what to do). */
export function namesMissingDates(rule: Pick<SeriesRule, "freq" | "startDate">): boolean {
  const day = Number(rule.startDate.slice(8, 10));
  if (rule.freq === "monthly") return day > 28;
  if (rule.freq === "yearly") return rule.startDate.slice(5, 10) === "02-29";
  return false;
}
