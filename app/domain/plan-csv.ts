// The plan spreadsheet format, shared by `rytm lint`, the calendar's CSV import and its
// export. UTF-8 with or without BOM (Excel), commas or semicolons (Polish Excel), quoted
// multi-line text; dates as YYYY-MM-DD or DD.MM.YYYY. Every problem names its row (as a
// spreadsheet numbers it: the header is row 1) and its column, in English and Polish. A cell
// the export guarded against formula injection (a leading quote) reads back as it was
// (csv-cells.ts).
import Papa from "papaparse";
import { isClockTime, parseSpreadsheetDate } from "./calendar-dates";
import { neutraliseFormula, restoreFormula } from "./csv-cells";
import { isHttpUrl } from "./http-url";
import { resolveLocalTime } from "./local-time";
import type { Category } from "./mix-rules-settings";
import { type NetworkKind, networkKinds, networkName, parseNetworkKind } from "../channels/networks";
import { multiLineProblem, singleLineProblem, withoutInvisibleFormatting } from "./text-input";
import { canonicalTimeZone } from "./time-zones";
import type { Localized } from "./violations";

export const requiredColumns = ["date", "time", "channel", "category", "text"] as const;
/** `id` and `series` are written by the export: rows of one post, and posts of one series, stay together. */
export const optionalColumns = ["timezone", "title", "link", "media", "id", "series"] as const;

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
  /** The post this row is a channel of: the `id` column, else its title, time and category. */
  ideaKey: string;
  series: string | null;
  notes: Localized[];
};

export type CsvProblem = { row: number; column: string | null; message: Localized };

export type ParseOptions = { defaultTimeZone: string; categories: readonly Category[]; channels?: readonly NamedChannel[] };

const MAX_TEXT = 100_000;

const both = (en: string, pl: string): Localized => ({ en, pl });

/** A file that is not text at all: control characters (NUL among them) make up much of its start. */
function looksBinary(content: string): boolean {
  const sample = content.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code <= 8 || (code >= 14 && code <= 31)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

/** A text-input problem (text-input.ts says it in English) in both languages. */
function textProblem(field: { en: string; pl: string }, problem: string): Localized {
  const codePoint = /U\+[0-9A-F]{4,6}/.exec(problem)?.[0] ?? "";
  const pl = problem.startsWith("contains an invisible")
    ? `${field.pl} zawiera niewidoczny znak formatujący (${codePoint}), który może ukryć tekst; usuń go`
    : `${field.pl} zawiera znak sterujący (${codePoint}); usuń go`;
  return { en: `${field.en} ${problem}`, pl };
}

const papaProblem: Record<string, Localized> = {
  MissingQuotes: both("a quoted text is not closed", "tekst w cudzysłowie nie jest zamknięty"),
  InvalidQuotes: both("a quote inside a text is not doubled", "cudzysłów w tekście nie jest podwojony"),
  TooManyFields: both("the row has more cells than the header", "wiersz ma więcej komórek niż nagłówek"),
  TooFewFields: both("the row has fewer cells than the header", "wiersz ma mniej komórek niż nagłówek"),
};

export function parsePlanCsv(content: string, options: ParseOptions): { rows: PlanRow[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const text = content.replace(/^\uFEFF/, "");
  if (!text.trim()) return { rows: [], problems: [{ row: 0, column: null, message: both("the file is empty", "plik jest pusty") }] };
  if (looksBinary(text)) return { rows: [], problems: [{ row: 0, column: null, message: both("this is not a CSV file: it holds binary data", "to nie jest plik CSV: zawiera dane binarne") }] };
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const columns = parsed.meta.fields ?? [];
  const known = [...requiredColumns, ...optionalColumns].join(", ");
  for (const column of requiredColumns) {
    if (!columns.includes(column)) {
      problems.push({ row: 1, column, message: both(`the header has no "${column}" column (needed: ${requiredColumns.join(", ")})`, `w nagłówku brak kolumny „${column}” (wymagane: ${requiredColumns.join(", ")})`) });
    }
  }
  const unknown = columns.filter((c) => c && !(requiredColumns as readonly string[]).includes(c) && !(optionalColumns as readonly string[]).includes(c));
  for (const column of unknown) problems.push({ row: 1, column, message: both(`unknown column "${column}" (known: ${known})`, `nieznana kolumna „${column}” (znane: ${known})`) });
  if (problems.length) return { rows: [], problems };
  for (const error of parsed.errors) {
    if (error.code === "UndetectableDelimiter") continue;
    problems.push({ row: (error.row ?? 0) + 2, column: null, message: papaProblem[error.code] ?? both(error.message, error.message) });
  }

  const categories = new Map(options.categories.map((c) => [c.id, c]));
  const named = new Map((options.channels ?? []).map((c) => [c.name.trim().toLowerCase(), c]));
  const rows: PlanRow[] = [];
  parsed.data.forEach((record, i) => {
    const row = i + 2;
    const value = (column: string) => restoreFormula((record[column] ?? "").trim());
    const problem = (column: string, message: Localized) => problems.push({ row, column, message });
    const before = problems.length;

    const date = parseSpreadsheetDate(value("date"));
    if (!date) problem("date", both(`"${value("date")}" is not a date; write 2026-12-03 or 03.12.2026`, `„${value("date")}” to nie data; wpisz 2026-12-03 albo 03.12.2026`));
    const time = isClockTime(value("time").padStart(5, "0")) ? value("time").padStart(5, "0") : null;
    if (!time) problem("time", both(`"${value("time")}" is not a time; write 24-hour HH:MM, like 09:30`, `„${value("time")}” to nie godzina; wpisz GG:MM w formacie 24-godzinnym, np. 09:30`));
    const zoneName = value("timezone") || options.defaultTimeZone;
    const timeZone = canonicalTimeZone(zoneName);
    if (!timeZone) problem("timezone", both(`"${zoneName}" is not an IANA time zone, like Europe/Warsaw`, `„${zoneName}” to nie strefa czasowa IANA, np. Europe/Warsaw`));

    const channelValue = value("channel");
    const kind = parseNetworkKind(channelValue);
    const namedChannel = named.get(channelValue.toLowerCase());
    const channel = kind
      ? { channelId: kind, channelName: networkName(kind), network: kind }
      : namedChannel
        ? { channelId: `name:${namedChannel.name}`, channelName: namedChannel.name, network: namedChannel.network }
        : null;
    if (!channel) {
      problem(
        "channel",
        both(
          `"${channelValue}" is neither a network (${networkKinds.join(", ")}) nor a channel named in the rules file`,
          `„${channelValue}” to ani sieć (${networkKinds.join(", ")}), ani kanał nazwany w pliku reguł`,
        ),
      );
    }

    const category = value("category").toLowerCase();
    if (!categories.has(category)) problem("category", both(`unknown category "${value("category")}"; use one of ${[...categories.keys()].join(", ")}`, `nieznana kategoria „${value("category")}”; użyj jednej z: ${[...categories.keys()].join(", ")}`));

    const words = restoreFormula((record.text ?? "").replace(/\r\n?/g, "\n").trim());
    if (!words) problem("text", both("the text is empty", "tekst jest pusty"));
    const wordsProblem = multiLineProblem(words);
    if (wordsProblem) problem("text", textProblem({ en: "the text", pl: "tekst" }, wordsProblem));
    if (words.length > MAX_TEXT) problem("text", both(`the text has ${words.length} characters; at most ${MAX_TEXT}`, `tekst ma ${words.length} znaków; najwyżej ${MAX_TEXT}`));
    const link = value("link") || null;
    if (link && !isHttpUrl(link)) problem("link", both(`"${link}" is not an http(s) URL`, `„${link}” to nie adres http(s)`));
    const mediaUrls = value("media").split(/[\s|]+/).filter(Boolean);
    for (const url of mediaUrls) if (!isHttpUrl(url)) problem("media", both(`"${url}" is not an http(s) URL`, `„${url}” to nie adres http(s)`));
    const title = value("title");
    if (title.length > 200) problem("title", both(`the title has ${title.length} characters; at most 200`, `tytuł ma ${title.length} znaków; najwyżej 200`));
    const titleProblem = singleLineProblem(title);
    if (titleProblem) problem("title", textProblem({ en: "the title", pl: "tytuł" }, titleProblem));

    if (problems.length > before || !date || !time || !channel || !timeZone) return;
    const local = resolveLocalTime(date, time, timeZone);
    if (local.kind === "missing") {
      problem("time", both(local.message, `${time} nie istnieje ${date} w strefie ${timeZone}: zegary przeskakują tę godzinę przy zmianie czasu`));
      return;
    }
    const notes =
      local.kind === "ambiguous"
        ? [both(`${time} happens twice on ${date} in ${timeZone} (clocks go back); the first one is used`, `${time} występuje ${date} w strefie ${timeZone} dwa razy (zegary cofają się); przyjęto pierwszą`)]
        : [];
    const at = local.instant.getTime();
    const ideaKey = value("id") || `${title}\u0000${at}\u0000${category}`;
    rows.push({ row, at, timeZone, ...channel, category, text: words, title, link, mediaUrls, ideaKey, series: value("series") || null, notes });
  });
  return { rows, problems };
}

export type PlanIdea = { key: string; rows: PlanRow[] };

/**
 * Rows of one post (the same `id`, or the same title, time and category) become one idea
 * with a channel each — as the import makes them, and as the linter judges them. A second
 * row for a channel the post already has is a problem, never silently dropped.
 */
export function groupIdeas(rows: readonly PlanRow[]): { ideas: PlanIdea[]; problems: CsvProblem[] } {
  const ideas = new Map<string, PlanIdea>();
  const problems: CsvProblem[] = [];
  for (const row of rows) {
    const idea = ideas.get(row.ideaKey) ?? { key: row.ideaKey, rows: [] };
    ideas.set(row.ideaKey, idea);
    const twin = idea.rows.find((r) => r.channelId === row.channelId);
    if (twin) {
      problems.push({
        row: row.row,
        column: "channel",
        message: both(`row ${twin.row} already gives this post a text for ${row.channelName}`, `wiersz ${twin.row} już zawiera tekst tego posta dla kanału ${row.channelName}`),
      });
      continue;
    }
    idea.rows.push(row);
  }
  return { ideas: [...ideas.values()], problems };
}

export const exportColumns = ["date", "time", "timezone", "channel", "category", "title", "text", "link", "media", "id", "series"] as const;
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
