// LinkedIn Posts API: POST /rest/posts, 201 with the post's URN in x-restli-id. The
// commentary is in LinkedIn's "little" text format, where reserved characters must be
// escaped or the post is silently cut or turned into mentions. LinkedIn has no idempotency
// key: an answer that does not prove the post was refused (a 5xx, a timeout) is settled by
// reading the author's posts since the first attempt back (the posts finder, q=author), a
// retry reads them before it sends again, and a retry refused as DUPLICATE_POST is settled
// as the post LinkedIn names, unless that post is older than the first attempt.
import type { PublishOutcome } from "~/domain/publish-outcome";
import { MAX_READ_BACK_PAGES, readBackFrom, sameText } from "~/domain/read-back";
import { type ChannelAdapter, type LookupResult, type PublishRequest, isOutcome, postedEarlier, readJson, send } from "../adapter.server";

export const escapeLittleText = (text: string) => text.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
const unescapeLittleText = (text: string) => text.replace(/\\([\\|{}@[\]()<>#*_~])/g, "$1");

function untilUtcMidnight() {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime();
}

const baseOf = (request: PublishRequest) => String(request.settings.apiBase ?? "https://api.linkedin.com").replace(/\/+$/, "");
const postUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}`;
const headersOf = (request: PublishRequest) => ({
  authorization: `Bearer ${request.credentials.token}`,
  "linkedin-version": String(request.settings.version ?? "202601"),
  "x-restli-protocol-version": "2.0.0",
});

type Post = { id?: string; commentary?: string; createdAt?: number };
const PAGE = 100;

/**
 * The author's posts, newest created first, until one older than the first attempt.
 * Reading needs r_organization_social for a Page (r_member_social for a person, which
 * LinkedIn grants few apps): without it the answer is 403 and the read-back cannot say.
 */
async function lookup(request: PublishRequest): Promise<LookupResult> {
  const from = readBackFrom(request.firstAttemptAt ?? request.scheduledAt).getTime();
  for (let page = 0; page < MAX_READ_BACK_PAGES; page++) {
    const query = new URLSearchParams({ q: "author", author: String(request.settings.author ?? ""), sortBy: "CREATED", count: String(PAGE), start: String(page * PAGE) });
    const response = await send(`${baseOf(request)}/rest/posts?${query}`, { headers: { ...headersOf(request), "x-restli-method": "FINDER" } }, request.timeoutMs);
    if (isOutcome(response) || !response.ok) return null;
    const elements = ((await readJson(response)).elements ?? []) as Post[];
    const match = elements.find((post) => (post.createdAt ?? 0) >= from && sameText(request.text, unescapeLittleText(post.commentary ?? "")));
    if (match?.id) return { found: true, externalId: match.id, url: postUrl(match.id) };
    if (elements.length < PAGE || elements.some((post) => (post.createdAt ?? 0) < from)) return { found: false };
  }
  return null;
}

/** When LinkedIn made a post (GET /rest/posts/{urn}); null when it cannot be read. */
async function createdAt(request: PublishRequest, urn: string): Promise<number | null> {
  const response = await send(`${baseOf(request)}/rest/posts/${encodeURIComponent(urn)}`, { headers: headersOf(request) }, request.timeoutMs);
  if (isOutcome(response) || !response.ok) return null;
  const at = Number(((await readJson(response)) as Post).createdAt);
  return Number.isFinite(at) ? at : null;
}

export const linkedin: ChannelAdapter = {
  async publish(request): Promise<PublishOutcome> {
    const author = String(request.settings.author ?? "");
    if (!request.credentials.token || !/^urn:li:(person|organization):/.test(author)) {
      return { kind: "failed", failureClass: "config", message: "The LinkedIn channel needs an access token and its author URN (urn:li:organization:… or urn:li:person:…)." };
    }
    const earlier = await postedEarlier(request, lookup);
    if (earlier) return earlier;
    const response = await send(`${baseOf(request)}/rest/posts`, {
      method: "POST",
      headers: { ...headersOf(request), "content-type": "application/json" },
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
    if (response.status === 201 && urn) return { kind: "published", externalId: urn, url: postUrl(urn) };
    const body = await readJson(response);
    const message = String(body.message ?? `HTTP ${response.status}`);
    const duplicateOf = /duplicate of (urn:li:[a-zA-Z]+:\d+)/.exec(message)?.[1];
    if (duplicateOf) {
      const refusal = { kind: "failed", failureClass: "duplicate", message: `LinkedIn already has this text as ${duplicateOf}.` } as const;
      if (!request.isRetry) return refusal;
      // On a retry LinkedIn names the earlier attempt's post, unless it is older than the first attempt.
      const at = await createdAt(request, duplicateOf);
      return at !== null && at < readBackFrom(request.firstAttemptAt ?? request.scheduledAt).getTime()
        ? { ...refusal, message: `${refusal.message} It was made before the first attempt, so it is not ours.` }
        : { kind: "published", externalId: duplicateOf, url: postUrl(duplicateOf) };
    }
    if (response.status === 401) return { kind: "failed", failureClass: "auth", message: `LinkedIn refused the token (${String(body.code ?? message)}); connect the channel again.` };
    if (response.status === 403) return { kind: "failed", failureClass: "permission", message: `LinkedIn does not allow this: ${message}` };
    if (response.status === 426) return { kind: "failed", failureClass: "config", message: `LinkedIn refused the API version: ${message}` };
    // LinkedIn sends no rate-limit headers; a daily quota resets at midnight UTC.
    if (response.status === 429) return { kind: "retry", message: "LinkedIn's rate limit was reached", retryAfterMs: /DAY/.test(message) ? untilUtcMidnight() : undefined };
    if (response.status === 400 || response.status === 422) return { kind: "failed", failureClass: "content", message: `LinkedIn rejected the post: ${message}` };
    // A 5xx (or anything else) does not prove the post was not created.
    return { kind: "unknown", message: `LinkedIn answered ${response.status}: ${message}; the post may have been created anyway` };
  },
  lookup,
};
