// Fast, exact UTC offsets of an IANA zone. Asking the platform for an offset is slow
// (thousands of calls in a large plan); a zone changes its offset at most once in any
// two days, so where a UTC day starts and ends at the same offset, every instant in it
// has that offset, and only days with a change need the exact answer.
import { DateTime, FixedOffsetZone, IANAZone } from "luxon";

const DAY = 86_400_000;
const cache = new Map<string, (at: number) => number>();

/** A function from an instant (ms) to the zone's offset at that instant (ms). */
export function zoneOffsets(zone: string): (at: number) => number {
  let offsetAt = cache.get(zone);
  if (offsetAt) return offsetAt;
  const tz = IANAZone.create(zone);
  const dayStartOffsets = new Map<number, number>();
  const atDayStart = (day: number) => {
    let offset = dayStartOffsets.get(day);
    if (offset === undefined) dayStartOffsets.set(day, (offset = tz.offset(day * DAY) * 60_000));
    return offset;
  };
  offsetAt = (at: number) => {
    const day = Math.floor(at / DAY);
    const offset = atDayStart(day);
    return offset === atDayStart(day + 1) ? offset : tz.offset(at) * 60_000;
  };
  cache.set(zone, offsetAt);
  return offsetAt;
}

/** The instant as a luxon DateTime at the zone's offset then: formats without asking the platform again. */
export function localDateTime(zone: string, at: number): DateTime {
  return DateTime.fromMillis(at, { zone: FixedOffsetZone.instance(zoneOffsets(zone)(at) / 60_000) });
}
