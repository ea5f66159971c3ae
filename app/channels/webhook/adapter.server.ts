// Outgoing webhooks per Standard Webhooks v1: a signed JSON POST. The webhook-id is the
// publish key, the same on every retry, so receivers can drop repeats.
import { createHmac } from "node:crypto";
import { type ChannelAdapter, isOutcome, readJson, retryAfter, send } from "../adapter.server";

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export const webhook: ChannelAdapter = {
  // Standard Webhooks: the webhook-id is the same on every retry and receivers drop repeats.
  idempotentForMs: 24 * 60 * 60_000,
  async publish(request) {
    const url = String(request.settings.url ?? "");
    const secret = request.credentials.secret;
    if (!/^https?:\/\//.test(url) || !secret) return { kind: "failed", failureClass: "config", message: "The webhook channel needs an endpoint URL and a signing secret." };
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: "post.published",
      timestamp: new Date().toISOString(),
      data: { text: request.text, link: request.link, mediaUrls: request.mediaUrls, scheduledAt: request.scheduledAt.toISOString() },
    });
    const response = await send(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": request.publishKey,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(secret, request.publishKey, timestamp, body),
      },
      body,
    }, request.timeoutMs);
    if (isOutcome(response)) return response;
    if (response.ok) return { kind: "published", externalId: request.publishKey, url: null };
    const detail = JSON.stringify(await readJson(response)).slice(0, 200);
    // The receiver could not verify the signature: the secret is wrong, as a network's 401 says of a token.
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: `The endpoint refused the signature (401): check the channel's signing secret. ${detail}` };
    if (response.status === 410) return { kind: "failed", failureClass: "config", message: "The webhook endpoint answered 410 Gone: it no longer accepts deliveries." };
    if (response.status === 429 || response.status >= 500) return { kind: "retry", message: `the endpoint answered ${response.status}`, retryAfterMs: retryAfter(response) };
    if (response.status >= 300 && response.status < 400) return { kind: "failed", failureClass: "config", message: `The endpoint redirects (${response.status}); set its final URL.` };
    return { kind: "failed", failureClass: "content", message: `The endpoint refused the delivery (${response.status}): ${detail}` };
  },
};
