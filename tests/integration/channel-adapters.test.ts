// Each adapter against a local server that implements its network's contract.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishRequest } from "~/channels/adapter.server";
import { bluesky, linkFacets } from "~/channels/bluesky.server";
import { mastodon } from "~/channels/mastodon.server";
import { signWebhook, webhook } from "~/channels/webhook.server";
import { newPublishKey } from "~/domain/publish-key";
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

  it("classifies a wrong app password, an invalid record and a rate limit", async () => {
    expect(await bluesky.publish(skeet({ credentials: { ...BLUESKY_LOGIN, password: "wrong" } }))).toMatchObject({ kind: "failed", failureClass: "auth" });
    expect(await bluesky.publish(skeet({ text: "ę".repeat(301) }))).toMatchObject({ kind: "failed", failureClass: "content" });
    pds.queue("/xrpc/com.atproto.repo.createRecord", { status: 429, body: { error: "RateLimitExceeded" }, headers: { "ratelimit-reset": String(Math.floor(Date.now() / 1000) + 120) } });
    const limited = await bluesky.publish(skeet());
    expect(limited).toMatchObject({ kind: "retry" });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100_000);
  });
});
