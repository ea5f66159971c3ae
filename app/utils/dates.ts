// The one way Rytm writes a date or a time for people: in the zone it belongs to (a
// workspace's, never the server's), with the language's own day and month names, a 24-hour
// clock, and the same order everywhere — "Mon 7 Dec 2026, 12:30" / "pon. 7 gru 2026, 12:30".
// The calendar's short forms leave the year out where the page says it already.
import { DateTime } from "luxon";

const at = (instant: Date | string | number, zone: string, locale: string) =>
  (typeof instant === "number" ? DateTime.fromMillis(instant, { zone }) : DateTime.fromJSDate(new Date(instant), { zone })).setLocale(locale);

/** A moment with its year: "Mon 7 Dec 2026, 12:30". */
export function formatDateTime(instant: Date | string | number, zone: string, locale = "en"): string {
  return at(instant, zone, locale).toFormat("ccc d MMM yyyy, HH:mm");
}

/** A day with its year: "Mon 7 Dec 2026". */
export function formatDate(instant: Date | string | number, zone: string, locale = "en"): string {
  return at(instant, zone, locale).toFormat("ccc d MMM yyyy");
}

/** The calendar's moment without the year, which its heading already says: "Mon 7 Dec, 12:30". */
export function formatDayTime(instant: Date | string | number, zone: string, locale = "en"): string {
  return at(instant, zone, locale).toFormat("ccc d LLL, HH:mm");
}

/** A time of day, with the weekday when asked (a time beside one on another day): "12:30", "Tue 12:30". */
export function formatTime(instant: Date | string | number, zone: string, locale = "en", withWeekday = false): string {
  return at(instant, zone, locale).toFormat(withWeekday ? "ccc HH:mm" : "HH:mm");
}
