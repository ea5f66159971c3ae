// A Facebook Page via the Graph API: POST /{page-id}/feed with the Page token. Codes 1
// and 2 may mean the post was created anyway, so an unclear answer is settled by reading
// the Page's recent posts back.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, type PublishRequest, graphError, isOutcome, readJson, send } from "./adapter.server";

const baseOf = (request: PublishRequest) => String(request.settings.apiBase ?? "https://graph.facebook.com/v20.0").replace(/\/+$/, "");

// Business Use Case throttling says when access returns, in minutes.
function regainIn(response: Response): number | undefined {
  try {
    const usage = JSON.parse(response.headers.get("x-business-use-case-usage") ?? "{}") as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Math.max(0, ...Object.values(usage).flat().map((u) => u.estimated_time_to_regain_access ?? 0));
    return minutes > 0 ? minutes * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

export const facebook: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const pageId = String(request.settings.pageId ?? "");
    if (!pageId || !request.credentials.token) return { kind: "failed", failureClass: "config", message: "The Facebook channel needs its Page id and a Page access token." };
    const form = new URLSearchParams({ message: request.text, access_token: request.credentials.token });
    if (request.link) form.set("link", request.link);
    const response = await send(`${baseOf(request)}/${pageId}/feed?fields=id,permalink_url`, { method: "POST", body: form }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const body = await readJson(response);
    if (response.ok && body.id) return { kind: "published", externalId: String(body.id), url: typeof body.permalink_url === "string" ? body.permalink_url : `https://www.facebook.com/${String(body.id)}` };
    const outcome = graphError(body, "Facebook", request.isRetry ?? false);
    return outcome.kind === "retry" ? { ...outcome, retryAfterMs: regainIn(response) } : outcome;
  },

  async lookup(request) {
    const pageId = String(request.settings.pageId ?? "");
    const query = new URLSearchParams({ fields: "id,message,permalink_url", limit: "25", access_token: request.credentials.token ?? "" });
    const response = await send(`${baseOf(request)}/${pageId}/posts?${query}`, { method: "GET" }, request.timeoutMs);
    if (isOutcome(response) || !response.ok) return null;
    const posts = ((await readJson(response)).data ?? []) as { id: string; message?: string; permalink_url?: string }[];
    const match = posts.find((p) => p.message === request.text);
    return match ? { found: true, externalId: match.id, url: match.permalink_url ?? null } : { found: false };
  },
};
