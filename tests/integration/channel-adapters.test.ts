// Each adapter against a local server that implements its network's contract.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishRequest } from "~/channels/adapter.server";
import { bluesky, linkFacets } from "~/channels/bluesky.server";
import { mastodon } from "~/channels/mastodon.server";
import { signWebhook, webhook } from "~/channels/webhook.server";
import { facebook } from "~/channels/facebook.server";
import { escapeLittleText, linkedin } from "~/channels/linkedin.server";
import { threads } from "~/channels/threads.server";
import { x } from "~/channels/x.server";
import { newPublishKey } from "~/domain/publish-key";
import { FACEBOOK_PAGE, FACEBOOK_TOKEN, startFacebook } from "../fakes/facebook";
import { LINKEDIN_TOKEN, startLinkedIn } from "../fakes/linkedin";
import { THREADS_TOKEN, THREADS_USER, startThreads } from "../fakes/threads";
import { X_TOKEN, startX } from "../fakes/x";
import { BLUESKY_LOGIN, startBluesky } from "../fakes/bluesky";
import { MASTODON_TOKEN, startMastodon } from "../fakes/mastodon";
import { WEBHOOK_SECRET, startWebhookReceiver } from "../fakes/webhook-receiver";
import { freePort } from "../support/processes";

const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  text: "Hello from Rytm",
  link: null,
  mediaUrls: [],
  publishKey: `key-${Math.random()}`,
  credentials: {},
  settings: {},
  scheduledAt: new Date(),
  timeoutMs: 2000,
  ...overrides,
});

describe("webhook (Standard Webhooks)", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => (receiver = await startWebhookReceiver()));
  afterAll(() => receiver.close());
  const hook = (o: Partial<PublishRequest> = {}) => request({ settings: { url: `${receiver.url}/hooks` }, credentials: { secret: WEBHOOK_SECRET }, ...o });

  it("signs exactly as the specification's test vector", () => {
    expect(signWebhook(WEBHOOK_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("delivers a signed event the receiver accepts, with the publish key as webhook-id", async () => {
    const outcome = await webhook.publish(hook({ publishKey: "msg_rytm_1" }));
    expect(outcome).toEqual({ kind: "published", externalId: "msg_rytm_1", url: null });
    expect(receiver.deliveries.get("msg_rytm_1")).toMatchObject({ type: "post.published", data: { text: "Hello from Rytm" } });
  });

  it("classifies 410, 503 with Retry-After, a wrong secret and a slow receiver", async () => {
    receiver.queue("/hooks", { status: 410 }, { status: 503, headers: { "retry-after": "7" } });
    expect(await webhook.publish(hook())).toMatchObject({ kind: "failed", failureClass: "config" });
    expect(await webhook.publish(hook())).toMatchObject({ kind: "retry", retryAfterMs: 7000 });
    expect(await webhook.publish(hook({ credentials: { secret: "whsec_" + Buffer.alloc(32, 1).toString("base64") } }))).toMatchObject({ kind: "failed", failureClass: "content" });
    receiver.queue("/hooks", { status: 204, delayMs: 1500 });
    expect(await webhook.publish(hook({ timeoutMs: 300 }))).toMatchObject({ kind: "unknown" });
  });

  it("says retry when nothing listens (the request was never sent)", async () => {
    expect(await webhook.publish(hook({ settings: { url: `http://127.0.0.1:${await freePort()}/hooks` } }))).toMatchObject({ kind: "retry" });
  });
});

describe("Mastodon", () => {
  let server: Awaited<ReturnType<typeof startMastodon>>;
  beforeAll(async () => (server = await startMastodon()));
  afterAll(() => server.close());
  const toot = (o: Partial<PublishRequest> = {}) => request({ settings: { instanceUrl: server.url }, credentials: { token: MASTODON_TOKEN }, ...o });

  it("publishes and stores the status id and URL; a repeat with the same key makes no second post", async () => {
    const key = "rytm_v1_1";
    const first = await mastodon.publish(toot({ publishKey: key, link: "https://example.com/a" }));
    const again = await mastodon.publish(toot({ publishKey: key, link: "https://example.com/a" }));
    expect(first).toMatchObject({ kind: "published", url: expect.stringMatching(/\/@rytm\/\d+$/) });
    expect(again).toEqual(first);
    expect([...server.statuses.values()].filter((s) => String(s.content).includes("https://example.com/a"))).toHaveLength(1);
    expect(server.requests.at(-1)!.headers["idempotency-key"]).toBe(key);
  });

  it("classifies a bad token, a rejected text, a rate limit with its ISO reset, and a 503", async () => {
    expect(await mastodon.publish(toot({ credentials: { token: "nope" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    expect(await mastodon.publish(toot({ text: "a".repeat(501) }))).toMatchObject({ kind: "failed", failureClass: "content", message: expect.stringContaining("character limit") });
    const reset = new Date(Date.now() + 60_000).toISOString().replace("Z", "000Z");
    server.queue("/api/v1/statuses", { status: 429, body: { error: "Too many requests" }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset } });
    const limited = await mastodon.publish(toot());
    expect(limited).toMatchObject({ kind: "retry" });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(55_000);
    server.queue("/api/v1/statuses", { status: 503, body: { error: "There was a temporary problem serving your request, please try again" } });
    expect(await mastodon.publish(toot())).toMatchObject({ kind: "retry" });
  });
});

describe("Bluesky", () => {
  let pds: Awaited<ReturnType<typeof startBluesky>>;
  beforeAll(async () => (pds = await startBluesky()));
  afterAll(() => pds.close());
  const skeet = (o: Partial<PublishRequest> = {}) => request({ settings: { service: pds.url }, credentials: BLUESKY_LOGIN, publishKey: newPublishKey("bluesky", "v", 1), ...o });

  it("links URLs with UTF-8 byte offsets", () => {
    const text = "Zażółć https://example.com/x gęślą";
    const [facet] = linkFacets(text);
    expect(facet!.index).toEqual({ byteStart: 11, byteEnd: 32 });
    expect(Buffer.from(text).subarray(11, 32).toString()).toBe("https://example.com/x");
  });

  it("publishes under the publish key and builds the post's URL from the DID", async () => {
    const key = newPublishKey("bluesky", "v", 2);
    const outcome = await bluesky.publish(skeet({ publishKey: key, text: "Nowa wystawa https://muzeum.example/w" }));
    expect(outcome).toEqual({ kind: "published", externalId: `at://did:plc:rytmtest/app.bsky.feed.post/${key}`, url: `https://bsky.app/profile/did:plc:rytmtest/post/${key}` });
    expect(pds.records.get(key)).toMatchObject({ facets: [{ features: [{ uri: "https://muzeum.example/w" }] }] });
  });

  it("treats a repeat of an attempt that went out as published, not as a second post", async () => {
    const key = newPublishKey("bluesky", "v", 3);
    await bluesky.publish(skeet({ publishKey: key }));
    const size = pds.records.size;
    expect(await bluesky.publish(skeet({ publishKey: key }))).toMatchObject({ kind: "published" });
    expect(pds.records.size).toBe(size);
    expect(await bluesky.lookup!(skeet({ publishKey: key }))).toMatchObject({ found: true });
    expect(await bluesky.lookup!(skeet())).toEqual({ found: false });
  });

  it("logs in once for many posts, and again when the session expires", async () => {
    const logins = () => pds.requests.filter((r) => r.path === "/xrpc/com.atproto.server.createSession").length;
    await bluesky.publish(skeet());
    const before = logins();
    for (let i = 0; i < 3; i++) expect(await bluesky.publish(skeet())).toMatchObject({ kind: "published" });
    expect(logins()).toBe(before);
    pds.expireSessions();
    expect(await bluesky.publish(skeet())).toMatchObject({ kind: "published" });
    expect(logins()).toBe(before + 1);
  });

  it("classifies a wrong app password, an invalid record and a rate limit", async () => {
    expect(await bluesky.publish(skeet({ credentials: { ...BLUESKY_LOGIN, password: "wrong" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    expect(await bluesky.publish(skeet({ text: "ę".repeat(301) }))).toMatchObject({ kind: "failed", failureClass: "content" });
    pds.queue("/xrpc/com.atproto.repo.createRecord", { status: 429, body: { error: "RateLimitExceeded" }, headers: { "ratelimit-reset": String(Math.floor(Date.now() / 1000) + 120) } });
    const limited = await bluesky.publish(skeet());
    expect(limited).toMatchObject({ kind: "retry" });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100_000);
  });
});

describe("X", () => {
  let api: Awaited<ReturnType<typeof startX>>;
  beforeAll(async () => (api = await startX()));
  afterAll(() => api.close());
  const tweet = (o: Partial<PublishRequest> = {}) => request({ settings: { apiBase: api.url }, credentials: { token: X_TOKEN }, text: `Tweet ${Math.random()}`, ...o });

  it("publishes and links the post by id", async () => {
    const outcome = await x.publish(tweet());
    expect(outcome).toMatchObject({ kind: "published", url: expect.stringMatching(/^https:\/\/x\.com\/i\/web\/status\/\d+$/) });
  });

  it("reads 403 duplicate content as a refusal at first, and as 'probably went out' on a retry", async () => {
    const text = `Same ${Math.random()}`;
    await x.publish(tweet({ text }));
    expect(await x.publish(tweet({ text }))).toMatchObject({ kind: "failed", failureClass: "duplicate" });
    expect(await x.publish(tweet({ text, isRetry: true }))).toMatchObject({ kind: "unknown" });
  });

  it("classifies a bad token, an invalid request and a rate limit with its epoch reset", async () => {
    expect(await x.publish(tweet({ credentials: { token: "nope" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    expect(await x.publish(tweet({ text: "" }))).toMatchObject({ kind: "failed", failureClass: "content" });
    api.queue("/2/tweets", { status: 429, body: { title: "Too Many Requests", status: 429 }, headers: { "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 600) } });
    const limited = await x.publish(tweet());
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(590_000);
  });
});

describe("LinkedIn", () => {
  let api: Awaited<ReturnType<typeof startLinkedIn>>;
  beforeAll(async () => (api = await startLinkedIn()));
  afterAll(() => api.close());
  const share = (o: Partial<PublishRequest> = {}) => request({ settings: { apiBase: api.url, author: "urn:li:organization:123" }, credentials: { token: LINKEDIN_TOKEN }, text: `Share ${Math.random()}`, ...o });

  it("escapes the little text format and publishes, storing the URN", async () => {
    expect(escapeLittleText("Join us (today) #museum @team [x]_*~")).toBe("Join us \\(today\\) \\#museum \\@team \\[x\\]\\_\\*\\~");
    const outcome = await linkedin.publish(share({ text: "Open (today) #museum" }));
    expect(outcome).toMatchObject({ kind: "published", externalId: expect.stringMatching(/^urn:li:share:\d+$/), url: expect.stringContaining("https://www.linkedin.com/feed/update/urn:li:share:") });
    expect(api.posts.get((outcome as { externalId: string }).externalId)).toMatchObject({ commentary: "Open \\(today\\) \\#museum", author: "urn:li:organization:123" });
  });

  it("takes DUPLICATE_POST on a retry as our own earlier post", async () => {
    const text = `Dup ${Math.random()}`;
    const first = await linkedin.publish(share({ text }));
    expect(await linkedin.publish(share({ text }))).toMatchObject({ kind: "failed", failureClass: "duplicate" });
    expect(await linkedin.publish(share({ text, isRetry: true }))).toEqual(first);
  });

  it("classifies an expired token, and a daily quota as waiting until midnight UTC", async () => {
    expect(await linkedin.publish(share({ credentials: { token: "expired" } }))).toMatchObject({ kind: "failed", failureClass: "auth", message: expect.stringContaining("EXPIRED_ACCESS_TOKEN") });
    api.queue("/rest/posts", { status: 429, body: { status: 429, serviceErrorCode: 101, code: "TOO_MANY_REQUESTS", message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached." } });
    const limited = (await linkedin.publish(share())) as { kind: string; retryAfterMs: number };
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(limited.kind).toBe("retry");
    expect(Math.abs(limited.retryAfterMs - (midnight.getTime() - Date.now()))).toBeLessThan(5000);
  });
});

describe("Facebook", () => {
  let api: Awaited<ReturnType<typeof startFacebook>>;
  beforeAll(async () => (api = await startFacebook()));
  afterAll(() => api.close());
  const page = (o: Partial<PublishRequest> = {}) => request({ settings: { apiBase: api.url, pageId: FACEBOOK_PAGE }, credentials: { token: FACEBOOK_TOKEN }, text: `Page post ${Math.random()}`, ...o });

  it("publishes with the permalink and can read a post back by its text", async () => {
    const req = page();
    const outcome = await facebook.publish(req);
    expect(outcome).toMatchObject({ kind: "published", url: expect.stringContaining(`https://www.facebook.com/${FACEBOOK_PAGE}_`) });
    expect(await facebook.lookup!(req)).toMatchObject({ found: true, externalId: (outcome as { externalId: string }).externalId });
    expect(await facebook.lookup!(page())).toEqual({ found: false });
  });

  it("classifies by error code: 190 auth, 506 duplicate, 2 unknown, 4 rate limit with the time to regain access", async () => {
    expect(await facebook.publish(page({ credentials: { token: "old" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    const req = page();
    await facebook.publish(req);
    expect(await facebook.publish(req)).toMatchObject({ kind: "failed", failureClass: "duplicate" });
    api.queue(`/${FACEBOOK_PAGE}/feed`, { status: 500, body: { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", code: 2 } } });
    expect(await facebook.publish(page())).toMatchObject({ kind: "unknown" });
    api.queue(`/${FACEBOOK_PAGE}/feed`, { status: 400, body: { error: { message: "(#4) Application request limit reached", code: 4 } }, headers: { "x-business-use-case-usage": JSON.stringify({ [FACEBOOK_PAGE]: [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 12 }] }) } });
    expect(await facebook.publish(page())).toMatchObject({ kind: "retry", retryAfterMs: 12 * 60_000 });
  });
});

describe("Threads", () => {
  let api: Awaited<ReturnType<typeof startThreads>>;
  beforeAll(async () => (api = await startThreads()));
  afterAll(() => api.close());
  const thread = (o: Partial<PublishRequest> = {}) => request({ settings: { apiBase: api.url, userId: THREADS_USER }, credentials: { token: THREADS_TOKEN }, text: `Thread ${Math.random()}`, ...o });

  it("creates a container, publishes it and fetches the permalink", async () => {
    const outcome = await threads.publish(thread());
    expect(outcome).toMatchObject({ kind: "published", url: expect.stringMatching(/^https:\/\/www\.threads\.net\/@rytm\/post\/m\d+$/) });
  });

  it("settles a publish that timed out by the container's status: no second post", async () => {
    api.queue(`/${THREADS_USER}/threads_publish`, { status: 200, body: { id: "late" }, delayMs: 1500 });
    const before = api.published.size;
    const outcome = await threads.publish(thread({ timeoutMs: 300 }));
    // The queued slow reply did not publish; the container is not PUBLISHED, so it is retried later.
    expect(outcome).toMatchObject({ kind: "retry", message: expect.stringContaining("FINISHED") });
    expect(api.published.size).toBe(before);
  });

  it("classifies an expired token and a text over the limit", async () => {
    expect(await threads.publish(thread({ credentials: { token: "old" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    expect(await threads.publish(thread({ text: "a".repeat(501) }))).toMatchObject({ kind: "failed", failureClass: "content" });
  });
});
