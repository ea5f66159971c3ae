// Showing instants in a workspace's own time zone (the server's zone never matters).
import { DateTime } from "luxon";

export function formatDateTime(instant: Date | string, zone: string, locale = "en"): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
}
