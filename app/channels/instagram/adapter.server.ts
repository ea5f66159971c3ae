// Instagram (Graph API content publishing): Instagram fetches each file itself, from a
// signed address of Rytm's. Each item becomes a container first (image_url, or video_url as
// REELS; a carousel's items with is_carousel_item), polled until its status_code is
// FINISHED: that container is what is kept between attempts, so a retry does not make it
// again. The post is the single item's container, or a CAROUSEL container naming the items,
// published by media_publish. Instagram has no idempotency key: an unclear publish is
// settled by reading the account's media since the first attempt back, and a retry reads
// them before it publishes again.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, type MediaPlace, type MediaToSend, type PublishRequest, isOutcome, postedEarlier, readJson, send } from "../adapter.server";
import { findOnEdge, graphError } from "../graph-api.server";

const baseOf = (request: PublishRequest) => String(request.settings.apiBase ?? "https://graph.facebook.com/v21.0").replace(/\/+$/, "");
// The Instagram professional account's id and a Page access token that may publish for it.
const userOf = (request: PublishRequest) => String(request.settings.userId ?? request.credentials.userId ?? "");
const captionOf = (request: PublishRequest) => (request.link && !request.text.includes(request.link) ? `${request.text}\n\n${request.link}` : request.text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Pictures take seconds, a reel can take minutes; past this the container is kept anyway and
// a publish too early is refused as not ready (9007), which is tried again later.
const PROCESSING_WAIT_MS = 5 * 60_000;

const notConfigured = (request: PublishRequest): PublishOutcome | null =>
  userOf(request) && request.credentials.token ? null : { kind: "failed", failureClass: "config", message: "The Instagram channel needs its Instagram account id and a Page access token." };

/** The account's posts since the first attempt, searched for the caption. */
function lookup(request: PublishRequest) {
  return findOnEdge(`${baseOf(request)}/${userOf(request)}/media`, request.credentials.token ?? "", { text: "caption", created: "timestamp", url: "permalink" }, request, captionOf(request));
}

/** Makes a container; making one posts nothing, so any failure here may be tried again. */
async function createContainer(request: PublishRequest, fields: Record<string, string>): Promise<{ id: string } | PublishOutcome> {
  const body = new URLSearchParams({ ...fields, access_token: request.credentials.token ?? "" });
  const response = await send(`${baseOf(request)}/${userOf(request)}/media`, { method: "POST", body }, request.timeoutMs);
  if (isOutcome(response)) return response.kind === "unknown" ? { kind: "retry", message: `creating the container: ${response.message}` } : response;
  const answer = await readJson(response);
  if (response.ok && answer.id) return { id: String(answer.id) };
  const refused = graphError(answer, "Instagram", response.ok ? 500 : response.status);
  return refused.kind === "unknown" ? { kind: "retry", message: `creating the container: ${refused.message}` } : refused;
}

/** Polls the container until Instagram has fetched and processed it (or the wait is over). */
async function settledContainer(request: PublishRequest, id: string, waitMs: number): Promise<{ state: string; detail: string }> {
  let state = "IN_PROGRESS";
  let detail = "";
  for (let waited = 0, pause = 250; ; waited += pause, pause = Math.min(pause * 2, 5000)) {
    const response = await send(`${baseOf(request)}/${id}?${new URLSearchParams({ fields: "status_code,status", access_token: request.credentials.token ?? "" })}`, { method: "GET" }, request.timeoutMs);
    if (!isOutcome(response) && response.ok) {
      const body = await readJson(response);
      state = String(body.status_code ?? state);
      detail = typeof body.status === "string" ? body.status : "";
    }
    if (state !== "IN_PROGRESS" || waited >= waitMs) return { state, detail };
    await sleep(pause);
  }
}

async function uploadMedia(item: MediaToSend, request: PublishRequest, place: MediaPlace): Promise<{ remoteId: string } | PublishOutcome> {
  const missing = notConfigured(request);
  if (missing) return missing;
  const carousel = place.count > 1;
  const fields: Record<string, string> = carousel ? { is_carousel_item: "true" } : { caption: captionOf(request) };
  if (item.kind === "VIDEO") Object.assign(fields, { media_type: carousel ? "VIDEO" : "REELS", video_url: item.url });
  // Alt text is taken for pictures only (not reels or videos).
  else Object.assign(fields, { image_url: item.url }, item.altText ? { alt_text: item.altText } : {});
  const created = await createContainer(request, fields);
  if ("kind" in created) return created;
  const { state, detail } = await settledContainer(request, created.id, PROCESSING_WAIT_MS);
  if (state === "ERROR" || state === "EXPIRED") return { kind: "failed", failureClass: "media", message: `Instagram could not take ${item.fileName}: ${detail || state}` };
  return { remoteId: created.id };
}

export const instagram: ChannelAdapter = {
  uploadMedia,
  async publish(request): Promise<PublishOutcome> {
    const missing = notConfigured(request);
    if (missing) return missing;
    const media = request.media ?? [];
    if (!media.length) return { kind: "failed", failureClass: "content", message: "An Instagram post needs a picture or a video." };
    const earlier = await postedEarlier(request, lookup);
    if (earlier) return earlier;
    let creationId = media[0]!.remoteId;
    if (media.length > 1) {
      const carousel = await createContainer(request, { media_type: "CAROUSEL", children: media.map((m) => m.remoteId).join(","), caption: captionOf(request) });
      if ("kind" in carousel) return carousel;
      const { state, detail } = await settledContainer(request, carousel.id, 60_000);
      if (state !== "FINISHED") return { kind: "retry", message: `the carousel container is ${state}${detail ? `: ${detail}` : ""}` };
      creationId = carousel.id;
    }
    const token = request.credentials.token ?? "";
    const published = await send(`${baseOf(request)}/${userOf(request)}/media_publish?${new URLSearchParams({ creation_id: creationId, access_token: token })}`, { method: "POST" }, request.timeoutMs);
    const unclear = async (message: string): Promise<PublishOutcome> => {
      const found = await lookup(request).catch(() => null);
      if (found?.found) return { kind: "published", externalId: found.externalId, url: found.url };
      return { kind: "unknown", message: `${message}; the post may have been published` };
    };
    if (isOutcome(published)) return published.kind === "unknown" ? unclear(published.message) : published;
    const body = await readJson(published);
    if (!published.ok || !body.id) {
      const error = (body.error ?? {}) as { code?: number };
      // 9007: the container is not ready yet; nothing was published.
      if (error.code === 9007) return { kind: "retry", message: "Instagram is still processing the media", retryAfterMs: 30_000 };
      const refused = graphError(body, "Instagram", published.ok ? 500 : published.status);
      return refused.kind === "unknown" ? unclear(refused.message) : refused;
    }
    const mediaId = String(body.id);
    const link = await send(`${baseOf(request)}/${mediaId}?${new URLSearchParams({ fields: "permalink", access_token: token })}`, { method: "GET" }, request.timeoutMs);
    const permalink = !isOutcome(link) && link.ok ? (await readJson(link)).permalink : null;
    return { kind: "published", externalId: mediaId, url: typeof permalink === "string" ? permalink : null };
  },
  lookup,
};
