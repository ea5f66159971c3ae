// The plan spreadsheet format, shared by `rytm lint` and the calendar's CSV import.
// UTF-8 with or without BOM (Excel), commas or semicolons (Polish Excel), quoted
// multi-line text; dates as YYYY-MM-DD or DD.MM.YYYY. Every problem names its row (as a
// spreadsheet numbers it: the header is row 1) and its column. A cell the export guarded
// against formula injection (a leading quote) reads back as it was (csv-cells.ts).
import Papa from "papaparse";
import { isClockTime, parseSpreadsheetDate } from "./calendar-dates";
import { neutraliseFormula, restoreFormula } from "./csv-cells";
import { isHttpUrl } from "./http-url";
import { resolveLocalTime } from "./local-time";
import type { Category } from "./mix-rules-settings";
import { type NetworkKind, networkNames, parseNetworkKind } from "./networks";
import { multiLineProblem, singleLineProblem, withoutInvisibleFormatting } from "./text-input";
import { canonicalTimeZone } from "./time-zones";

export const requiredColumns = ["date", "time", "channel", "category", "text"] as const;
export const optionalColumns = ["timezone", "title", "link", "media"] as const;

export type NamedChannel = { name: string; network: NetworkKind };

export type PlanRow = {
  row: number;
  at: number;
  timeZone: string;
  channelId: string;
  channelName: string;
  network: NetworkKind;
  category: string;
  text: string;
  title: string;
  link: string | null;
  mediaUrls: string[];
  notes: string[];
};

export type CsvProblem = { row: number; column: string | null; message: string };

export type ParseOptions = { defaultTimeZone: string; categories: readonly Category[]; channels?: readonly NamedChannel[] };

const MAX_TEXT = 100_000;

export function parsePlanCsv(content: string, options: ParseOptions): { rows: PlanRow[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const parsed = Papa.parse<Record<string, string>>(content.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const columns = parsed.meta.fields ?? [];
  for (const column of requiredColumns) {
    if (!columns.includes(column)) problems.push({ row: 1, column, message: `the header has no "${column}" column (needed: ${requiredColumns.join(", ")})` });
  }
  const unknown = columns.filter((c) => c && !(requiredColumns as readonly string[]).includes(c) && !(optionalColumns as readonly string[]).includes(c));
  for (const column of unknown) problems.push({ row: 1, column, message: `unknown column "${column}" (known: ${[...requiredColumns, ...optionalColumns].join(", ")})` });
  if (problems.length) return { rows: [], problems };
  for (const error of parsed.errors) {
    if (error.code === "UndetectableDelimiter") continue;
    problems.push({ row: (error.row ?? 0) + 2, column: null, message: error.message });
  }

  const categories = new Map(options.categories.map((c) => [c.id, c]));
  const named = new Map((options.channels ?? []).map((c) => [c.name.trim().toLowerCase(), c]));
  const rows: PlanRow[] = [];
  parsed.data.forEach((record, i) => {
    const row = i + 2;
    const value = (column: string) => restoreFormula((record[column] ?? "").trim());
    const problem = (column: string, message: string) => problems.push({ row, column, message });
    const before = problems.length;

    const date = parseSpreadsheetDate(value("date"));
    if (!date) problem("date", `"${value("date")}" is not a date; write 2026-12-03 or 03.12.2026`);
    const time = isClockTime(value("time").padStart(5, "0")) ? value("time").padStart(5, "0") : null;
    if (!time) problem("time", `"${value("time")}" is not a time; write 24-hour HH:MM, like 09:30`);
    const timeZone = canonicalTimeZone(value("timezone") || options.defaultTimeZone);
    if (!timeZone) problem("timezone", `"${value("timezone") || options.defaultTimeZone}" is not an IANA time zone, like Europe/Warsaw`);

    const channelValue = value("channel");
    const kind = parseNetworkKind(channelValue);
    const namedChannel = named.get(channelValue.toLowerCase());
    const channel = kind
      ? { channelId: kind, channelName: networkNames[kind], network: kind }
      : namedChannel
        ? { channelId: `name:${namedChannel.name}`, channelName: namedChannel.name, network: namedChannel.network }
        : null;
    if (!channel) problem("channel", `"${channelValue}" is neither a network (x, mastodon, bluesky, linkedin, facebook, instagram, threads, tiktok, webhook) nor a channel named in the rules file`);

    const category = value("category").toLowerCase();
    if (!categories.has(category)) problem("category", `unknown category "${value("category")}"; use one of ${[...categories.keys()].join(", ")}`);

    const text = restoreFormula((record.text ?? "").replace(/\r\n?/g, "\n").trim());
    if (!text) problem("text", "the text is empty");
    const textProblem = multiLineProblem(text);
    if (textProblem) problem("text", `the text ${textProblem}`);
    if (text.length > MAX_TEXT) problem("text", `the text has ${text.length} characters; at most ${MAX_TEXT}`);
    const link = value("link") || null;
    if (link && !isHttpUrl(link)) problem("link", `"${link}" is not an http(s) URL`);
    const mediaUrls = value("media").split(/[\s|]+/).filter(Boolean);
    for (const url of mediaUrls) if (!isHttpUrl(url)) problem("media", `"${url}" is not an http(s) URL`);
    const title = value("title");
    if (title.length > 200) problem("title", `the title has ${title.length} characters; at most 200`);
    const titleProblem = singleLineProblem(title);
    if (titleProblem) problem("title", `the title ${titleProblem}`);

    if (problems.length > before || !date || !time || !channel || !timeZone) return;
    const local = resolveLocalTime(date, time, timeZone);
    if (local.kind === "missing") {
      problem("time", local.message);
      return;
    }
    const notes =
      local.kind === "ambiguous" ? [`${time} happens twice on ${date} in ${timeZone} (clocks go back); the first one is used`] : [];
    rows.push({ row, at: local.instant.getTime(), timeZone, ...channel, category, text, title, link, mediaUrls, notes });
  });
  return { rows, problems };
}

export const exportColumns = ["date", "time", "timezone", "channel", "category", "title", "text", "link", "media"] as const;
export type ExportRow = Record<(typeof exportColumns)[number], string>;

/**
 * A plan as CSV in the format parsePlanCsv reads (UTF-8 with a BOM for Excel, CRLF).
 * Every cell is guarded against formula injection; the title and channel name lose
 * invisible formatting characters (decision 0021), the post's text keeps its own.
 */
export function writePlanCsv(rows: readonly ExportRow[]): string {
  const cells = rows.map((row) =>
    exportColumns.map((column) => {
      const value = column === "title" || column === "channel" ? withoutInvisibleFormatting(row[column]) : row[column];
      return neutraliseFormula(value);
    }),
  );
  return `\uFEFF${Papa.unparse({ fields: [...exportColumns], data: cells }, { newline: "\r\n" })}\r\n`;
}
