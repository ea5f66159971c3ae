// Dates and times people type or put in a URL, checked in one place: a real calendar day
// in a year a plan can be about, a 24-hour time that exists on a clock. Year 0000, month
// 13 or 24:00 used to reach luxon, JavaScript dates and PostgreSQL and fail there (a 500).
import { DateTime } from "luxon";
import { z } from "zod";

/** A plan is about the years a person can schedule in; outside them a date is a typo. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2200;

const inRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** "2026-12-03" when it is a real day in the years above, else false. */
export function isPlanDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = DateTime.fromISO(value, { zone: "UTC" });
  return day.isValid && inRange(day.year);
}

/** "09:30", "23:59": 24-hour, two digits each; 24:00 is tomorrow's 00:00 and refused. */
export const isClockTime = (value: unknown): value is string => typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** An ISO date-time with an offset or Z (a range in a URL), in the years above. */
export function isPlanInstant(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 40 || !z.iso.datetime({ offset: true }).safeParse(value).success) return false;
  const instant = DateTime.fromISO(value, { zone: "UTC" });
  return instant.isValid && inRange(instant.year);
}

const dateMessage = `a real day between ${MIN_YEAR} and ${MAX_YEAR}, written YYYY-MM-DD`;

export const planDateSchema = (message = `Choose ${dateMessage}`) => z.string({ error: message }).refine(isPlanDate, { message });

export const clockTimeSchema = (message = "Choose a time from 00:00 to 23:59") => z.string({ error: message }).refine(isClockTime, { message });

/** "2026-12-03T09:30", as a datetime-local field sends it. */
export const localDateTimeSchema = (message = "Choose a date and time") =>
  z.string({ error: message }).refine((value) => {
    const [date, time, ...rest] = value.split("T");
    return rest.length === 0 && isPlanDate(date) && isClockTime(time);
  }, { message });

export const planInstantSchema = (message = `Give ${dateMessage.replace("YYYY-MM-DD", "as an ISO date-time")}`) =>
  z.string({ error: message }).refine(isPlanInstant, { message });

/** 03.12.2026 (Polish spreadsheets) or 2026-12-03 → 2026-12-03; null when not a plan date. */
export function parseSpreadsheetDate(value: string): string | null {
  const pl = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = pl ? `${pl[3]}-${pl[2]!.padStart(2, "0")}-${pl[1]!.padStart(2, "0")}` : value;
  return isPlanDate(iso) ? iso : null;
}
