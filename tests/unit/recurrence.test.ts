import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { occurrences, recurrenceSchema, toRRule } from "~/domain/recurrence";

const zone = "Europe/Warsaw";
const local = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const wall = (dates: Date[]) => dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd HH:mm"));

describe("recurrence", () => {
  it("keeps 09:00 local across the spring and autumn DST changes", () => {
    const rule = toRRule({ freq: "daily", interval: 1 });
    const spring = wall(occurrences(rule, local("2026-03-27T09:00"), zone, local("2026-03-27T00:00"), local("2026-03-31T00:00")));
    expect(spring).toEqual(["2026-03-27 09:00", "2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00"]);
    const autumn = occurrences(rule, local("2026-10-24T09:00"), zone, local("2026-10-24T00:00"), local("2026-10-27T00:00"));
    expect(wall(autumn)).toEqual(["2026-10-24 09:00", "2026-10-25 09:00", "2026-10-26 09:00"]);
    // The instants differ by 25 hours across the change: wall-clock time is what is kept.
    expect((autumn[1]!.getTime() - autumn[0]!.getTime()) / 3_600_000).toBe(25);
  });

  it("moves a time the clocks skip forward by the gap", () => {
    const rule = toRRule({ freq: "daily", interval: 1 });
    expect(wall(occurrences(rule, local("2026-03-28T02:30"), zone, local("2026-03-28T00:00"), local("2026-03-30T00:00")))).toEqual(["2026-03-28 02:30", "2026-03-29 03:30"]);
  });

  it("repeats an anniversary every year on its date, weekly on chosen days, and ends by count or date", () => {
    const yearly = toRRule({ freq: "yearly", interval: 1, count: 3 });
    expect(wall(occurrences(yearly, local("2026-08-01T17:00"), zone, local("2026-01-01T00:00"), local("2035-01-01T00:00")))).toEqual([
      "2026-08-01 17:00",
      "2027-08-01 17:00",
      "2028-08-01 17:00",
    ]);
    const weekly = toRRule({ freq: "weekly", interval: 1, byWeekday: ["TU", "TH"], until: "2026-12-10" });
    expect(wall(occurrences(weekly, local("2026-12-01T12:00"), zone, local("2026-11-01T00:00"), local("2027-01-01T00:00")))).toEqual([
      "2026-12-01 12:00",
      "2026-12-03 12:00",
      "2026-12-08 12:00",
      "2026-12-10 12:00",
    ]);
  });

  it("refuses an end by both date and count, and nonsense", () => {
    expect(recurrenceSchema.safeParse({ freq: "daily", until: "2027-01-01", count: 3 }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ freq: "hourly" }).success).toBe(false);
  });
});
