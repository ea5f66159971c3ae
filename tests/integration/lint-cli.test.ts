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
    expect(result.stdout).toContain("BLOCK duplicate: The same text is planned on LinkedIn too: “Nowa wystawa” (Wed 2 Dec, 09:00).");
    expect(result.stdout).toContain("involved: row 3");
    expect(result.stdout).toContain("BLOCK self-promotion: 2 of the last 3 posts on LinkedIn are promotional; the limit is 1 in 4.");
  });

  it("speaks Polish, every word of it, and JSON", () => {
    const pl = rytm("lint", "examples/plan.csv", "--lang", "pl");
    expect(pl.stdout).toContain("examples/plan.csv: 6 wierszy, 2 blokady, 0 ostrzeżeń (czas w strefie Europe/Warsaw)");
    expect(pl.stdout).toContain("Wiersz 4 · czw. 3 gru 2026, 12:30 · X · promotional");
    expect(pl.stdout).toContain("BLOKADA duplicate: Ten sam tekst jest zaplanowany także na LinkedInie: „Nowa wystawa” (śr. 2 gru, 09:00).");
    expect(pl.stdout).toContain("dotyczy też: wiersz 3");
    expect(pl.stdout).toContain("zaplanuj przed nim 3 posty niepromocyjne.");
    for (const english of ["BLOCK ", "warn ", "Row ", "row ", "involved", "rows", "note:"]) expect(pl.stdout).not.toContain(english);
    const invalid = rytm("lint", file("pl-bad.csv", "date,time,channel,category,text\n2026-02-30,10:00,myspace,news,hi\n2026-03-29,02:30,x,news,hi\n"), "--lang", "pl");
    expect(invalid.stdout).toContain("plik nie jest poprawnym planem (3 problemy)");
    expect(invalid.stdout).toContain("wiersz 2, kolumna „date”: „2026-02-30” to nie data");
    expect(invalid.stdout).toContain("wiersz 3, kolumna „time”: 02:30 nie istnieje 2026-03-29 w strefie Europe/Warsaw");
    const ambiguous = rytm("lint", file("pl-dst.csv", "date,time,channel,category,text\n2026-10-25,02:30,x,news,Jesień\n"), "--lang", "pl");
    expect(ambiguous.stdout).toContain("uwaga: 02:30 występuje 2026-10-25 w strefie Europe/Warsaw dwa razy");
    const json = JSON.parse(rytm("lint", "examples/plan.csv", "--format", "json").stdout);
    expect(json).toMatchObject({ valid: true, rows: 6, blocking: 2 });
    expect(json.violations.map((v: { rows: number[] }) => v.rows)).toEqual([[4, 3], [5, 3]]);
  });

  it("says an empty file is empty and a binary file is not a CSV, and refuses what X refuses", () => {
    const empty = rytm("lint", file("empty.csv", "\uFEFF \r\n"));
    expect(empty.status).toBe(2);
    expect(empty.stdout).toContain("file: the file is empty");
    const binary = rytm("lint", file("photo.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString("latin1")));
    expect(binary.status).toBe(2);
    expect(binary.stdout).toContain("this is not a CSV file: it holds binary data");
    const refused = rytm("lint", file("fffe.csv", "date,time,channel,category,text\n2026-12-01,10:00,x,news,Bilety \uFFFE online\n"));
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain("BLOCK channel-characters: The X text contains characters X refuses");
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
    expect(result.stdout).toContain("warn  self-promotion: 2 of the last 2 posts on Muzeum LinkedIn are promotional");
  });
});
