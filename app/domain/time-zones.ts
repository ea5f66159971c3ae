// IANA time zones. A workspace keeps a zone name, never a fixed offset: offsets change at
// DST and a post at 09:00 Europe/Warsaw must stay at 09:00 all year.
import { DateTime, IANAZone } from "luxon";

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name) && !/^(Etc\/)?(GMT|UTC)[+-]/.test(name);
}

/** Zones offered in pickers: the platform's canonical list, plus UTC. */
export function timeZoneNames(): string[] {
  const names = Intl.supportedValuesOf("timeZone");
  return names.includes("UTC") ? names : ["UTC", ...names];
}

/** "Europe/Warsaw (UTC+01:00)" at the given moment. */
export function describeTimeZone(name: string, at: Date = new Date()): string {
  return `${name} (UTC${DateTime.fromJSDate(at, { zone: name }).toFormat("ZZ")})`;
}
