// Every network that publishes, as tests and the fault drill run it: its local fake, a
// channel pointed at that fake, and the network's own answers to the situations every
// adapter must classify alike (networks.md, "Cross-network retry classification"). Keyed
// by the kinds whose module publishes: a new adapter without a fake does not type-check.
import type { PublishingKind } from "~/channels/networks";
import { FACEBOOK_PAGE, FACEBOOK_TOKEN, startFacebook } from "./facebook";
import type { Fake, Special } from "./http-fake";
import { BLUESKY_LOGIN, startBluesky } from "./bluesky";
import { LINKEDIN_TOKEN, startLinkedIn } from "./linkedin";
import { MASTODON_TOKEN, startMastodon } from "./mastodon";
import { THREADS_TOKEN, THREADS_USER, startThreads } from "./threads";
import { WEBHOOK_SECRET, startWebhookReceiver } from "./webhook-receiver";
import { X_TOKEN, startX } from "./x";

export type RunningFake = {
  fake: Fake;
  /** A channel of this network on the fake, as its row stores it. */
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
  /** The request that makes a post: where faults go. */
  publishPath: string;
  /** The texts the fake holds as posted, once each time it was posted. */
  posted: () => string[];
};

/** `statusLagMs`: how long a published post's status still trails (Threads' container reads FINISHED). */
export type FakeOptions = { latencyMs?: number; statusLagMs?: number };

export type FakeNetwork = {
  start: (options?: FakeOptions) => Promise<RunningFake>;
  /** Credentials the network refuses, as it refuses a revoked token or a wrong password. */
  wrongCredentials: Record<string, string>;
  /** The network's answer when the account's budget is spent, and in how many ms it says it resets (null: it does not say). */
  rateLimited: () => { reply: Special; resetInMs: number | null };
  /** A 5xx that made no post, and what the adapter makes of it (decision 0026: unknown unless the network can prove nothing was made). */
  serverError: { reply: Special; outcome: "unknown" | "retry" };
  /** Whether a published post has a public address (a webhook delivery has none). */
  publicUrl: boolean;
};

const epochIn = (seconds: number) => String(Math.floor(Date.now() / 1000) + seconds);
const untilUtcMidnight = () => {
  const midnight = new Date();
  midnight.setUTCHours(24, 0, 0, 0);
  return midnight.getTime() - Date.now();
};

export const fakeNetworks: Record<PublishingKind, FakeNetwork> = {
  x: {
    async start({ latencyMs } = {}) {
      const fake = await startX(latencyMs);
      return { fake, settings: { apiBase: fake.url }, credentials: { token: X_TOKEN }, publishPath: "POST /2/tweets", posted: () => [...fake.tweets.values()] };
    },
    wrongCredentials: { token: "revoked-x-token" },
    rateLimited: () => ({ reply: { status: 429, body: { title: "Too Many Requests", status: 429 }, headers: { "x-rate-limit-remaining": "0", "x-rate-limit-reset": epochIn(600) } }, resetInMs: 600_000 }),
    serverError: { reply: { status: 500, body: { title: "Internal Server Error", status: 500 } }, outcome: "unknown" },
    publicUrl: true,
  },
  mastodon: {
    async start({ latencyMs } = {}) {
      const fake = await startMastodon(latencyMs);
      return {
        fake,
        settings: { instanceUrl: fake.url },
        credentials: { token: MASTODON_TOKEN },
        publishPath: "POST /api/v1/statuses",
        posted: () => [...fake.statuses.values()].map((s) => String(s.content).replace(/<\/?p>/g, "")),
      };
    },
    wrongCredentials: { token: "revoked-mastodon-token" },
    // X-RateLimit-Reset is an ISO time with microseconds on Mastodon.
    rateLimited: () => ({
      reply: { status: 429, body: { error: "Too many requests" }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": new Date(Date.now() + 60_000).toISOString().replace("Z", "000Z") } },
      resetInMs: 60_000,
    }),
    serverError: { reply: { status: 503, body: { error: "Remote data could not be fetched" } }, outcome: "unknown" },
    publicUrl: true,
  },
  bluesky: {
    async start({ latencyMs } = {}) {
      const fake = await startBluesky(latencyMs);
      return { fake, settings: { service: fake.url }, credentials: BLUESKY_LOGIN, publishPath: "POST /xrpc/com.atproto.repo.createRecord", posted: () => [...fake.records.values()].map((r) => String(r.text)) };
    },
    wrongCredentials: { ...BLUESKY_LOGIN, password: "wrong-app-password" },
    rateLimited: () => ({ reply: { status: 429, body: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" }, headers: { "ratelimit-reset": epochIn(120) } }, resetInMs: 120_000 }),
    // The record is read back under its key: absent, so nothing was made and it is tried again.
    serverError: { reply: { status: 503, body: { error: "NotEnoughResources", message: "Not Enough Resources" } }, outcome: "retry" },
    publicUrl: true,
  },
  linkedin: {
    async start({ latencyMs } = {}) {
      const fake = await startLinkedIn(latencyMs);
      return {
        fake,
        settings: { apiBase: fake.url, author: "urn:li:organization:2414183" },
        credentials: { token: LINKEDIN_TOKEN },
        publishPath: "POST /rest/posts",
        posted: () => [...fake.posts.values()].map((p) => String(p.commentary)),
      };
    },
    wrongCredentials: { token: "expired-linkedin-token" },
    // No rate-limit headers: a daily quota resets at midnight UTC.
    rateLimited: () => ({
      reply: { status: 429, body: { status: 429, serviceErrorCode: 101, code: "TOO_MANY_REQUESTS", message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached." } },
      resetInMs: untilUtcMidnight(),
    }),
    serverError: { reply: { status: 503, body: { status: 503, message: "Service Unavailable" } }, outcome: "unknown" },
    publicUrl: true,
  },
  facebook: {
    async start({ latencyMs } = {}) {
      const fake = await startFacebook(latencyMs);
      return { fake, settings: { apiBase: fake.url, pageId: FACEBOOK_PAGE }, credentials: { token: FACEBOOK_TOKEN }, publishPath: `POST /${FACEBOOK_PAGE}/feed`, posted: () => fake.posts.map((p) => p.message) };
    },
    wrongCredentials: { token: "expired-page-token" },
    // Graph code 4; Business Use Case throttling says when access returns, in minutes.
    rateLimited: () => ({
      reply: { status: 400, body: { error: { message: "(#4) Application request limit reached", code: 4 } }, headers: { "x-business-use-case-usage": JSON.stringify({ [FACEBOOK_PAGE]: [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 12 }] }) } },
      resetInMs: 12 * 60_000,
    }),
    serverError: { reply: { status: 500, body: { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", code: 2 } } }, outcome: "unknown" },
    publicUrl: true,
  },
  threads: {
    async start({ latencyMs, statusLagMs } = {}) {
      const fake = await startThreads({ latencyMs, statusLagMs });
      return { fake, settings: { apiBase: fake.url, userId: THREADS_USER }, credentials: { token: THREADS_TOKEN }, publishPath: `POST /${THREADS_USER}/threads_publish`, posted: () => [...fake.published.values()] };
    },
    wrongCredentials: { token: "expired-threads-token" },
    // Graph code 4 with no documented reset: the worker's own backoff decides.
    rateLimited: () => ({ reply: { status: 400, body: { error: { message: "(#4) Application request limit reached", type: "OAuthException", code: 4 } } }, resetInMs: null }),
    serverError: { reply: { status: 503, body: "Service Unavailable" }, outcome: "unknown" },
    publicUrl: true,
  },
  webhook: {
    async start() {
      const fake = await startWebhookReceiver();
      return { fake, settings: { url: `${fake.url}/hooks` }, credentials: { secret: WEBHOOK_SECRET }, publishPath: "POST /hooks", posted: () => [...fake.deliveries.values()].map((d) => String((d as { data: { text: string } }).data.text)) };
    },
    wrongCredentials: { secret: `whsec_${Buffer.alloc(32, 1).toString("base64")}` },
    rateLimited: () => ({ reply: { status: 429, headers: { "retry-after": "30" } }, resetInMs: 30_000 }),
    // Standard Webhooks: retried under the same webhook-id, which the receiver drops when repeated.
    serverError: { reply: { status: 503 }, outcome: "retry" },
    publicUrl: false,
  },
};
