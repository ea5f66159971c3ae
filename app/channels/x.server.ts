// X API v2: POST /2/tweets with the user's OAuth 2.0 token. X has no idempotency key; its
// 403 "duplicate content" on a retry most likely means the first attempt went out.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, isOutcome, readJson, send } from "./adapter.server";

// Wait for whichever window is exhausted: the 24-hour cap when it is at 0, else the 15-minute one.
function resetIn(response: Response): number | undefined {
  const daily = response.headers.get("x-user-limit-24hour-remaining") === "0" ? response.headers.get("x-user-limit-24hour-reset") : null;
  const reset = Number(daily ?? response.headers.get("x-rate-limit-reset"));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}

export const x: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const base = String(request.settings.apiBase ?? "https://api.x.com").replace(/\/+$/, "");
    if (!request.credentials.token) return { kind: "failed", failureClass: "config", message: "The X channel needs a user access token." };
    const text = request.link && !request.text.includes(request.link) ? `${request.text} ${request.link}` : request.text;
    const response = await send(`${base}/2/tweets`, {
      method: "POST",
      headers: { authorization: `Bearer ${request.credentials.token}`, "content-type": "application/json" },
      body: JSON.stringify({ text }),
    }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const body = await readJson(response);
    const detail = String(body.detail ?? body.title ?? `HTTP ${response.status}`);
    if (response.status === 201 || response.status === 200) {
      const id = String((body.data as { id?: string } | undefined)?.id);
      return { kind: "published", externalId: id, url: `https://x.com/i/web/status/${id}` };
    }
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: "X refused the token; connect the channel again." };
    if (response.status === 403 && /duplicate/i.test(detail)) {
      return request.isRetry
        ? { kind: "unknown", message: "X calls it duplicate content, so an earlier attempt probably went out" }
        : { kind: "failed", failureClass: "duplicate", message: `X refused it as duplicate content: ${detail}` };
    }
    if (response.status === 403) return { kind: "failed", failureClass: "permission", message: `X does not allow this: ${detail}` };
    if (response.status === 400) return { kind: "failed", failureClass: "content", message: `X rejected the post: ${detail}` };
    if (response.status === 429) return { kind: "retry", message: "X's rate limit was reached", retryAfterMs: resetIn(response) };
    return { kind: "retry", message: `X answered ${response.status}: ${detail}` };
  },
};
