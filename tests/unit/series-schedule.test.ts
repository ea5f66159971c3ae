import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type SeriesRule, expand, frequencies, missingChoices, namesMissingDates, nextOccurrences, repetitionSchema, toRRule, weekdays } from "~/domain/series-schedule";

const rule = (over: Partial<SeriesRule>): SeriesRule => ({
  freq: "daily",
  interval: 1,
  byWeekday: [],
  until: null,
  count: null,
  missing: "last-day",
  startDate: "2026-03-27",
  time: "09:00",
  timeZone: "Europe/Warsaw",
  ...over,
});
const wall = (r: SeriesRule, options: Parameters<typeof expand>[1] = {}) => expand(r, options).occurrences.map((o) => `${o.date} ${o.time}`);
const local = (iso: string, zone = "Europe/Warsaw") => DateTime.fromISO(iso, { zone }).toJSDate();

describe("series schedule", () => {
  it("keeps 09:00 local across the spring and autumn changes, in Warsaw and New York", () => {
    expect(wall(rule({ count: 4 }))).toEqual(["2026-03-27 09:00", "2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00"]);
    const autumn = expand(rule({ startDate: "2026-10-24", count: 3 })).occurrences;
    expect(autumn.map((o) => o.time)).toEqual(["09:00", "09:00", "09:00"]);
    expect((autumn[1]!.at.getTime() - autumn[0]!.at.getTime()) / 3_600_000).toBe(25);
    const newYork = rule({ startDate: "2026-03-07", timeZone: "America/New_York", count: 3 });
    expect(expand(newYork).occurrences.map((o) => DateTime.fromJSDate(o.at, { zone: "America/New_York" }).toFormat("yyyy-MM-dd HH:mm"))).toEqual([
      "2026-03-07 09:00",
      "2026-03-08 09:00",
      "2026-03-09 09:00",
    ]);
  });

  it("gives the repeated autumn hour exactly one post, the first, and says so", () => {
    const { occurrences } = expand(rule({ startDate: "2026-10-24", time: "02:30", count: 3 }));
    expect(occurrences.map((o) => `${o.date} ${o.time}`)).toEqual(["2026-10-24 02:30", "2026-10-25 02:30", "2026-10-26 02:30"]);
    expect(occurrences[1]!.adjustments).toEqual(["first-of-two"]);
    expect(occurrences[1]!.at.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("says when a time the clocks skip moves after the change, or skips it when asked (finding 5)", () => {
    const shifted = expand(rule({ startDate: "2026-03-28", time: "02:30", count: 3 })).occurrences;
    expect(shifted.map((o) => `${o.date} ${o.time}`)).toEqual(["2026-03-28 02:30", "2026-03-29 03:30", "2026-03-30 02:30"]);
    expect(shifted.map((o) => o.adjustments)).toEqual([[], ["after-clock-change"], []]);
    const skipping = expand(rule({ startDate: "2026-03-28", time: "02:30", count: 3, missing: "skip" }));
    expect(skipping.occurrences.map((o) => o.date)).toEqual(["2026-03-28", "2026-03-30", "2026-03-31"]);
    expect(skipping.skipped).toEqual([{ key: "2026-03-29", reason: "clock-gap" }]);
  });

  it("never skips 29 February silently: skip (named), the last day, or 1 March (finding 4)", () => {
    const leap = { freq: "yearly" as const, startDate: "2028-02-29", time: "12:00", count: 3 };
    const skip = expand(rule({ ...leap, missing: "skip" }));
    expect(skip.occurrences.map((o) => o.date)).toEqual(["2028-02-29", "2032-02-29", "2036-02-29"]);
    expect(skip.skipped.map((s) => s.key)).toEqual(["2029-02-29", "2030-02-29", "2031-02-29", "2033-02-29", "2034-02-29", "2035-02-29"]);
    expect(skip.skipped.every((s) => s.reason === "no-such-day")).toBe(true);
    const last = expand(rule({ ...leap, missing: "last-day" })).occurrences;
    expect(last.map((o) => [o.key, o.date, o.adjustments])).toEqual([
      ["2028-02-29", "2028-02-29", []],
      ["2029-02-29", "2029-02-28", ["last-day"]],
      ["2030-02-29", "2030-02-28", ["last-day"]],
    ]);
    expect(expand(rule({ ...leap, missing: "next-valid" })).occurrences.map((o) => o.date)).toEqual(["2028-02-29", "2029-03-01", "2030-03-01"]);
  });

  it("gives every month a post for the 31st unless skipping was chosen, and names the skipped months", () => {
    const monthly = { freq: "monthly" as const, startDate: "2027-01-31", count: 6 };
    expect(wall(rule({ ...monthly, missing: "last-day" }))).toEqual(["2027-01-31 09:00", "2027-02-28 09:00", "2027-03-31 09:00", "2027-04-30 09:00", "2027-05-31 09:00", "2027-06-30 09:00"]);
    expect(wall(rule({ ...monthly, missing: "next-valid" })).slice(0, 3)).toEqual(["2027-01-31 09:00", "2027-03-01 09:00", "2027-03-31 09:00"]);
    const skip = expand(rule({ ...monthly, missing: "skip" }));
    expect(skip.occurrences.map((o) => o.date)).toEqual(["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31", "2027-08-31", "2027-10-31"]);
    expect(skip.skipped.map((s) => s.key)).toEqual(["2027-02-31", "2027-04-31", "2027-06-31", "2027-09-31"]);
  });

  it("shows the next occurrences however far away they are", () => {
    const next = nextOccurrences(rule({ freq: "yearly", startDate: "2028-02-29", missing: "skip" }), local("2026-11-23T00:00"), 5);
    expect(next.occurrences.map((o) => o.date)).toEqual(["2028-02-29", "2032-02-29", "2036-02-29", "2040-02-29", "2044-02-29"]);
    expect(next.skipped).toHaveLength(12);
  });

  it("repeats weekly on chosen days and ends by count or by date", () => {
    expect(wall(rule({ freq: "weekly", startDate: "2026-12-01", time: "12:00", byWeekday: ["TU", "TH"], until: "2026-12-10" }))).toEqual([
      "2026-12-01 12:00",
      "2026-12-03 12:00",
      "2026-12-08 12:00",
      "2026-12-10 12:00",
    ]);
    expect(wall(rule({ freq: "weekly", interval: 2, startDate: "2026-12-02", count: 3 }))).toEqual(["2026-12-02 09:00", "2026-12-16 09:00", "2026-12-30 09:00"]);
    expect(toRRule({ freq: "weekly", interval: 2, byWeekday: ["TU"], until: null, count: 3, missing: "skip" })).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3");
  });

  it("indexes occurrences from the series' start whatever the window", () => {
    const window = expand(rule({ startDate: "2026-01-01" }), { from: local("2026-01-10T00:00"), to: local("2026-01-12T00:00") }).occurrences;
    expect(window.map((o) => [o.key, o.index])).toEqual([
      ["2026-01-10", 9],
      ["2026-01-11", 10],
    ]);
  });

  it("asks about missing dates only where the rule can meet one", () => {
    expect(namesMissingDates({ freq: "monthly", startDate: "2027-01-29" })).toBe(true);
    expect(namesMissingDates({ freq: "monthly", startDate: "2027-01-28" })).toBe(false);
    expect(namesMissingDates({ freq: "yearly", startDate: "2028-02-29" })).toBe(true);
    expect(repetitionSchema.safeParse({ freq: "daily", until: "2027-01-01", count: 3 }).success).toBe(false);
  });

  const zones = ["Europe/Warsaw", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "UTC"];
  const anyRule = fc.record({
    freq: fc.constantFrom(...frequencies),
    interval: fc.integer({ min: 1, max: 4 }),
    byWeekday: fc.subarray([...weekdays]),
    until: fc.constant(null),
    count: fc.integer({ min: 1, max: 40 }),
    missing: fc.constantFrom(...missingChoices),
    startDate: fc.date({ min: new Date("2025-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    time: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
    timeZone: fc.constantFrom(...zones),
  });

  it("property: occurrences are in order, one per key, at the rule's local time unless adjusted, and every date is made or named", () => {
    fc.assert(
      fc.property(anyRule, (r) => {
        const { occurrences, skipped } = expand(r);
        expect(occurrences).toHaveLength(r.count);
        const keys = [...occurrences.map((o) => o.key), ...skipped.map((s) => s.key)];
        expect(new Set(keys).size).toBe(keys.length);
        occurrences.forEach((o, i) => {
          expect(o.index).toBe(i);
          if (i > 0) expect(o.at.getTime()).toBeGreaterThan(occurrences[i - 1]!.at.getTime());
          const seen = DateTime.fromJSDate(o.at, { zone: r.timeZone });
          expect(`${seen.toISODate()} ${seen.toFormat("HH:mm")}`).toBe(`${o.date} ${o.time}`);
          if (!o.adjustments.includes("after-clock-change")) expect(o.time).toBe(r.time);
          if (!o.adjustments.includes("last-day") && !o.adjustments.includes("next-day") && !o.adjustments.includes("after-clock-change")) expect(o.date).toBe(o.key);
        });
        if (r.missing !== "skip") expect(skipped).toEqual([]);
        // A window sees the same occurrences as the whole series, with the same indexes.
        const from = occurrences[Math.floor(occurrences.length / 2)]!.at;
        expect(expand(r, { from }).occurrences).toEqual(occurrences.filter((o) => o.at >= from));
      }),
      { numRuns: 300 },
    );
  });
});
