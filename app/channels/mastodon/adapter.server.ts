// Mastodon: POST /api/v1/statuses with the publish key as Idempotency-Key (the server
// answers a repeat with the original status for an hour). A 5xx may come after the status
// was created, so it is unknown: sent again under the key while Mastodon remembers it.
// Pictures and videos go first to POST /api/v2/media with their alt text as `description`;
// a video answered 202 is processed afterwards, polled at GET /api/v1/media/:id until 200.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { readAll } from "~/utils/media-storage.server";
import { type ChannelAdapter, type MediaToSend, type PublishRequest, isOutcome, readJson, send } from "../adapter.server";

const withLink = (text: string, link: string | null) => (link && !text.includes(link) ? `${text}\n\n${link}` : text);

// X-RateLimit-Reset is an ISO 8601 time on Mastodon, not epoch seconds.
function resetIn(response: Response): number | undefined {
  const reset = Date.parse(response.headers.get("x-ratelimit-reset") ?? "");
  return Number.isNaN(reset) ? undefined : Math.max(0, reset - Date.now());
}

const baseOf = (request: PublishRequest) => String(request.settings.instanceUrl ?? "").replace(/\/+$/, "");
// Processing a video takes seconds to minutes; past this the id is kept anyway, and a status
// made too early is refused as "not finished processing", which is tried again later.
const PROCESSING_WAIT_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function uploadMedia(item: MediaToSend, request: PublishRequest): Promise<{ remoteId: string } | PublishOutcome> {
  const base = baseOf(request);
  if (!/^https?:\/\//.test(base) || !request.credentials.token) return { kind: "failed", failureClass: "config", message: "The Mastodon channel needs its instance URL and an access token." };
  const authorization = `Bearer ${request.credentials.token}`;
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await readAll(await item.read()))], { type: item.mimeType }), item.fileName);
  if (item.altText) form.append("description", item.altText);
  const response = await send(`${base}/api/v2/media`, { method: "POST", headers: { authorization }, body: form }, Math.max(request.timeoutMs ?? 0, 120_000));
  if (isOutcome(response)) return response;
  const body = await readJson(response);
  const error = typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
  if (response.status === 401) return { kind: "failed", failureClass: "auth", message: `Mastodon refused the token (${error}); connect the channel again.` };
  if (response.status === 422 || response.status === 413) return { kind: "failed", failureClass: "media", message: `Mastodon refused the file: ${error}` };
  if (response.status === 429) return { kind: "retry", message: "Mastodon's upload limit was reached", retryAfterMs: resetIn(response) };
  if ((response.status !== 200 && response.status !== 202) || typeof body.id !== "string") return { kind: "retry", message: `Mastodon answered ${response.status}: ${error}` };
  const id = body.id;
  // 202: stored, still processing. The status waits for it (a status refuses media not yet processed).
  for (let waited = 0, pause = 250; response.status === 202 && waited < PROCESSING_WAIT_MS; waited += pause, pause = Math.min(pause * 2, 5000)) {
    await sleep(pause);
    const polled = await send(`${base}/api/v1/media/${encodeURIComponent(id)}`, { headers: { authorization } }, request.timeoutMs);
    if (!isOutcome(polled) && polled.status === 200) break;
  }
  return { remoteId: id };
}

export const mastodon: ChannelAdapter = {
  uploadMedia,
  // Mastodon keeps an Idempotency-Key for one hour; a margin for clock skew.
  idempotentForMs: 50 * 60_000,
  async publish(request): Promise<PublishOutcome> {
    const base = baseOf(request);
    if (!/^https?:\/\//.test(base) || !request.credentials.token) {
      return { kind: "failed", failureClass: "config", message: "The Mastodon channel needs its instance URL and an access token." };
    }
    const response = await send(`${base}/api/v1/statuses`, {
      method: "POST",
      headers: { authorization: `Bearer ${request.credentials.token}`, "content-type": "application/json", "idempotency-key": request.publishKey },
      body: JSON.stringify({ status: withLink(request.text, request.link), visibility: "public", ...(request.media?.length ? { media_ids: request.media.map((m) => m.remoteId) } : {}) }),
    }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const body = await readJson(response);
    const error = typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    if (response.status === 200) return { kind: "published", externalId: String(body.id), url: typeof body.url === "string" ? body.url : null };
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: `Mastodon refused the token (${error}); connect the channel again.` };
    if (response.status === 403) return { kind: "failed", failureClass: "permission", message: `Mastodon does not allow this account to post: ${error}` };
    if (response.status === 422 && /finished processing/i.test(error)) return { kind: "retry", message: `Mastodon is still processing the video: ${error}`, retryAfterMs: 30_000 };
    if (response.status === 422 || response.status === 400 || response.status === 404) return { kind: "failed", failureClass: "content", message: `Mastodon rejected the post: ${error}` };
    if (response.status === 429) return { kind: "retry", message: "Mastodon's rate limit was reached", retryAfterMs: resetIn(response) };
    return { kind: "unknown", message: `Mastodon answered ${response.status}: ${error}; the status may have been created anyway` };
  },
};
