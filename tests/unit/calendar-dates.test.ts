import { describe, expect, it } from "vitest";
import { isClockTime, isPlanDate, isPlanInstant, localDateTimeSchema, parseSpreadsheetDate } from "~/domain/calendar-dates";
import { calendarQuerySchema } from "~/domain/calendar-range";
import { moveSchema } from "~/domain/post-actions";
import { postFormSchema } from "~/domain/post-form";
import { parsePlanCsv } from "~/domain/plan-csv";
import { defaultCategories } from "~/domain/mix-rules-settings";

describe("plan dates", () => {
  it("refuse impossible days and years no plan is about", () => {
    for (const bad of ["0000-01-01", "0001-01-01", "1999-12-31", "2201-01-01", "9999-12-31", "2026-13-45", "2026-02-30", "2026-00-10", "2026-1-5", "+275760-09-13", "2026-02-29", " 2026-01-01", "2026-01-01\u0000"]) {
      expect(isPlanDate(bad), bad).toBe(false);
    }
    for (const good of ["2000-01-01", "2028-02-29", "2026-12-31", "2200-12-31"]) expect(isPlanDate(good), good).toBe(true);
  });

  it("read Polish spreadsheet dates too", () => {
    expect(parseSpreadsheetDate("3.12.2026")).toBe("2026-12-03");
    expect(parseSpreadsheetDate("31.02.2026")).toBeNull();
    expect(parseSpreadsheetDate("01.01.0000")).toBeNull();
  });

  it("date-times in a URL must be ISO with a zone, in the same years", () => {
    expect(isPlanInstant("2026-12-03T09:00:00.000Z")).toBe(true);
    expect(isPlanInstant("2026-12-03T09:00:00+01:00")).toBe(true);
    for (const bad of ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-12-03", "2026-12-03T25:00:00Z", "x"]) expect(isPlanInstant(bad), bad).toBe(false);
  });
});

describe("clock times", () => {
  it("are 00:00 to 23:59; 24:00 is refused", () => {
    for (const bad of ["24:00", "23:60", "9:30", "09:3", "99:99", "-1:00", "09:30:00"]) expect(isClockTime(bad), bad).toBe(false);
    for (const good of ["00:00", "09:30", "23:59"]) expect(isClockTime(good)).toBe(true);
    expect(localDateTimeSchema().safeParse("2026-12-03T24:00").success).toBe(false);
    expect(localDateTimeSchema().safeParse("2026-12-03T23:59").success).toBe(true);
  });
});

describe("every date a person gives goes through them", () => {
  it("the editor, the move form, the calendar URL and the CSV format", () => {
    const post = { title: "T", category: "news", date: "2026-12-03", time: "09:00", variants: [] };
    expect(postFormSchema.safeParse({ ...post, date: "0000-01-01" }).success).toBe(false);
    expect(postFormSchema.safeParse({ ...post, time: "24:00" }).success).toBe(false);
    expect(postFormSchema.safeParse({ ...post, repeat: "daily", ends: "until", until: "2026-13-45" }).success).toBe(false);
    expect(moveSchema.safeParse({ postId: "p1", date: "0000-01-01", time: "09:00" }).success).toBe(false);
    expect(calendarQuerySchema.parse({ date: "0000-01-01" }).date).toBeUndefined();
    const csv = "date,time,channel,category,text\n0000-01-01,24:00,x,news,Hello\n";
    const { problems } = parsePlanCsv(csv, { defaultTimeZone: "UTC", categories: defaultCategories });
    expect(problems.map((p) => p.column)).toEqual(["date", "time"]);
  });
});
