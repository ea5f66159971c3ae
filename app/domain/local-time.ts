// A wall-clock date and time in a zone → one instant, saying so when the time does not
// exist (clocks jump forward) or happens twice (clocks go back) on a DST change day.
import { DateTime } from "luxon";
import { isTimeZone } from "./time-zones";
import { zoneOffsets } from "./zone-offsets";

export type LocalTimeResult =
  | { kind: "ok"; instant: Date }
  | { kind: "ambiguous"; instant: Date; later: Date }
  | { kind: "missing"; message: string };

const HOUR = 3_600_000;

export function resolveLocalTime(date: string, time: string, zoneName: string): LocalTimeResult {
  const wall = DateTime.fromISO(`${date}T${time}`, { zone: "UTC" });
  if (!wall.isValid || !isTimeZone(zoneName)) return { kind: "missing", message: `${date} ${time} is not a valid date and time in ${zoneName}` };
  const asUtc = wall.toMillis();
  const offsetAt = zoneOffsets(zoneName);
  // Any offset the zone uses within a day either side is a candidate; keep those that map back.
  const offsets = new Set([offsetAt(asUtc - 24 * HOUR), offsetAt(asUtc), offsetAt(asUtc + 24 * HOUR)]);
  const instants = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((instant) => offsetAt(instant) === asUtc - instant)
    .sort((a, b) => a - b);
  if (instants.length === 0) {
    return { kind: "missing", message: `${time} does not exist on ${date} in ${zoneName}: the clocks skip it for daylight saving time` };
  }
  if (instants.length > 1) return { kind: "ambiguous", instant: new Date(instants[0]!), later: new Date(instants.at(-1)!) };
  return { kind: "ok", instant: new Date(instants[0]!) };
}
