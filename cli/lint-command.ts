// `rytm lint plan.csv [--rules rules.json] [--timezone Europe/Warsaw] [--format text|json] [--lang en|pl]`
// Exit codes: 0 clean (warnings allowed), 1 blocking violations, 2 the input is invalid.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { z } from "zod";
import { channelSettingsSchema } from "../app/domain/channel-rules.ts";
import { decodeCsv, encodingNote } from "../app/domain/csv-encoding.ts";
import { type PlanChannel, evaluatePlan } from "../app/domain/mix-rules.ts";
import { mixRulesSchema } from "../app/domain/mix-rules-settings.ts";
import { networkKindSchema, networkNames } from "../app/domain/networks.ts";
import { type CsvProblem, type PlanRow, parsePlanCsv } from "../app/domain/plan-csv.ts";
import { canonicalTimeZone } from "../app/domain/time-zones.ts";
import { type Locale, type Violation, isBlocking } from "../app/domain/violations.ts";

export type Io = { out: (text: string) => void; err: (text: string) => void };

const rulesFileSchema = mixRulesSchema.extend({
  channels: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(100),
        network: networkKindSchema,
        enabled: z.boolean().default(true),
        settings: channelSettingsSchema.default({}),
      }),
    )
    .default([]),
});

const usage = "Usage: rytm lint <plan.csv> [--rules rules.json] [--timezone Europe/Warsaw] [--format text|json] [--lang en|pl]";

const rowId = (row: number) => `row-${row}`;
const rowOf = (postId: string) => Number(postId.slice(4));

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
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return fail(io, `${file}: ${decoded.message}`);
  const note = encodingNote(decoded);
  if (note) io.err(`${file}: ${note}`);
  const content = decoded.text;
  const { rows, problems } = parsePlanCsv(content, { defaultTimeZone: timeZone, categories: settings.categories, channels: settings.channels });
  if (problems.length) {
    report(io, format, { file, problems });
    return 2;
  }

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
  const violations = evaluatePlan(
    rows.map((r) => ({ ...r, postId: rowId(r.row) })),
    { rules: settings, timeZone, channels: [...channels.values()], horizon },
  );
  report(io, format, { file, rows, violations, locale: lang, timeZone });
  return isBlocking(violations) ? 1 : 0;
}

function fail(io: Io, message: string) {
  io.err(message);
  return 2;
}

type Report =
  | { file: string; problems: CsvProblem[] }
  | { file: string; rows: PlanRow[]; violations: Violation[]; locale: Locale; timeZone: string };

function report(io: Io, format: string, result: Report) {
  if (format === "json") {
    if ("problems" in result) io.out(JSON.stringify({ file: result.file, valid: false, problems: result.problems }, null, 2));
    else
      io.out(
        JSON.stringify(
          {
            file: result.file,
            valid: true,
            rows: result.rows.length,
            blocking: result.violations.filter((v) => v.severity === "block").length,
            warnings: result.violations.filter((v) => v.severity === "warn").length,
            violations: result.violations.map((v) => ({ ...v, rows: v.postIds.map(rowOf) })),
            notes: result.rows.flatMap((r) => r.notes.map((note) => ({ row: r.row, note }))),
          },
          null,
          2,
        ),
      );
    return;
  }
  if ("problems" in result) {
    io.out(`${result.file}: the file is not a valid plan (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"})`);
    for (const p of result.problems) io.out(`  row ${p.row}${p.column ? `, column "${p.column}"` : ""}: ${p.message}`);
    return;
  }
  const { rows, violations, locale, timeZone } = result;
  const blocking = violations.filter((v) => v.severity === "block").length;
  io.out(`${result.file}: ${rows.length} rows, ${blocking} blocking, ${violations.length - blocking} warnings (times in ${timeZone})`);
  const byRow = new Map<number, Violation[]>();
  for (const v of violations) {
    const key = v.postIds.length ? rowOf(v.postIds[0]!) : 0;
    byRow.set(key, [...(byRow.get(key) ?? []), v]);
  }
  for (const row of rows) {
    const found = byRow.get(row.row) ?? [];
    if (!found.length && !row.notes.length) continue;
    const when = DateTime.fromMillis(row.at, { zone: timeZone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm");
    io.out(`\nRow ${row.row} · ${when} · ${channelLabel(row)} · ${row.category}`);
    for (const note of row.notes) io.out(`  note: ${note}`);
    for (const v of found) printViolation(io, v, locale);
  }
  const planWide = byRow.get(0) ?? [];
  if (planWide.length) {
    io.out("\nWhole plan");
    for (const v of planWide) printViolation(io, v, locale);
  }
}

function printViolation(io: Io, v: Violation, locale: Locale) {
  io.out(`  ${v.severity === "block" ? "BLOCK" : "warn "} ${v.ruleId}: ${v.message[locale]}`);
  if (v.suggestion) io.out(`        → ${v.suggestion[locale]}`);
  const others = v.postIds.slice(1).map(rowOf);
  if (others.length) io.out(`        rows involved: ${[rowOf(v.postIds[0]!), ...others].join(", ")}`);
}

const channelLabel = (row: PlanRow) =>
  row.channelName === networkNames[row.network] ? row.channelName : `${row.channelName} (${networkNames[row.network]})`;
