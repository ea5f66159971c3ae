// Threads: create a text container, then publish it. Threads has no idempotency key. An
// unclear publish is settled by the container's status and by reading the profile's
// threads since the first attempt back: the container can still read FINISHED just after
// it was published, so only ERROR or EXPIRED prove nothing went out. A retry reads the
// threads back before it creates a new container.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, type PublishRequest, isOutcome, postedEarlier, readJson, send } from "../adapter.server";
import { findOnEdge, graphError } from "../graph-api.server";

const baseOf = (request: PublishRequest) => String(request.settings.apiBase ?? "https://graph.threads.net/v1.0").replace(/\/+$/, "");

/** The profile's threads since the first attempt, all of them, searched for the text. */
function lookup(request: PublishRequest) {
  const userId = String(request.settings.userId ?? "");
  return findOnEdge(`${baseOf(request)}/${userId}/threads`, request.credentials.token ?? "", { text: "text", created: "timestamp", url: "permalink" }, request, request.text);
}

/** A publish whose answer did not say: the container's status, then the profile's threads. */
async function settleUnclearPublish(request: PublishRequest, creationId: string, unclear: PublishOutcome & { kind: "unknown" }): Promise<PublishOutcome> {
  const token = request.credentials.token ?? "";
  const status = await send(`${baseOf(request)}/${creationId}?${new URLSearchParams({ fields: "status,error_message", access_token: token })}`, { method: "GET" }, request.timeoutMs);
  if (isOutcome(status) || !status.ok) return unclear;
  const state = String((await readJson(status)).status);
  if (state === "ERROR" || state === "EXPIRED") return { kind: "retry", message: `${unclear.message}; the container is ${state}, so nothing was published` };
  if (state !== "PUBLISHED" && state !== "FINISHED") return unclear;
  const found = await lookup(request).catch(() => null);
  if (found?.found) return { kind: "published", externalId: found.externalId, url: found.url };
  // Published for certain, though not listed yet: the container's id stands in for the post's.
  if (state === "PUBLISHED") return { kind: "published", externalId: creationId, url: null };
  return { kind: "unknown", message: `${unclear.message}; the container reads FINISHED (as it may just after publishing) and the thread is not listed yet` };
}

export const threads: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const base = baseOf(request);
    const userId = String(request.settings.userId ?? "");
    const token = request.credentials.token;
    if (!userId || !token) return { kind: "failed", failureClass: "config", message: "The Threads channel needs its user id and an access token." };
    const earlier = await postedEarlier(request, lookup);
    if (earlier) return earlier;
    const params = new URLSearchParams({ media_type: "TEXT", text: request.text, access_token: token });
    if (request.link) params.set("link_attachment", request.link);
    const created = await send(`${base}/${userId}/threads`, { method: "POST", body: params }, request.timeoutMs);
    // Creating a container posts nothing: any failure here is safe to retry.
    if (isOutcome(created)) return created.kind === "unknown" ? { kind: "retry", message: `creating the container: ${created.message}` } : created;
    const container = await readJson(created);
    if (!created.ok || !container.id) {
      const refused = graphError(container, "Threads", created.ok ? 500 : created.status);
      return refused.kind === "unknown" ? { kind: "retry", message: `creating the container: ${refused.message}` } : refused;
    }
    const creationId = String(container.id);

    const published = await send(`${base}/${userId}/threads_publish?${new URLSearchParams({ creation_id: creationId, access_token: token })}`, { method: "POST" }, request.timeoutMs);
    if (isOutcome(published)) return published.kind === "unknown" ? settleUnclearPublish(request, creationId, published) : published;
    const body = await readJson(published);
    if (!published.ok || !body.id) {
      const refused = graphError(body, "Threads", published.ok ? 500 : published.status);
      return refused.kind === "unknown" ? settleUnclearPublish(request, creationId, refused) : refused;
    }
    const mediaId = String(body.id);
    const link = await send(`${base}/${mediaId}?${new URLSearchParams({ fields: "id,permalink", access_token: token })}`, { method: "GET" }, request.timeoutMs);
    const permalink = !isOutcome(link) && link.ok ? (await readJson(link)).permalink : null;
    return { kind: "published", externalId: mediaId, url: typeof permalink === "string" ? permalink : null };
  },
  lookup,
};
