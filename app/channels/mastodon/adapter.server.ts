// Mastodon: POST /api/v1/statuses with the publish key as Idempotency-Key (the server
// answers a repeat with the original status for an hour). A 5xx may come after the status
// was created, so it is unknown: sent again under the key while Mastodon remembers it.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, isOutcome, readJson, send } from "../adapter.server";

const withLink = (text: string, link: string | null) => (link && !text.includes(link) ? `${text}\n\n${link}` : text);

// X-RateLimit-Reset is an ISO 8601 time on Mastodon, not epoch seconds.
function resetIn(response: Response): number | undefined {
  const reset = Date.parse(response.headers.get("x-ratelimit-reset") ?? "");
  return Number.isNaN(reset) ? undefined : Math.max(0, reset - Date.now());
}

export const mastodon: ChannelAdapter = {
  // Mastodon keeps an Idempotency-Key for one hour; a margin for clock skew.
  idempotentForMs: 50 * 60_000,
  async publish(request): Promise<PublishOutcome> {
    const base = String(request.settings.instanceUrl ?? "").replace(/\/+$/, "");
    if (!/^https?:\/\//.test(base) || !request.credentials.token) {
      return { kind: "failed", failureClass: "config", message: "The Mastodon channel needs its instance URL and an access token." };
    }
    const response = await send(`${base}/api/v1/statuses`, {
      method: "POST",
      headers: { authorization: `Bearer ${request.credentials.token}`, "content-type": "application/json", "idempotency-key": request.publishKey },
      body: JSON.stringify({ status: withLink(request.text, request.link), visibility: "public" }),
    }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const body = await readJson(response);
    const error = typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    if (response.status === 200) return { kind: "published", externalId: String(body.id), url: typeof body.url === "string" ? body.url : null };
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: `Mastodon refused the token (${error}); connect the channel again.` };
    if (response.status === 403) return { kind: "failed", failureClass: "permission", message: `Mastodon does not allow this account to post: ${error}` };
    if (response.status === 422 || response.status === 400 || response.status === 404) return { kind: "failed", failureClass: "content", message: `Mastodon rejected the post: ${error}` };
    if (response.status === 429) return { kind: "retry", message: "Mastodon's rate limit was reached", retryAfterMs: resetIn(response) };
    return { kind: "unknown", message: `Mastodon answered ${response.status}: ${error}; the status may have been created anyway` };
  },
};
