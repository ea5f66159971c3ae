// X API v2: POST /2/tweets with the user's OAuth 2.0 token. X has no idempotency key: an
// answer that does not prove the post was refused (a 5xx, a timeout) is settled by reading
// the user's posts since the first attempt back (GET /2/users/:id/tweets), a retry reads
// them before it sends again, and a 403 "duplicate content" on a retry is our earlier post
// when the read-back finds it. Media go first, by the chunked upload (INIT, APPEND of 4 MiB
// segments in order, FINALIZE, then STATUS until a video or GIF is processed), with alt text
// through POST /2/media/metadata; the post then names them in media.media_ids.
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { PublishOutcome } from "~/domain/publish-outcome";
import { MAX_READ_BACK_PAGES, fromXText, readBackFrom, sameText } from "~/domain/read-back";
import { type ChannelAdapter, type LookupResult, type MediaToSend, type PublishRequest, duplicateOnRetry, isOutcome, postedEarlier, readJson, send } from "../adapter.server";

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

// X takes segments of at most 5 MB; 4 MiB leaves room for the multipart around it.
const CHUNK_BYTES = 4 * 1024 * 1024;
const PROCESSING_WAIT_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const categoryOf = (item: MediaToSend) => (item.kind === "VIDEO" ? "tweet_video" : item.kind === "GIF" ? "tweet_gif" : "tweet_image");

/** The stream in pieces of exactly `size` bytes (the last one shorter), in order. */
async function* chunks(stream: Readable, size: number) {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of stream) {
    pending.push(piece as Buffer);
    length += (piece as Buffer).length;
    while (length >= size) {
      const joined = Buffer.concat(pending);
      yield joined.subarray(0, size);
      pending = [joined.subarray(size)];
      length -= size;
    }
  }
  if (length) yield Buffer.concat(pending);
}

/** X's answer to an upload step as an outcome, or the parsed body when it went through. */
async function uploadStep(request: PublishRequest, step: string, init: RequestInit, url = `${baseOf(request)}/2/media/upload`): Promise<Record<string, unknown> | PublishOutcome> {
  const response = await send(url, { ...init, headers: { ...auth(request), ...init.headers } }, Math.max(request.timeoutMs ?? 0, 60_000));
  if (isOutcome(response)) return response;
  const body = await readJson(response);
  if (response.ok) return body;
  const detail = String(body.detail ?? body.title ?? `HTTP ${response.status}`);
  if (response.status === 401) return { kind: "failed", failureClass: "auth", message: "X refused the token; connect the channel again." };
  if (response.status === 400 || response.status === 413) return { kind: "failed", failureClass: "media", message: `X refused the file (${step}): ${detail}` };
  if (response.status === 429) return { kind: "retry", message: "X's media upload limit was reached", retryAfterMs: resetIn(response) };
  return { kind: "retry", message: `X answered ${response.status} to ${step}: ${detail}` };
}
const failedStep = (value: Record<string, unknown> | PublishOutcome): value is PublishOutcome => typeof value.kind === "string" && ["published", "retry", "failed", "unknown"].includes(value.kind as string);
const form = (fields: Record<string, string | Blob>) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return { method: "POST", body };
};

async function uploadMedia(item: MediaToSend, request: PublishRequest): Promise<{ remoteId: string } | PublishOutcome> {
  if (!request.credentials.token) return { kind: "failed", failureClass: "config", message: "The X channel needs a user access token." };
  const init = await uploadStep(request, "INIT", form({ command: "INIT", media_type: item.mimeType, total_bytes: String(item.byteSize), media_category: categoryOf(item) }));
  if (failedStep(init)) return init;
  const id = String((init.data as { id?: string } | undefined)?.id ?? "");
  if (!id) return { kind: "retry", message: "X's INIT answered no media id" };
  let index = 0;
  for await (const chunk of chunks(await item.read(), CHUNK_BYTES)) {
    const appended = await uploadStep(request, `APPEND ${index}`, form({ command: "APPEND", media_id: id, segment_index: String(index), media: new Blob([new Uint8Array(chunk)], { type: "application/octet-stream" }) }));
    if (failedStep(appended)) return appended;
    index++;
  }
  const finalized = await uploadStep(request, "FINALIZE", form({ command: "FINALIZE", media_id: id }));
  if (failedStep(finalized)) return finalized;
  let processing = (finalized.data as { processing_info?: { state?: string; check_after_secs?: number } } | undefined)?.processing_info;
  for (let waited = 0; processing && processing.state !== "succeeded" && waited < PROCESSING_WAIT_MS; ) {
    if (processing.state === "failed") return { kind: "failed", failureClass: "media", message: `X could not process ${item.fileName}.` };
    const pause = Math.min(Math.max(processing.check_after_secs ?? 1, 1) * 1000, 30_000);
    await sleep(pause);
    waited += pause;
    const status = await uploadStep(request, "STATUS", { method: "GET" }, `${baseOf(request)}/2/media/upload?${new URLSearchParams({ command: "STATUS", media_id: id })}`);
    if (failedStep(status)) return status;
    processing = (status.data as { processing_info?: typeof processing } | undefined)?.processing_info;
  }
  // X reads alt text for pictures and GIFs only.
  if (item.altText && item.kind !== "VIDEO") {
    const described = await uploadStep(request, "alt text", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id, metadata: { alt_text: { text: item.altText.slice(0, 1000) } } }) }, `${baseOf(request)}/2/media/metadata`);
    if (failedStep(described)) return described;
  }
  return { remoteId: id };
}

export const x: ChannelAdapter = {
  uploadMedia,
  async publish(request): Promise<PublishOutcome> {
    if (!request.credentials.token) return { kind: "failed", failureClass: "config", message: "The X channel needs a user access token." };
    const earlier = await postedEarlier(request, lookup);
    if (earlier) return earlier;
    const response = await send(`${baseOf(request)}/2/tweets`, {
      method: "POST",
      headers: { ...auth(request), "content-type": "application/json" },
      body: JSON.stringify({ text: textOf(request), ...(request.media?.length ? { media: { media_ids: request.media.map((m) => m.remoteId) } } : {}) }),
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
