// Text a person types, checked before anything is stored (decision 0021). PostgreSQL
// cannot store NUL in text (error 22021, a 500 before this), and control characters have
// no business in a title. Single-line fields (titles, names, labels) also refuse the
// invisible characters that reorder or hide text (bidi overrides, zero-width spaces): a
// title is shown beside other text in the calendar, the iCal feed and the CSV export.
// Multi-line content (a post's text, a comment) keeps them: right-to-left languages need
// isolates, and the text is published as written; it is neutralised where it is shown.
import { z } from "zod";

// Finding control characters is the point of these patterns.
/* eslint-disable no-control-regex */
/** Every C0 and C1 control and DEL: nothing a URL, an id or a one-line text may hold. */
export const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/u;
/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const contentControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** Every C0 and C1 control, DEL, and the Unicode line and paragraph separators. */
const lineControl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/* eslint-enable no-control-regex */
/**
 * Characters that reorder the text around them or hide themselves: bidi embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), the Arabic letter mark, and
 * zero-width spaces and joiners that are not part of a script or an emoji sequence (U+200B,
 * U+2060–U+2064, U+FEFF, U+180E). ZWJ and ZWNJ (U+200C, U+200D) and the direction marks
 * (U+200E, U+200F) are allowed: emoji sequences, Persian and Indic scripts need them, and
 * a mark changes no other character's order.
 */
const invisibleFormatting = /[\u202a-\u202e\u2066-\u2069\u061c\u200b\u2060-\u2064\ufeff\u180e]/u;
const invisibleFormattingAll = new RegExp(invisibleFormatting.source, "gu");

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why a single-line text is refused, or null when it is fine. */
export function singleLineProblem(value: string): string | null {
  const control = lineControl.exec(value);
  if (control) return `contains a control character (${codePoint(control[0])}); write it on one line without it`;
  const invisible = invisibleFormatting.exec(value);
  if (invisible) return `contains an invisible formatting character (${codePoint(invisible[0])}) that can disguise text; remove it`;
  return null;
}

/** Why a multi-line text is refused, or null when it is fine. */
export function multiLineProblem(value: string): string | null {
  const control = contentControl.exec(value);
  return control ? `contains a control character (${codePoint(control[0])}); remove it` : null;
}

const refine = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value);
  if (problem) ctx.addIssue({ code: "custom", message: `This ${problem}` });
};

type Bounds = { max: number; required?: string; tooLong?: string; trim?: boolean };

/** A trimmed one-line text (title, name, label): required unless `required` is omitted. */
export function singleLineText({ max, required, tooLong = `At most ${max} characters` }: Bounds) {
  const base = z.string(required ? { error: required } : undefined).trim();
  return (required ? base.min(1, required) : base).max(max, tooLong).superRefine(refine(singleLineProblem));
}

/** A multi-line text (post text, comment), trimmed unless told: tabs and line breaks allowed. */
export function multiLineText({ max, required, tooLong = `At most ${max} characters`, trim = true }: Bounds) {
  const text = z.string(required ? { error: required } : undefined);
  const base = trim ? text.trim() : text;
  return (required ? base.min(1, required) : base).max(max, tooLong).superRefine(refine(multiLineProblem));
}

/** A database id (cuid) or another short token made of letters, digits, - and _. */
export const recordIdSchema = (error = "Which one?") => z.string({ error }).regex(/^[A-Za-z0-9_-]{1,40}$/, error);

/**
 * The text with bidi controls and zero-width spaces removed, for places that show it
 * beside other text without isolating it (an iCal summary, a CSV title cell).
 */
export const withoutInvisibleFormatting = (value: string) => value.replace(invisibleFormattingAll, "");
