// A Facebook Page via the Graph API: POST /{page-id}/feed with the Page token. Facebook has
// no idempotency key, and codes 1 and 2 (or a 5xx without a Graph error) may mean the post
// was created anyway: such an answer is settled by reading the Page's posts since the first
// attempt back, and a retry reads them before it sends again.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, type PublishRequest, duplicateOnRetry, isOutcome, postedEarlier, readJson, send } from "../adapter.server";
import { findOnEdge, graphError } from "../graph-api.server";

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

/** The Page's posts since the first attempt, all of them, searched for the text. */
function lookup(request: PublishRequest) {
  const pageId = String(request.settings.pageId ?? "");
  return findOnEdge(`${baseOf(request)}/${pageId}/posts`, request.credentials.token ?? "", { text: "message", created: "created_time", url: "permalink_url" }, request, request.text);
}

export const facebook: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const pageId = String(request.settings.pageId ?? "");
    if (!pageId || !request.credentials.token) return { kind: "failed", failureClass: "config", message: "The Facebook channel needs its Page id and a Page access token." };
    const earlier = await postedEarlier(request, lookup);
    if (earlier) return earlier;
    const form = new URLSearchParams({ message: request.text, access_token: request.credentials.token });
    if (request.link) form.set("link", request.link);
    const response = await send(`${baseOf(request)}/${pageId}/feed?fields=id,permalink_url`, { method: "POST", body: form }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const body = await readJson(response);
    if (response.ok && body.id) return { kind: "published", externalId: String(body.id), url: typeof body.permalink_url === "string" ? body.permalink_url : `https://www.facebook.com/${String(body.id)}` };
    if (response.ok) return { kind: "unknown", message: "Facebook answered without the post's id" };
    const outcome = graphError(body, "Facebook", response.status);
    if (outcome.kind === "failed" && outcome.failureClass === "duplicate") return duplicateOnRetry(request, lookup, outcome);
    return outcome.kind === "retry" ? { ...outcome, retryAfterMs: regainIn(response) } : outcome;
  },
  lookup,
};
