// LinkedIn Posts API: POST /rest/posts, 201 with the post's URN in x-restli-id. The
// commentary is in LinkedIn's "little" text format, where reserved characters must be
// escaped or the post is silently cut or turned into mentions.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { type ChannelAdapter, isOutcome, readJson, send } from "./adapter.server";

export const escapeLittleText = (text: string) => text.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);

function untilUtcMidnight() {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime();
}

export const linkedin: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const base = String(request.settings.apiBase ?? "https://api.linkedin.com").replace(/\/+$/, "");
    const author = String(request.settings.author ?? "");
    if (!request.credentials.token || !/^urn:li:(person|organization):/.test(author)) {
      return { kind: "failed", failureClass: "config", message: "The LinkedIn channel needs an access token and its author URN (urn:li:organization:… or urn:li:person:…)." };
    }
    const response = await send(`${base}/rest/posts`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${request.credentials.token}`,
        "content-type": "application/json",
        "linkedin-version": String(request.settings.version ?? "202601"),
        "x-restli-protocol-version": "2.0.0",
      },
      body: JSON.stringify({
        author,
        commentary: escapeLittleText(request.text),
        visibility: "PUBLIC",
        distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: "PUBLISHED",
        isReshareDisabledByAuthor: false,
        ...(request.link ? { content: { article: { source: request.link, title: request.text.slice(0, 100) } } } : {}),
      }),
    }, request.timeoutMs);
    if (isOutcome(response)) return response;
    const urn = response.headers.get("x-restli-id");
    if (response.status === 201 && urn) return { kind: "published", externalId: urn, url: `https://www.linkedin.com/feed/update/${urn}` };
    const body = await readJson(response);
    const message = String(body.message ?? `HTTP ${response.status}`);
    const duplicateOf = /duplicate of (urn:li:[a-zA-Z]+:\d+)/.exec(message)?.[1];
    if (duplicateOf) {
      return request.isRetry
        ? { kind: "published", externalId: duplicateOf, url: `https://www.linkedin.com/feed/update/${duplicateOf}` }
        : { kind: "failed", failureClass: "duplicate", message: `LinkedIn already has this text as ${duplicateOf}.` };
    }
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: `LinkedIn refused the token (${String(body.code ?? message)}); connect the channel again.` };
    if (response.status === 403) return { kind: "failed", failureClass: "permission", message: `LinkedIn does not allow this: ${message}` };
    if (response.status === 426) return { kind: "failed", failureClass: "config", message: `LinkedIn refused the API version: ${message}` };
    // LinkedIn sends no rate-limit headers; a daily quota resets at midnight UTC.
    if (response.status === 429) return { kind: "retry", message: "LinkedIn's rate limit was reached", retryAfterMs: /DAY/.test(message) ? untilUtcMidnight() : undefined };
    if (response.status === 400 || response.status === 422) return { kind: "failed", failureClass: "content", message: `LinkedIn rejected the post: ${message}` };
    return { kind: "retry", message: `LinkedIn answered ${response.status}: ${message}` };
  },
};
