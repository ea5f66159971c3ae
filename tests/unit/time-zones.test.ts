import { describe, expect, it } from "vitest";
import { describeTimeZone, isTimeZone, timeZoneNames } from "~/domain/time-zones";

describe("time zones", () => {
  it("accepts IANA names and refuses fixed offsets and nonsense", () => {
    expect(isTimeZone("Europe/Warsaw")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Etc/GMT+2")).toBe(false);
    expect(isTimeZone("UTC+01:00")).toBe(false);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("offers every zone a workspace may choose", () => {
    const names = timeZoneNames();
    expect(names).toContain("Europe/Warsaw");
    expect(names).toContain("UTC");
    expect(names.every(isTimeZone)).toBe(true);
  });

  it("describes the offset in force at the moment, summer and winter", () => {
    expect(describeTimeZone("Europe/Warsaw", new Date("2026-01-15T12:00:00Z"))).toBe("Europe/Warsaw (UTC+01:00)");
    expect(describeTimeZone("Europe/Warsaw", new Date("2026-07-15T12:00:00Z"))).toBe("Europe/Warsaw (UTC+02:00)");
  });
});
