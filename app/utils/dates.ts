// Showing instants in a workspace's own time zone (the server's zone never matters).
import { DateTime } from "luxon";

export function dayKey(instant: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).toISODate() ?? "";
}

export function formatDay(isoDay: string, zone: string, locale = "en"): string {
  return DateTime.fromISO(isoDay, { zone }).setLocale(locale).toLocaleString({ weekday: "long", day: "numeric", month: "long" });
}

export function formatTime(instant: Date | string, zone: string, locale = "en"): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).setLocale(locale).toLocaleString(DateTime.TIME_24_SIMPLE);
}

export function formatDateTime(instant: Date | string, zone: string, locale = "en"): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
}
