// What Facebook and Threads share, both being Graph APIs: the error shape, and reading an
// edge of posts (a Page's posts, a profile's threads) back through its cursors.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { MAX_READ_BACK_PAGES, readBackFrom, sameText } from "~/domain/read-back";
import { type LookupResult, type PublishRequest, isOutcome, readJson, send } from "./adapter.server";

/** The Graph API's error, classified by code rather than HTTP status. */
export function graphError(body: Record<string, unknown>, network: string, status: number): PublishOutcome {
  const error = (body.error ?? {}) as { code?: number; error_subcode?: number; message?: string };
  const code = Number(error.code);
  const message = `${network}: ${error.message ?? `HTTP ${status}`}`;
  // No Graph error at all (a proxy's 502, an empty 500): the request may have been handled.
  if (!Number.isFinite(code)) return status >= 500 ? { kind: "unknown", message: `${message} (the post may have been created anyway)` } : { kind: "failed", failureClass: "config", message: `${message} without a Graph error` };
  if (code === 190 || code === 102) return { kind: "failed", failureClass: "auth", message: `${message} — connect the channel again.` };
  if ([4, 17, 32, 341, 613, 80001].includes(code)) return { kind: "retry", message };
  if (code === 1 || code === 2) return { kind: "unknown", message: `${message} (the post may have been created anyway)` };
  if (code === 506) return { kind: "failed", failureClass: "duplicate", message };
  if (code === 10 || (code >= 200 && code <= 299)) return { kind: "failed", failureClass: "permission", message };
  return { kind: "failed", failureClass: "content", message };
}

type Fields = { text: string; created: string; url: string };

/**
 * Looks for the request's text among an edge's posts since the first attempt: `since` asks
 * the network for exactly that window and the cursors page through all of it (a busy Page
 * may have far more than one page). Posts created before the window are skipped, as `since`
 * may bound the update time only. Null when it cannot say: an error, or more pages than
 * MAX_READ_BACK_PAGES.
 */
export async function findOnEdge(edgeUrl: string, token: string, fields: Fields, request: PublishRequest, text: string): Promise<LookupResult> {
  const from = readBackFrom(request.firstAttemptAt ?? request.scheduledAt);
  const query = new URLSearchParams({ fields: `id,${fields.text},${fields.created},${fields.url}`, since: String(Math.floor(from.getTime() / 1000)), limit: "100", access_token: token });
  for (let page = 0; page < MAX_READ_BACK_PAGES; page++) {
    const response = await send(`${edgeUrl}?${query}`, { method: "GET" }, request.timeoutMs);
    if (isOutcome(response) || !response.ok) return null;
    const body = (await readJson(response)) as { data?: Record<string, string | undefined>[]; paging?: { next?: string; cursors?: { after?: string } } };
    const match = (body.data ?? []).find((post) => Date.parse(post[fields.created] ?? "") >= from.getTime() && sameText(text, post[fields.text] ?? ""));
    if (match) return { found: true, externalId: String(match.id), url: match[fields.url] ?? null };
    const after = body.paging?.cursors?.after;
    if (!body.paging?.next || !after || !body.data?.length) return { found: false };
    query.set("after", after);
  }
  return null;
}
