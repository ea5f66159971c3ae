// `rytm lint plan.csv [--rules rules.json] [--timezone Europe/Warsaw] [--format text|json] [--lang en|pl]`
// Exit codes: 0 clean (warnings allowed), 1 blocking violations, 2 the input is invalid.
// Rows of one post (the same id, or title, time and category) are judged as one post with
// a channel each, exactly as the calendar's import makes them: the same file gets the same
// verdict here and in the app.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { z } from "zod";
import { checkSettingsSchema } from "../app/channels/connect-fields.ts";
import { type PlanChannel, evaluatePlan } from "../app/domain/mix-rules.ts";
import { mixRulesSchema } from "../app/domain/mix-rules-settings.ts";
import { networkKindSchema, networkName } from "../app/channels/networks.ts";
import { type CsvProblem, type PlanRow, groupIdeas, parsePlanCsv } from "../app/domain/plan-csv.ts";
import type { PlanItem } from "../app/domain/plan-index.ts";
import { type DecodedCsv, decodeCsv, encodingNote } from "../app/domain/csv-encoding.ts";
import { canonicalTimeZone } from "../app/domain/time-zones.ts";
import { type Locale, type Violation, isBlocking, plural } from "../app/domain/violations.ts";

export type Io = { out: (text: string) => void; err: (text: string) => void };

const rulesFileSchema = mixRulesSchema.extend({
  channels: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(100),
        network: networkKindSchema,
        enabled: z.boolean().default(true),
        settings: checkSettingsSchema.default({}),
      }),
    )
    .default([]),
});

const usage = "Usage: rytm lint <plan.csv> [--rules rules.json] [--timezone Europe/Warsaw] [--format text|json] [--lang en|pl]";

// The report's own words, in each language.
const words = {
  en: {
    block: "BLOCK",
    warn: "warn ",
    row: "Row",
    involved: "involved",
    note: "note",
    wholePlan: "Whole plan",
    invalid: (file: string, n: number) => `${file}: the file is not a valid plan (${plural("en", n, { one: "problem", many: "problems" })})`,
    problemAt: (row: number, column: string | null) => (row === 0 ? "file" : `row ${row}${column ? `, column "${column}"` : ""}`),
    summary: (file: string, rows: number, blocking: number, warnings: number, zone: string) =>
      `${file}: ${plural("en", rows, { one: "row", many: "rows" })}, ${blocking} blocking, ${plural("en", warnings, { one: "warning", many: "warnings" })} (times in ${zone})`,
    rowName: (row: number) => `row ${row}`,
    unreadable: (decoded: Extract<DecodedCsv, { ok: false }>) => decoded.message,
    encoding: (decoded: Extract<DecodedCsv, { ok: true }>) => encodingNote(decoded),
  },
  pl: {
    block: "BLOKADA",
    warn: "uwaga  ",
    row: "Wiersz",
    involved: "dotyczy też",
    note: "uwaga",
    wholePlan: "Cały plan",
    invalid: (file: string, n: number) => `${file}: plik nie jest poprawnym planem (${plural("pl", n, { one: "problem", few: "problemy", many: "problemów" })})`,
    problemAt: (row: number, column: string | null) => (row === 0 ? "plik" : `wiersz ${row}${column ? `, kolumna „${column}”` : ""}`),
    summary: (file: string, rows: number, blocking: number, warnings: number, zone: string) =>
      `${file}: ${plural("pl", rows, { one: "wiersz", few: "wiersze", many: "wierszy" })}, ${plural("pl", blocking, { one: "blokada", few: "blokady", many: "blokad" })}, ${plural("pl", warnings, { one: "ostrzeżenie", few: "ostrzeżenia", many: "ostrzeżeń" })} (czas w strefie ${zone})`,
    rowName: (row: number) => `wiersz ${row}`,
    unreadable: () => "Plik nie jest tekstem w UTF-8 ani w Windows-1250, więc jego liter nie da się odczytać. Zapisz go ponownie jako „CSV UTF-8” (w Excelu: Zapisz jako → CSV UTF-8).",
    encoding: (decoded: Extract<DecodedCsv, { ok: true }>) =>
      encodingNote(decoded) ? "Plik nie jest w UTF-8; odczytano go jako Windows-1250 (Europa Środkowa), tak jak zapisuje polski Excel; sprawdź, czy litery wyglądają dobrze." : null,
  },
} satisfies Record<Locale, unknown>;

export async function runLint(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: "string" },
        timezone: { type: "string", default: "Europe/Warsaw" },
        format: { type: "string", default: "text" },
        lang: { type: "string", default: "en" },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [command, file] = args.positionals;
  const { timezone, format, lang } = args.values;
  if (command !== "lint" || !file) return fail(io, usage);
  if (format !== "text" && format !== "json") return fail(io, `--format must be text or json, not "${format}"`);
  if (lang !== "en" && lang !== "pl") return fail(io, `--lang must be en or pl, not "${lang}"`);
  const timeZone = canonicalTimeZone(timezone!);
  if (!timeZone) return fail(io, `--timezone "${timezone}" is not an IANA time zone, like Europe/Warsaw`);

  let settings: z.infer<typeof rulesFileSchema>;
  try {
    const raw = args.values.rules ? JSON.parse(await readFile(args.values.rules, "utf8")) : {};
    const parsed = rulesFileSchema.safeParse(raw);
    if (!parsed.success) {
      return fail(io, `${args.values.rules}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`).join("; ")}`);
    }
    settings = parsed.data;
  } catch (error) {
    return fail(io, `${args.values.rules}: ${(error as Error).message}`);
  }

  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fail(io, `${file}: ${(error as Error).message}`);
  }
  // Polish Excel writes Windows-1250 unless told otherwise: read it, and say so (csv-encoding.ts).
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return fail(io, `${file}: ${words[lang].unreadable(decoded)}`);
  const note = words[lang].encoding(decoded);
  if (note) io.err(`${file}: ${note}`);
  const parsed = parsePlanCsv(decoded.text, { defaultTimeZone: timeZone, categories: settings.categories, channels: settings.channels });
  const { ideas, problems: groupProblems } = groupIdeas(parsed.rows);
  const problems = [...parsed.problems, ...groupProblems].sort((a, b) => a.row - b.row);
  if (problems.length) {
    report(io, format, { file, problems, locale: lang });
    return 2;
  }
  const rows = parsed.rows;

  const channels = new Map<string, PlanChannel>();
  for (const c of settings.channels) channels.set(`name:${c.name}`, { id: `name:${c.name}`, name: c.name, network: c.network, enabled: c.enabled, settings: c.settings });
  for (const row of rows) if (!channels.has(row.channelId)) channels.set(row.channelId, { id: row.channelId, name: row.channelName, network: row.network, enabled: true });
  const times = rows.map((r) => r.at);
  const horizon = rows.length
    ? {
        from: DateTime.fromMillis(Math.min(...times), { zone: timeZone }).startOf("day").toMillis(),
        to: DateTime.fromMillis(Math.max(...times), { zone: timeZone }).endOf("day").toMillis(),
      }
    : undefined;
  // One post per idea; each of its rows is one channel of it.
  const rowOf = new Map<string, number>();
  const items: PlanItem[] = ideas.flatMap((idea, i) =>
    idea.rows.map((r) => {
      const postId = `post-${i + 1}`;
      rowOf.set(`${postId}|${r.channelId}`, r.row);
      if (!rowOf.has(postId)) rowOf.set(postId, r.row);
      return { ...r, postId, seriesId: r.series, title: r.title || words[lang].rowName(r.row) };
    }),
  );
  const violations = evaluatePlan(items, { rules: settings, timeZone, channels: [...channels.values()], horizon });
  const located = violations.map((v) => ({
    violation: v,
    row: v.postIds.length ? (rowOf.get(`${v.postIds[0]}|${v.channelId ?? ""}`) ?? rowOf.get(v.postIds[0]!) ?? 0) : 0,
    involved: (v.related ?? []).map((r) => rowOf.get(r.postId) ?? 0),
  }));
  report(io, format, { file, rows, located, locale: lang, timeZone });
  return isBlocking(violations) ? 1 : 0;
}

function fail(io: Io, message: string) {
  io.err(message);
  return 2;
}

type Located = { violation: Violation; row: number; involved: number[] };
type Report = { file: string; problems: CsvProblem[]; locale: Locale } | { file: string; rows: PlanRow[]; located: Located[]; locale: Locale; timeZone: string };

function report(io: Io, format: string, result: Report) {
  const w = words[result.locale];
  if (format === "json") {
    if ("problems" in result) {
      io.out(JSON.stringify({ file: result.file, valid: false, problems: result.problems.map((p) => ({ ...p, message: p.message[result.locale] })) }, null, 2));
    } else {
      const all = result.located.map((l) => l.violation);
      io.out(
        JSON.stringify(
          {
            file: result.file,
            valid: true,
            rows: result.rows.length,
            blocking: all.filter((v) => v.severity === "block").length,
            warnings: all.filter((v) => v.severity === "warn").length,
            violations: result.located.map(({ violation: v, row, involved }) => ({
              ruleId: v.ruleId,
              severity: v.severity,
              message: v.message[result.locale],
              suggestion: v.suggestion?.[result.locale] ?? null,
              rows: [row, ...involved],
              data: v.data ?? {},
            })),
            notes: result.rows.flatMap((r) => r.notes.map((note) => ({ row: r.row, note: note[result.locale] }))),
          },
          null,
          2,
        ),
      );
    }
    return;
  }
  if ("problems" in result) {
    io.out(w.invalid(result.file, result.problems.length));
    for (const p of result.problems) io.out(`  ${w.problemAt(p.row, p.column)}: ${p.message[result.locale]}`);
    return;
  }
  const { rows, located, locale, timeZone } = result;
  const blocking = located.filter((l) => l.violation.severity === "block").length;
  io.out(w.summary(result.file, rows.length, blocking, located.length - blocking, timeZone));
  const byRow = new Map<number, Located[]>();
  for (const l of located) byRow.set(l.row, [...(byRow.get(l.row) ?? []), l]);
  for (const row of rows) {
    const found = byRow.get(row.row) ?? [];
    if (!found.length && !row.notes.length) continue;
    const when = DateTime.fromMillis(row.at, { zone: timeZone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm");
    io.out(`\n${w.row} ${row.row} · ${when} · ${channelLabel(row)} · ${row.category}`);
    for (const note of row.notes) io.out(`  ${w.note}: ${note[locale]}`);
    for (const l of found) printViolation(io, l, locale);
  }
  const planWide = byRow.get(0) ?? [];
  if (planWide.length) {
    io.out(`\n${w.wholePlan}`);
    for (const l of planWide) printViolation(io, l, locale);
  }
}

function printViolation(io: Io, { violation: v, involved }: Located, locale: Locale) {
  const w = words[locale];
  io.out(`  ${v.severity === "block" ? w.block : w.warn} ${v.ruleId}: ${v.message[locale]}`);
  if (v.suggestion) io.out(`        → ${v.suggestion[locale]}`);
  const others = involved.filter((row) => row > 0);
  if (others.length) io.out(`        ${w.involved}: ${others.map(w.rowName).join(", ")}`);
}

const channelLabel = (row: PlanRow) =>
  row.channelName === networkName(row.network) ? row.channelName : `${row.channelName} (${networkName(row.network)})`;
