// Reading a post back from a network that has no idempotency key (X, LinkedIn, Facebook,
// Threads): after an answer that does not prove the post was not created, the account's
// posts since the first attempt are searched for the text. Pure: the adapters fetch.
import { findUrls } from "./text-measure";

/** How far before the first attempt a read-back starts: the network's clock may differ from ours. */
export const READ_BACK_MARGIN_MS = 2 * 60_000;
/** Pages of posts a read-back reads at most (100 a page): beyond, it cannot say. */
export const MAX_READ_BACK_PAGES = 10;

/** The earliest moment a post made by this schedule's attempts can carry. */
export function readBackFrom(firstAttemptAt: Date): Date {
  return new Date(firstAttemptAt.getTime() - READ_BACK_MARGIN_MS);
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/** X returns a post's `&`, `<` and `>` as HTML entities: the text as it was sent. */
export const fromXText = (text: string) => text.replace(/&(?:amp|lt|gt);/g, (e) => entities[e]!);

/**
 * The text as a network may show it back: links rewritten (X puts every link on t.co),
 * spacing trimmed or folded. Links compare as placeholders, so the text around them
 * decides; spacing compares as single spaces.
 */
function comparable(text: string): string {
  let out = "";
  let at = 0;
  for (const { url, index } of findUrls(text)) {
    out += `${text.slice(at, index)}\u0000`;
    at = index + url.length;
  }
  return (out + text.slice(at)).replace(/\s+/g, " ").trim();
}

/** Whether a post read back from the network carries the text that was sent. */
export function sameText(sent: string, readBack: string): boolean {
  return comparable(sent) === comparable(readBack);
}
