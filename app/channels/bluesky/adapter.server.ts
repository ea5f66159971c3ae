// Bluesky (AT Protocol): com.atproto.repo.createRecord with the publish key as the record
// key, under the session the channel keeps since it was signed in (decision 0036), or, for a
// channel whose handle and app password were entered by hand, a session made here. A reused key has no named error (the reference
// PDS answers 500), so an unclear answer is settled by reading the record back.
// Pictures: each uploaded first (com.atproto.repo.uploadBlob, the raw bytes), then named in
// the post's app.bsky.embed.images with its alt text and aspect ratio. A picture over
// Bluesky's 1,000,000 bytes is re-encoded as JPEG until it fits (the stored copy keeps its
// quality). Videos (app.bsky.embed.video, uploaded through the video service) are not sent yet.
import { createHash } from "node:crypto";
import type { PublishOutcome } from "~/domain/publish-outcome";
import { findUrls } from "~/domain/text-measure";
import { readAll } from "~/utils/media-storage.server";
import { type ChannelAdapter, type LookupResult, type MediaToSend, type PublishRequest, isOutcome, readJson, send } from "../adapter.server";

const encoder = new TextEncoder();
const byteOffset = (text: string, index: number) => encoder.encode(text.slice(0, index)).length;

/** Links are not auto-linked on Bluesky: each needs a facet with UTF-8 byte offsets. */
export function linkFacets(text: string) {
  return findUrls(text).map(({ url, index }) => ({
    index: { byteStart: byteOffset(text, index), byteEnd: byteOffset(text, index + url.length) },
    features: [{ $type: "app.bsky.richtext.facet#link", uri: url }],
  }));
}

type Session = { accessJwt: string; did: string; handle: string };

async function login(service: string, request: PublishRequest): Promise<Session | PublishOutcome> {
  const response = await send(`${service}/xrpc/com.atproto.server.createSession`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: request.credentials.identifier, password: request.credentials.password }),
  }, request.timeoutMs);
  if (isOutcome(response)) return response.kind === "unknown" ? { kind: "retry", message: `signing in: ${response.message}` } : response;
  const body = await readJson(response);
  if (response.ok) return { accessJwt: String(body.accessJwt), did: String(body.did), handle: String(body.handle) };
  if (response.status === 401 || body.error === "AuthenticationRequired") return { kind: "failed", failureClass: "auth", message: "Bluesky refused the app password; connect the channel again." };
  if (response.status === 429) return { kind: "retry", message: "Bluesky's sign-in rate limit was reached", retryAfterMs: resetIn(response) };
  return { kind: "retry", message: `signing in to Bluesky: ${response.status} ${String(body.error ?? "")}` };
}

// RateLimit-Reset is epoch seconds on Bluesky.
function resetIn(response: Response): number | undefined {
  const reset = Number(response.headers.get("ratelimit-reset"));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}

// Bluesky allows 30 logins per 5 minutes per account: a worker keeps each account's
// session (in memory only) for most of its 2-hour life and logs in again when it expires.
const SESSION_TTL_MS = 90 * 60_000;
const sessions = new Map<string, { session: Session; at: number }>();

async function sessionFor(service: string, request: PublishRequest, fresh = false): Promise<Session | PublishOutcome> {
  // Keyed by the password too: a new app password must not reuse the old session.
  const key = `${service}|${request.credentials.identifier}|${createHash("sha256").update(request.credentials.password ?? "").digest("hex")}`;
  const cached = sessions.get(key);
  if (!fresh && cached && Date.now() - cached.at < SESSION_TTL_MS) return cached.session;
  sessions.delete(key);
  const session = await login(service, request);
  if (!("kind" in session)) sessions.set(key, { session, at: Date.now() });
  return session;
}

/** A channel signed in through Rytm holds its session; the worker refreshes it when the PDS refuses it. */
const storedSession = (request: PublishRequest): Session | null =>
  request.credentials.token && request.credentials.did ? { accessJwt: request.credentials.token, did: request.credentials.did, handle: request.credentials.handle ?? "" } : null;

const serviceOf = (request: PublishRequest) => String(request.settings.service ?? "https://bsky.social").replace(/\/+$/, "");
const postUrl = (did: string, rkey: string) => `https://bsky.app/profile/${did}/post/${rkey}`;

async function getRecord(service: string, session: Session, rkey: string, timeoutMs?: number): Promise<LookupResult> {
  const query = new URLSearchParams({ repo: session.did, collection: "app.bsky.feed.post", rkey });
  const response = await send(`${service}/xrpc/com.atproto.repo.getRecord?${query}`, { headers: { authorization: `Bearer ${session.accessJwt}` } }, timeoutMs);
  if (isOutcome(response)) return null;
  if (response.ok) return { found: true, externalId: `at://${session.did}/app.bsky.feed.post/${rkey}`, url: postUrl(session.did, rkey) };
  const body = await readJson(response);
  return body.error === "RecordNotFound" ? { found: false } : null;
}

const MAX_IMAGE_BYTES = 1_000_000;

/** The picture as Bluesky takes it: as stored when small enough, else JPEG, smaller each time, until it fits. */
async function fitted(bytes: Buffer, item: MediaToSend): Promise<{ bytes: Buffer; mimeType: string } | null> {
  if (bytes.length <= MAX_IMAGE_BYTES) return { bytes, mimeType: item.mimeType };
  if (item.kind !== "IMAGE") return null;
  // Loaded here, in the worker's main thread, only when a picture needs it.
  const { default: sharp } = await import("sharp");
  for (const [edge, quality] of [[4000, 85], [2800, 80], [2000, 75], [1400, 70], [1000, 65]] as const) {
    const jpeg = await sharp(bytes).resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true }).jpeg({ quality, mozjpeg: true }).toBuffer();
    if (jpeg.length <= MAX_IMAGE_BYTES) return { bytes: jpeg, mimeType: "image/jpeg" };
  }
  return null;
}

/** Sends a request with the account's session, signing in again once if the kept session expired. */
async function withSession(service: string, request: PublishRequest, call: (session: Session) => Promise<Response | PublishOutcome>) {
  let session = await sessionFor(service, request);
  if ("kind" in session) return session;
  let response = await call(session);
  if (isOutcome(response)) return response;
  let body = await readJson(response);
  if (response.status === 401 || body.error === "ExpiredToken" || body.error === "InvalidToken") {
    session = await sessionFor(service, request, true);
    if ("kind" in session) return session;
    response = await call(session);
    if (isOutcome(response)) return response;
    body = await readJson(response);
  }
  return { response, body, session };
}

async function uploadMedia(item: MediaToSend, request: PublishRequest): Promise<{ remoteId: string } | PublishOutcome> {
  if (item.kind === "VIDEO") return { kind: "failed", failureClass: "media", message: "Rytm does not send videos to Bluesky yet; post it with pictures, or without." };
  const picture = await fitted(await readAll(await item.read()), item);
  if (!picture) return { kind: "failed", failureClass: "media", message: `${item.fileName} is larger than Bluesky's ${MAX_IMAGE_BYTES.toLocaleString("en")} bytes and cannot be made smaller.` };
  const service = serviceOf(request);
  const answer = await withSession(service, request, (session) =>
    send(`${service}/xrpc/com.atproto.repo.uploadBlob`, { method: "POST", headers: { authorization: `Bearer ${session.accessJwt}`, "content-type": picture.mimeType }, body: new Uint8Array(picture.bytes) }, Math.max(request.timeoutMs ?? 0, 60_000)),
  );
  if ("kind" in answer) return answer;
  const { response, body } = answer;
  if (response.ok && body.blob) return { remoteId: JSON.stringify(body.blob) };
  const error = String(body.error ?? response.status);
  if (response.status === 401 || error === "InvalidToken") return { kind: "failed", failureClass: "auth", message: "Bluesky refused the session; connect the channel again." };
  if (response.status === 400 || response.status === 413) return { kind: "failed", failureClass: "media", message: `Bluesky refused ${item.fileName}: ${String(body.message ?? error)}` };
  if (response.status === 429) return { kind: "retry", message: "Bluesky's rate limit was reached", retryAfterMs: resetIn(response) };
  return { kind: "retry", message: `Bluesky answered ${response.status}: ${error}` };
}

/** The post's pictures, in order, each with its alt text and (when known) its shape. */
const imagesEmbed = (media: NonNullable<PublishRequest["media"]>) => ({
  $type: "app.bsky.embed.images",
  images: media.map((m) => ({ image: JSON.parse(m.remoteId) as unknown, alt: m.altText, ...(m.width && m.height ? { aspectRatio: { width: m.width, height: m.height } } : {}) })),
});

export const bluesky: ChannelAdapter = {
  uploadMedia,
  async publish(request) {
    const service = serviceOf(request);
    const text = request.link && !request.text.includes(request.link) ? `${request.text} ${request.link}` : request.text;
    const record = { $type: "app.bsky.feed.post", text, createdAt: new Date().toISOString(), facets: linkFacets(text), ...(request.media?.length ? { embed: imagesEmbed(request.media) } : {}) };
    const create = (session: Session) =>
      send(`${service}/xrpc/com.atproto.repo.createRecord`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.accessJwt}`, "content-type": "application/json" },
        body: JSON.stringify({ repo: session.did, collection: "app.bsky.feed.post", rkey: request.publishKey, record }),
      }, request.timeoutMs);
    const stored = storedSession(request);
    let session = stored ?? (await sessionFor(service, request));
    if ("kind" in session) return session;
    let response = await create(session);
    if (isOutcome(response)) return response;
    let body = await readJson(response);
    // Nothing was created: the worker refreshes the stored session (once, for every process) and sends again.
    if (stored && (response.status === 401 || body.error === "ExpiredToken" || body.error === "InvalidToken")) {
      return { kind: "failed", failureClass: "auth", message: `Bluesky refused the session (${String(body.error ?? response.status)}).` };
    }
    // A kept session that expired or was revoked: log in once more and try again (nothing was created).
    if (response.status === 401 || body.error === "ExpiredToken" || body.error === "InvalidToken") {
      session = await sessionFor(service, request, true);
      if ("kind" in session) return session;
      response = await create(session);
      if (isOutcome(response)) return response;
      body = await readJson(response);
    }
    if (response.ok) return { kind: "published", externalId: String(body.uri), url: postUrl(session.did, request.publishKey) };
    const error = String(body.error ?? response.status);
    if (response.status === 400 && error === "ExpiredToken") return { kind: "retry", message: "the Bluesky session expired" };
    if (response.status === 401 || error === "InvalidToken") return { kind: "failed", failureClass: "auth", message: "Bluesky refused the session; connect the channel again." };
    if (response.status === 400 || response.status === 413) return { kind: "failed", failureClass: "content", message: `Bluesky rejected the post: ${String(body.message ?? error)}` };
    if (response.status === 429) return { kind: "retry", message: "Bluesky's rate limit was reached", retryAfterMs: resetIn(response) };
    // A 500 may mean the record key is already taken, i.e. an earlier attempt went out.
    const existing = await getRecord(service, session, request.publishKey, request.timeoutMs);
    if (existing?.found) return { kind: "published", externalId: existing.externalId, url: existing.url };
    return { kind: "retry", message: `Bluesky answered ${response.status}: ${error}` };
  },

  async lookup(request) {
    const service = serviceOf(request);
    const session = storedSession(request) ?? (await sessionFor(service, request));
    if ("kind" in session) return null;
    return getRecord(service, session, request.publishKey, request.timeoutMs);
  },
};
