import { describe, expect, it } from "vitest";
import { calendarRange } from "~/domain/calendar-range";
import { resolveLocalTime } from "~/domain/local-time";
import { dropAt, exists, openingMinutes, placeOf, sideBySide, skippedStretch, slotOf, snap, step } from "~/domain/week-grid";

// The weeks the clocks change in 2027: Warsaw goes forward on Sunday 28 March (02:00 → 03:00)
// and back on Sunday 31 October (03:00 → 02:00); New York forward on Sunday 14 March and back
// on Sunday 7 November (02:00 → 01:00).
const WARSAW = "Europe/Warsaw";
const NEW_YORK = "America/New_York";

describe("the week grid on the days the clocks change", () => {
  it("moves a drop on 02:30 of the spring-forward day to the same time after the jump, 03:30, in Warsaw and New York", () => {
    const warsaw = dropAt("2027-03-28", 150, WARSAW);
    expect(warsaw).toEqual({ slot: { date: "2027-03-28", time: "03:30" }, at: new Date("2027-03-28T01:30:00Z"), adjusted: "after-clock-change" });
    const newYork = dropAt("2027-03-14", 150, NEW_YORK);
    expect(newYork).toEqual({ slot: { date: "2027-03-14", time: "03:30" }, at: new Date("2027-03-14T07:30:00Z"), adjusted: "after-clock-change" });
    // The slot sent to the move action exists, so the server resolves it to the same moment.
    for (const [drop, zone] of [[warsaw, WARSAW], [newYork, NEW_YORK]] as const) {
      expect(resolveLocalTime(drop.slot.date, drop.slot.time, zone)).toEqual({ kind: "ok", instant: drop.at });
    }
  });

  it("keeps the other slots of those days at their clock time, in the zone's offset of that moment", () => {
    expect(dropAt("2027-03-28", 105, WARSAW)).toMatchObject({ at: new Date("2027-03-28T00:45:00Z"), adjusted: null });
    expect(dropAt("2027-03-28", 180, WARSAW)).toMatchObject({ at: new Date("2027-03-28T01:00:00Z"), adjusted: null });
    expect(dropAt("2027-03-14", 14 * 60 + 15, NEW_YORK)).toMatchObject({ slot: { date: "2027-03-14", time: "14:15" }, at: new Date("2027-03-14T18:15:00Z") });
    // The day before, New York is still 5 hours behind UTC.
    expect(dropAt("2027-03-13", 14 * 60 + 15, NEW_YORK).at).toEqual(new Date("2027-03-13T19:15:00Z"));
  });

  it("takes the first of a time that happens twice when the clocks go back, and Undo names the one a post was at", () => {
    expect(dropAt("2027-10-31", 150, WARSAW)).toEqual({ slot: { date: "2027-10-31", time: "02:30", dst: "earlier" }, at: new Date("2027-10-31T00:30:00Z"), adjusted: "first-of-two" });
    expect(dropAt("2027-11-07", 90, NEW_YORK)).toEqual({ slot: { date: "2027-11-07", time: "01:30", dst: "earlier" }, at: new Date("2027-11-07T05:30:00Z"), adjusted: "first-of-two" });
    expect(slotOf("2027-10-31T00:30:00Z", WARSAW)).toEqual({ date: "2027-10-31", time: "02:30", dst: "earlier" });
    expect(slotOf("2027-10-31T01:30:00Z", WARSAW)).toEqual({ date: "2027-10-31", time: "02:30", dst: "later" });
    expect(slotOf("2027-11-07T06:30:00Z", NEW_YORK)).toEqual({ date: "2027-11-07", time: "01:30", dst: "later" });
    expect(slotOf("2027-03-28T09:00:00Z", WARSAW)).toEqual({ date: "2027-03-28", time: "11:00" });
    // Both 02:30s sit in the 02:30 row: the grid is the wall clock.
    expect(placeOf("2027-10-31T00:30:00Z", WARSAW)).toEqual({ date: "2027-10-31", minutes: 150 });
    expect(placeOf("2027-10-31T01:30:00Z", WARSAW)).toEqual({ date: "2027-10-31", minutes: 150 });
  });

  it("greys out the hour the clocks skip, and the keyboard steps over it", () => {
    expect(skippedStretch("2027-03-28", WARSAW)).toEqual({ from: 120, to: 180 });
    expect(skippedStretch("2027-03-14", NEW_YORK)).toEqual({ from: 120, to: 180 });
    expect(skippedStretch("2027-10-31", WARSAW)).toBeNull();
    expect(skippedStretch("2027-03-27", WARSAW)).toBeNull();
    expect(exists("2027-03-28", 135, WARSAW)).toBe(false);
    const week = calendarRange("week", "2027-03-28", WARSAW).days;
    expect(week).toEqual(["2027-03-22", "2027-03-23", "2027-03-24", "2027-03-25", "2027-03-26", "2027-03-27", "2027-03-28"]);
    expect(step("week", { date: "2027-03-28", minutes: 105 }, "ArrowDown", false, week, WARSAW)).toEqual({ date: "2027-03-28", minutes: 180 });
    expect(step("week", { date: "2027-03-28", minutes: 180 }, "ArrowUp", false, week, WARSAW)).toEqual({ date: "2027-03-28", minutes: 105 });
    expect(step("week", { date: "2027-03-28", minutes: 60 }, "ArrowDown", true, week, WARSAW)).toEqual({ date: "2027-03-28", minutes: 180 });
    // From Saturday's 02:30 to Sunday's: a slot that does not exist; a drop there lands at 03:30.
    expect(step("week", { date: "2027-03-27", minutes: 150 }, "ArrowRight", false, week, WARSAW)).toEqual({ date: "2027-03-28", minutes: 150 });
  });
});

describe("moving through the grid", () => {
  const week = calendarRange("week", "2026-12-09", WARSAW).days;
  it("steps by a day sideways, 15 minutes or an hour up and down, and stops at the edges of what is shown", () => {
    const from = { date: "2026-12-09", minutes: 600 };
    expect(step("week", from, "ArrowLeft", false, week, WARSAW)).toEqual({ date: "2026-12-08", minutes: 600 });
    expect(step("week", from, "ArrowDown", false, week, WARSAW)).toEqual({ date: "2026-12-09", minutes: 615 });
    expect(step("week", from, "ArrowUp", true, week, WARSAW)).toEqual({ date: "2026-12-09", minutes: 540 });
    expect(step("week", { date: "2026-12-07", minutes: 0 }, "ArrowLeft", false, week, WARSAW)).toEqual({ date: "2026-12-07", minutes: 0 });
    expect(step("week", { date: "2026-12-07", minutes: 0 }, "ArrowUp", false, week, WARSAW)).toEqual({ date: "2026-12-07", minutes: 0 });
    expect(step("week", { date: "2026-12-07", minutes: 1425 }, "ArrowDown", false, week, WARSAW)).toEqual({ date: "2026-12-07", minutes: 1425 });
    const month = calendarRange("month", "2026-12-09", WARSAW).days;
    expect(step("month", from, "ArrowDown", false, month, WARSAW)).toEqual({ date: "2026-12-16", minutes: 600 });
    expect(step("month", from, "ArrowRight", true, month, WARSAW)).toEqual({ date: "2026-12-10", minutes: 600 });
    expect(step("month", { date: "2026-11-30", minutes: 600 }, "ArrowUp", false, month, WARSAW)).toEqual({ date: "2026-11-30", minutes: 600 });
  });

  it("snaps a pointer to the quarter hour within the day", () => {
    expect([snap(-20), snap(7), snap(8), snap(607), snap(1439), snap(2000)]).toEqual([0, 0, 15, 600, 1425, 1425]);
  });

  it("puts overlapping cards side by side and the others full width", () => {
    const placed = sideBySide([
      { key: "a", minutes: 540 },
      { key: "b", minutes: 570 },
      { key: "c", minutes: 600 },
      { key: "d", minutes: 720 },
    ]);
    // a 9:00–10:00 and b 9:30–10:30 overlap; c at 10:00 takes a's column again; d stands alone.
    expect(Object.fromEntries(placed)).toEqual({ a: { column: 0, columns: 2 }, b: { column: 1, columns: 2 }, c: { column: 0, columns: 2 }, d: { column: 0, columns: 1 } });
  });

  it("opens an hour before the working day, or before an earlier post", () => {
    expect(openingMinutes([])).toBe(420);
    expect(openingMinutes([{ date: "2026-12-09", minutes: 14 * 60 }])).toBe(420);
    expect(openingMinutes([{ date: "2026-12-09", minutes: 5 * 60 + 45 }])).toBe(240);
    expect(openingMinutes([{ date: "2026-12-09", minutes: 20 }])).toBe(0);
  });
});
