// Counting text the way people (and networks) see it: grapheme clusters, not UTF-16
// units, so "👨‍👩‍👧" is one character and "🇵🇱" is one flag.
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const encoder = new TextEncoder();

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

// Text made only of printable Latin letters (Polish included) has one grapheme per UTF-16
// unit; only other text needs the (slow) segmenter.
const simple = /^[\t\n\x20-\x7e\u00a0-\u02ff]*$/;
export const graphemeCount = (text: string) => (simple.test(text) ? text.length : graphemes(text).length);
export const utf8Bytes = (text: string) => encoder.encode(text).length;
/** JavaScript's own length: what networks without a documented counting most likely count. */
export const utf16Length = (text: string) => text.length;

// http(s) links as the networks auto-link them: up to whitespace, minus trailing
// sentence punctuation.
const urlPattern = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'"]/giu;

export function findUrls(text: string): { url: string; index: number }[] {
  return Array.from(text.matchAll(urlPattern), (m) => ({ url: m[0], index: m.index }));
}

export function findHashtags(text: string): string[] {
  return Array.from(text.matchAll(/(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu), (m) => m[1]!);
}

const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
export const isEmoji = (grapheme: string) => pictographic.test(grapheme);
