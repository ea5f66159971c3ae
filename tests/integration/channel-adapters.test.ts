// Each adapter against a local server that implements its network's contract.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishRequest } from "~/channels/adapter.server";
import { bluesky, linkFacets } from "~/channels/bluesky/adapter.server";
import { mastodon } from "~/channels/mastodon/adapter.server";
import { signWebhook, webhook } from "~/channels/webhook/adapter.server";
import { facebook } from "~/channels/facebook/adapter.server";
import { escapeLittleText, linkedin } from "~/channels/linkedin/adapter.server";
import { threads } from "~/channels/threads/adapter.server";
import { x } from "~/channels/x/adapter.server";
import { newPublishKey } from "~/domain/publish-key";
import { FACEBOOK_PAGE, FACEBOOK_TOKEN, startFacebook } from "../fakes/facebook";
import { LINKEDIN_TOKEN, startLinkedIn } from "../fakes/linkedin";
import { THREADS_TOKEN, THREADS_USER, startThreads } from "../fakes/threads";
import { X_TOKEN, X_USER_ID, startX } from "../fakes/x";
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
    expect(await webhook.publish(hook({ credentials: { secret: "whsec_" + Buffer.alloc(32, 1).toString("base64") } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
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
    // A 5xx may follow a created status: unknown, settled by sending again under the key.
    server.queue("/api/v1/statuses", { status: 503, body: { error: "There was a temporary problem serving your request, please try again" } });
    expect(await mastodon.publish(toot())).toMatchObject({ kind: "unknown" });
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

  it("takes a 5xx after the post was created as unknown, finds the post by reading back, and a retry sends nothing", async () => {
    // X shows the text back with its links on t.co and & < > as entities.
    const req = tweet({ text: `Fish & chips <today> ${Math.random()} https://example.com/menu?a=1&b=2` });
    api.queue("POST /2/tweets", { afterHandling: true, status: 503, body: { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 } });
    expect(await x.publish(req)).toMatchObject({ kind: "unknown" });
    const [id] = [...api.tweets].find(([, text]) => text === req.text)!;
    expect(await x.lookup!(req)).toEqual({ found: true, externalId: id, url: `https://x.com/i/web/status/${id}` });
    const posts = api.requests.filter((r) => r.method === "POST").length;
    expect(await x.publish({ ...req, isRetry: true })).toEqual({ kind: "published", externalId: id, url: `https://x.com/i/web/status/${id}` });
    expect(api.requests.filter((r) => r.method === "POST").length).toBe(posts);
    expect([...api.tweets.values()].filter((text) => text === req.text)).toHaveLength(1);
  });

  it("takes a timeout after the post was created as unknown, and reading back finds it", async () => {
    const req = tweet({ timeoutMs: 300 });
    api.queue("POST /2/tweets", { afterHandling: true, delayMs: 1500 });
    expect(await x.publish(req)).toMatchObject({ kind: "unknown" });
    expect(await x.lookup!(req)).toMatchObject({ found: true });
    expect(await x.lookup!(tweet())).toEqual({ found: false });
  });

  it("reads 403 duplicate content as a refusal at first, and on a retry as the earlier attempt's post, with its id", async () => {
    const text = `Same ${Math.random()}`;
    const first = await x.publish(tweet({ text }));
    expect(await x.publish(tweet({ text }))).toMatchObject({ kind: "failed", failureClass: "duplicate" });
    // The retry's own read-back fails, so it sends, and X refuses the text as a duplicate.
    api.queue(`GET /2/users/${X_USER_ID}/tweets`, { status: 503, body: { title: "Service Unavailable", status: 503 } });
    expect(await x.publish(tweet({ text, isRetry: true }))).toEqual(first);
  });

  it("keeps a duplicate refusal on a retry when the post with that text is older than the first attempt", async () => {
    const text = `Old ${Math.random()}`;
    await x.publish(tweet({ text }));
    const [id] = [...api.tweets].find(([, t]) => t === text)!;
    api.createdAt.set(id, Date.now() - 3600_000);
    expect(await x.publish(tweet({ text, isRetry: true }))).toMatchObject({ kind: "failed", failureClass: "duplicate", message: expect.stringContaining("an older post has it") });
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

  it("takes DUPLICATE_POST on a retry as our own earlier post, with the URN LinkedIn names", async () => {
    const text = `Dup ${Math.random()}`;
    const first = await linkedin.publish(share({ text }));
    expect(await linkedin.publish(share({ text }))).toMatchObject({ kind: "failed", failureClass: "duplicate" });
    expect(await linkedin.publish(share({ text, isRetry: true }))).toEqual(first);
    // Also when the retry cannot read the author's posts first and sends.
    api.queue("GET /rest/posts?", { status: 500, body: { status: 500, message: "Internal Server Error" } });
    expect(await linkedin.publish(share({ text, isRetry: true }))).toEqual(first);
  });

  it("does not take a DUPLICATE_POST older than the first attempt as ours", async () => {
    const text = `Older ${Math.random()}`;
    const { externalId } = (await linkedin.publish(share({ text }))) as { externalId: string };
    api.posts.get(externalId)!.createdAt = Date.now() - 24 * 3600_000;
    expect(await linkedin.publish(share({ text, isRetry: true }))).toMatchObject({ kind: "failed", failureClass: "duplicate", message: expect.stringContaining("before the first attempt") });
  });

  it("takes a 5xx after the post was created as unknown, finds it among the author's posts, and a retry sends nothing", async () => {
    const req = share({ text: `Created then failed (really) #${Math.random()}` });
    api.queue("POST /rest/posts", { afterHandling: true, status: 504, body: { status: 504, message: "Gateway Timeout" } });
    expect(await linkedin.publish(req)).toMatchObject({ kind: "unknown" });
    const [urn] = [...api.posts].find(([, p]) => p.commentary === escapeLittleText(req.text))!;
    expect(await linkedin.lookup!(req)).toEqual({ found: true, externalId: urn, url: `https://www.linkedin.com/feed/update/${urn}` });
    const posts = api.requests.filter((r) => r.method === "POST").length;
    expect(await linkedin.publish({ ...req, isRetry: true })).toMatchObject({ kind: "published", externalId: urn });
    expect(api.requests.filter((r) => r.method === "POST").length).toBe(posts);
    expect(await linkedin.lookup!(share())).toEqual({ found: false });
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
    api.queue(`/${FACEBOOK_PAGE}/feed`, { status: 502, body: "<html>Bad Gateway</html>" });
    expect(await facebook.publish(page())).toMatchObject({ kind: "unknown" });
    api.queue(`/${FACEBOOK_PAGE}/feed`, { status: 400, body: { error: { message: "(#4) Application request limit reached", code: 4 } }, headers: { "x-business-use-case-usage": JSON.stringify({ [FACEBOOK_PAGE]: [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 12 }] }) } });
    expect(await facebook.publish(page())).toMatchObject({ kind: "retry", retryAfterMs: 12 * 60_000 });
  });
});

describe("Facebook, reading back", () => {
  let api: Awaited<ReturnType<typeof startFacebook>>;
  beforeAll(async () => (api = await startFacebook()));
  afterAll(() => api.close());
  const page = (o: Partial<PublishRequest> = {}) => request({ settings: { apiBase: api.url, pageId: FACEBOOK_PAGE }, credentials: { token: FACEBOOK_TOKEN }, text: `Page post ${Math.random()}`, firstAttemptAt: new Date(), ...o });

  it("looks no further back than the first attempt: the same text posted earlier is not ours", async () => {
    const text = `Posted last month ${Math.random()}`;
    api.posts.unshift({ id: `${FACEBOOK_PAGE}_old`, message: text, createdAt: Date.now() - 30 * 24 * 3600_000 });
    expect(await facebook.lookup!(page({ text }))).toEqual({ found: false });
  });

  it("pages through every post since the attempt, not just the 25 newest", async () => {
    const req = page();
    const { externalId } = (await facebook.publish(req)) as { externalId: string };
    // More than a page of 100 after it: the read-back must follow the cursor.
    for (let i = 0; i < 130; i++) expect(await facebook.publish(page())).toMatchObject({ kind: "published" });
    expect(await facebook.lookup!(req)).toEqual({ found: true, externalId, url: `https://www.facebook.com/${externalId}` });
    expect(api.requests.filter((r) => r.path.startsWith(`/${FACEBOOK_PAGE}/posts`)).at(-1)!.path).toContain("after=");
  });

  it("takes a 5xx after the post was created as unknown, and a retry finds the post instead of posting again", async () => {
    const req = page();
    api.queue(`POST /${FACEBOOK_PAGE}/feed`, { afterHandling: true, status: 500, body: { error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1 } } });
    expect(await facebook.publish(req)).toMatchObject({ kind: "unknown" });
    const count = api.posts.length;
    expect(await facebook.publish({ ...req, isRetry: true })).toMatchObject({ kind: "published" });
    expect(api.posts.length).toBe(count);
  });

  it("takes 506 on a retry as the earlier attempt's post when the read-back finds it", async () => {
    const req = page();
    const first = await facebook.publish(req);
    api.queue(`GET /${FACEBOOK_PAGE}/posts`, { status: 500, body: { error: { message: "An unknown error has occurred.", code: 1 } } });
    expect(await facebook.publish({ ...req, isRetry: true })).toEqual(first);
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

  it("leaves a publish that timed out unknown while its container reads FINISHED and no thread is listed", async () => {
    api.queue(`/${THREADS_USER}/threads_publish`, { status: 200, body: { id: "late" }, delayMs: 1500 });
    const before = api.published.size;
    const outcome = await threads.publish(thread({ timeoutMs: 300 }));
    // The queued slow reply did not publish; FINISHED alone does not prove that, so it is not a retry.
    expect(outcome).toMatchObject({ kind: "unknown", message: expect.stringContaining("FINISHED") });
    expect(api.published.size).toBe(before);
  });

  it("settles a 5xx after publishing by the container's status and the profile's threads", async () => {
    const req = thread();
    api.queue(`/${THREADS_USER}/threads_publish`, { afterHandling: true, status: 500, body: { error: { message: "An unexpected error has occurred.", code: 2 } } });
    const outcome = await threads.publish(req);
    const [id] = [...api.published].find(([, text]) => text === req.text)!;
    expect(outcome).toEqual({ kind: "published", externalId: id, url: `https://www.threads.net/@rytm/post/${id}` });
    expect(await threads.publish({ ...req, isRetry: true })).toEqual(outcome);
    expect([...api.published.values()].filter((text) => text === req.text)).toHaveLength(1);
  });

  it("classifies an expired token and a text over the limit", async () => {
    expect(await threads.publish(thread({ credentials: { token: "old" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    expect(await threads.publish(thread({ text: "a".repeat(501) }))).toMatchObject({ kind: "failed", failureClass: "content" });
  });
});

describe("Threads whose container status trails the publish", () => {
  let api: Awaited<ReturnType<typeof startThreads>>;
  beforeAll(async () => (api = await startThreads({ statusLagMs: 60_000 })));
  afterAll(() => api.close());
  const thread = (o: Partial<PublishRequest> = {}) => request({ settings: { apiBase: api.url, userId: THREADS_USER }, credentials: { token: THREADS_TOKEN }, text: `Thread ${Math.random()}`, ...o });

  it("reads a timed-out publish whose container still says FINISHED back: published, once", async () => {
    const req = thread({ timeoutMs: 300 });
    api.queue(`/${THREADS_USER}/threads_publish`, { afterHandling: true, delayMs: 1500 });
    const outcome = await threads.publish(req);
    const [id] = [...api.published].find(([, text]) => text === req.text)!;
    expect(outcome).toEqual({ kind: "published", externalId: id, url: `https://www.threads.net/@rytm/post/${id}` });
    expect(api.published.size).toBe(1);
  });
});
