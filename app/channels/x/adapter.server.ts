// X API v2: POST /2/tweets with the user's OAuth 2.0 token. X has no idempotency key: an
// answer that does not prove the post was refused (a 5xx, a timeout) is settled by reading
// the user's posts since the first attempt back (GET /2/users/:id/tweets), a retry reads
// them before it sends again, and a 403 "duplicate content" on a retry is our earlier post
// when the read-back finds it.
import { createHash } from "node:crypto";
import type { PublishOutcome } from "~/domain/publish-outcome";
import { MAX_READ_BACK_PAGES, fromXText, readBackFrom, sameText } from "~/domain/read-back";
import { type ChannelAdapter, type LookupResult, type PublishRequest, duplicateOnRetry, isOutcome, postedEarlier, readJson, send } from "../adapter.server";

// Wait for whichever window is exhausted: the 24-hour cap when it is at 0, else the 15-minute one.
function resetIn(response: Response): number | undefined {
  const daily = response.headers.get("x-user-limit-24hour-remaining") === "0" ? response.headers.get("x-user-limit-24hour-reset") : null;
  const reset = Number(daily ?? response.headers.get("x-rate-limit-reset"));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}

const baseOf = (request: PublishRequest) => String(request.settings.apiBase ?? "https://api.x.com").replace(/\/+$/, "");
const textOf = (request: PublishRequest) => (request.link && !request.text.includes(request.link) ? `${request.text} ${request.link}` : request.text);
const auth = (request: PublishRequest) => ({ authorization: `Bearer ${request.credentials.token}` });

// The account's id, asked once per token (GET /2/users/me) unless the channel names it.
const userIds = new Map<string, string>();
async function userIdOf(request: PublishRequest): Promise<string | null> {
  if (typeof request.settings.userId === "string" && request.settings.userId) return request.settings.userId;
  const key = `${baseOf(request)}|${createHash("sha256").update(request.credentials.token ?? "").digest("hex")}`;
  const known = userIds.get(key);
  if (known) return known;
  const response = await send(`${baseOf(request)}/2/users/me`, { headers: auth(request) }, request.timeoutMs);
  if (isOutcome(response) || !response.ok) return null;
  const id = ((await readJson(response)).data as { id?: string } | undefined)?.id;
  if (id) userIds.set(key, id);
  return id ?? null;
}

/** The user's posts since the first attempt (newest first, all pages), searched for the text. */
async function lookup(request: PublishRequest): Promise<LookupResult> {
  const userId = await userIdOf(request);
  if (!userId) return null;
  // start_time has second granularity; X wants no fraction.
  const from = readBackFrom(request.firstAttemptAt ?? request.scheduledAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  const query = new URLSearchParams({ start_time: from, max_results: "100", exclude: "replies,retweets", "tweet.fields": "created_at" });
  for (let page = 0; page < MAX_READ_BACK_PAGES; page++) {
    const response = await send(`${baseOf(request)}/2/users/${encodeURIComponent(userId)}/tweets?${query}`, { headers: auth(request) }, request.timeoutMs);
    if (isOutcome(response) || !response.ok) return null;
    const body = (await readJson(response)) as { data?: { id: string; text: string }[]; meta?: { next_token?: string } };
    const match = body.data?.find((tweet) => sameText(textOf(request), fromXText(tweet.text)));
    if (match) return { found: true, externalId: match.id, url: `https://x.com/i/web/status/${match.id}` };
    if (!body.meta?.next_token) return { found: false };
    query.set("pagination_token", body.meta.next_token);
  }
  return null;
}

export const x: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    if (!request.credentials.token) return { kind: "failed", failureClass: "config", message: "The X channel needs a user access token." };
    const earlier = await postedEarlier(request, lookup);
    if (earlier) return earlier;
    const response = await send(`${baseOf(request)}/2/tweets`, {
      method: "POST",
      headers: { ...auth(request), "content-type": "application/json" },
      body: JSON.stringify({ text: textOf(request) }),
    }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const body = await readJson(response);
    const detail = String(body.detail ?? body.title ?? `HTTP ${response.status}`);
    const id = (body.data as { id?: string } | undefined)?.id;
    if ((response.status === 201 || response.status === 200) && id) return { kind: "published", externalId: String(id), url: `https://x.com/i/web/status/${id}` };
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: "X refused the token; connect the channel again." };
    if (response.status === 403 && /duplicate/i.test(detail)) return duplicateOnRetry(request, lookup, { kind: "failed", failureClass: "duplicate", message: `X refused it as duplicate content: ${detail}` });
    if (response.status === 403) return { kind: "failed", failureClass: "permission", message: `X does not allow this: ${detail}` };
    if (response.status === 400) return { kind: "failed", failureClass: "content", message: `X rejected the post: ${detail}` };
    if (response.status === 429) return { kind: "retry", message: "X's rate limit was reached", retryAfterMs: resetIn(response) };
    // A 5xx (or anything else) does not prove the post was not created.
    return { kind: "unknown", message: `X answered ${response.status}: ${detail}; the post may have been created anyway` };
  },
  lookup,
};
