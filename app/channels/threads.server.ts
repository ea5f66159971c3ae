// Threads: create a text container, then publish it; the container's status settles an
// unclear publish (PUBLISHED means it went out). A permalink is asked for afterwards.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, graphError, isOutcome, readJson, send } from "./adapter.server";

export const threads: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const base = String(request.settings.apiBase ?? "https://graph.threads.net/v1.0").replace(/\/+$/, "");
    const userId = String(request.settings.userId ?? "");
    const token = request.credentials.token;
    if (!userId || !token) return { kind: "failed", failureClass: "config", message: "The Threads channel needs its user id and an access token." };
    const params = new URLSearchParams({ media_type: "TEXT", text: request.text, access_token: token });
    if (request.link) params.set("link_attachment", request.link);
    const created = await send(`${base}/${userId}/threads`, { method: "POST", body: params }, request.timeoutMs);
    // Creating a container posts nothing: any failure here is safe to retry.
    if (isOutcome(created)) return created.kind === "unknown" ? { kind: "retry", message: `creating the container: ${created.message}` } : created;
    const container = await readJson(created);
    if (!created.ok) return graphError(container, "Threads", false);
    const creationId = String(container.id);

    const published = await send(`${base}/${userId}/threads_publish?${new URLSearchParams({ creation_id: creationId, access_token: token })}`, { method: "POST" }, request.timeoutMs);
    let mediaId: string | null = null;
    if (isOutcome(published)) {
      if (published.kind !== "unknown") return published;
      const status = await send(`${base}/${creationId}?${new URLSearchParams({ fields: "status", access_token: token })}`, { method: "GET" }, request.timeoutMs);
      if (isOutcome(status) || !status.ok) return published;
      const state = String((await readJson(status)).status);
      if (state !== "PUBLISHED") return { kind: "retry", message: `the container is ${state}, not published` };
      mediaId = creationId;
    } else {
      const body = await readJson(published);
      if (!published.ok) return graphError(body, "Threads", false);
      mediaId = String(body.id);
    }
    const link = await send(`${base}/${mediaId}?${new URLSearchParams({ fields: "id,permalink", access_token: token })}`, { method: "GET" }, request.timeoutMs);
    const permalink = !isOutcome(link) && link.ok ? (await readJson(link)).permalink : null;
    return { kind: "published", externalId: mediaId, url: typeof permalink === "string" ? permalink : null };
  },
};
