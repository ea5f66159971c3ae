// A series' nominal date in words, also one that does not exist (31 Feb 2027): the rule names
// it, and people are told about it by the name it has.
import { DateTime } from "luxon";

export function formatNominal(key: string, locale: string): string {
  const date = DateTime.fromISO(key);
  if (date.isValid) return date.setLocale(locale).toFormat("ccc d LLL yyyy");
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  return `${day} ${DateTime.utc(year, month, 1).setLocale(locale).toFormat("LLL yyyy")}`;
}

/** "29 Feb" and 29: how a yearly or monthly series names its day. */
export function anchorOf(key: string, locale: string) {
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  return { day, dayMonth: `${day} ${DateTime.utc(year, month, 1).setLocale(locale).toFormat("LLL")}` };
}
