// `rytm lint` as a person runs it: the real bin, real files, exit codes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "rytm-lint-"));
const file = (name: string, content: string) => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};
const rytm = (...args: string[]) => spawnSync("node", ["bin/rytm.mjs", ...args], { encoding: "utf8" });

describe("rytm lint", () => {
  it("exits 1 on the example plan and explains each blocking violation by row", () => {
    const result = rytm("lint", "examples/plan.csv", "--timezone", "Europe/Warsaw");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("examples/plan.csv: 6 rows, 2 blocking");
    expect(result.stdout).toContain("Row 4 · Thu 3 Dec 2026, 12:30 · X · promotional");
    expect(result.stdout).toContain("BLOCK duplicate: The same text is planned on LinkedIn too (Wed 2 Dec, 09:00).");
    expect(result.stdout).toContain("BLOCK self-promotion: 2 of the last 3 LinkedIn posts are promotional; the limit is 1 in 4.");
  });

  it("speaks Polish and JSON", () => {
    const pl = rytm("lint", "examples/plan.csv", "--lang", "pl");
    expect(pl.stdout).toContain("Ten sam tekst jest zaplanowany także na LinkedIn");
    const json = JSON.parse(rytm("lint", "examples/plan.csv", "--format", "json").stdout);
    expect(json).toMatchObject({ valid: true, rows: 6, blocking: 2 });
    expect(json.violations.map((v: { rows: number[] }) => v.rows)).toEqual([[4, 3], [5, 3]]);
  });

  it("exits 0 on a clean plan: Excel's BOM, semicolons, Polish dates, multi-line text", () => {
    const clean = file("clean.csv", '\uFEFFdate;time;channel;category;text\r\n01.12.2026;09:00;mastodon;educational;"Pierwsza linia\r\ndruga linia"\r\n02.12.2026;09:00;Twitter;news;"Zupełnie inny tekst, o czymś innym"\r\n');
    const result = rytm("lint", clean);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("2 rows, 0 blocking, 0 warnings");
  });

  it("exits 2 on an invalid file, naming row, column and reason", () => {
    const bad = file("bad.csv", "date,time,channel,category,text\n2026-12-01,9:00,x,news,ok\n2026-02-30,10:00,myspace,news,hi\n2026-03-29,02:30,x,news,hi\n");
    const result = rytm("lint", bad);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('row 3, column "date": "2026-02-30" is not a date');
    expect(result.stdout).toContain('row 3, column "channel": "myspace" is neither a network');
    expect(result.stdout).toContain('row 4, column "time": 02:30 does not exist on 2026-03-29 in Europe/Warsaw');
  });

  it("exits 2 on a bad rules file or option, and reads channel names from the rules file", () => {
    expect(rytm("lint", "examples/plan.csv", "--rules", file("bad-rules.json", '{"selfPromotion":{"onePer":"four"}}')).stderr).toContain("selfPromotion.onePer");
    expect(rytm("lint", "examples/plan.csv", "--format", "xml").status).toBe(2);
    expect(rytm("lint", "examples/plan.csv", "--timezone", "Mars/Base").status).toBe(2);
    const rules = file("rules.json", JSON.stringify({ selfPromotion: { severity: "warn" }, duplicates: { severity: "warn" }, channels: [{ name: "Muzeum LinkedIn", network: "linkedin" }] }));
    const plan = file("named.csv", "date,time,channel,category,text\n2026-12-01,09:00,Muzeum LinkedIn,promotional,Bilety już w sprzedaży\n2026-12-02,09:00,Muzeum LinkedIn,promotional,Ostatnie bilety na piątek\n");
    const result = rytm("lint", plan, "--rules", rules);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("warn  self-promotion: 2 of the last 2 Muzeum LinkedIn posts are promotional");
  });
});
