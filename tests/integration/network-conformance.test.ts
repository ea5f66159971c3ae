// Every registered network, the same questions (decision 0029): is its module complete and
// true to the README, do its schemas refuse garbage, and does its adapter (where it has
// one) answer the shared contract against its fake — published with an id, a refused
// credential as an auth failure, a rate limit as a retry at the network's reset time, a
// 5xx that made nothing as unknown or retry, never as published or failed.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishRequest } from "~/channels/adapter.server";
import { adapterFor } from "~/channels/adapters.server";
import { connectFields } from "~/channels/connect-fields";
import { connectChannelSchema, requiredSettings } from "~/channels/connect-form";
import type { ConnectFieldName, NetworkKind, NetworkModule } from "~/channels/network-module";
import { type PublishingKind, networkKinds, networkModules, parseNetworkKind } from "~/channels/networks";
import { checkVariant } from "~/domain/channel-rules";
import { isHttpUrl } from "~/domain/http-url";
import { newPublishKey } from "~/domain/publish-key";
import { onChannel } from "~/domain/violations";
import { type RunningFake, fakeNetworks } from "../fakes/networks";
import { WEBHOOK_SECRET } from "../fakes/webhook-receiver";

/** The README's channel-limits table: network name, kind, aliases and limit. */
function readmeLimits() {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const table = readme.slice(readme.indexOf("| network (`kind`) | limit | counted as |")).split("\n\n")[0]!.split("\n").slice(2);
  return new Map(
    table.map((row) => {
      const [network, limit] = row.split("|").slice(1, 3).map((cell) => cell.trim());
      const [kind, ...aliases] = [...network!.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!);
      const number = /^[\d,]+/.exec(limit!)?.[0];
      return [kind as NetworkKind, { name: network!.split(" (")[0], aliases, limit: number ? Number(number.replace(/,/g, "")) : limit === "none" ? null : NaN }];
    }),
  );
}

// A plausible value for each credential field; the networks' schemas must take these.
const sampleCredential: Partial<Record<ConnectFieldName, string>> = { token: "tok_0123456789abcdef", identifier: "muzeum.bsky.social", password: "abcd-efgh-ijkl-mnop", secret: WEBHOOK_SECRET };
const sampleSetting: Partial<Record<ConnectFieldName, string>> = {
  instanceUrl: "https://mastodon.social",
  service: "https://bsky.social",
  url: "https://hooks.example/rytm",
  author: "urn:li:organization:2414183",
  pageId: "1029384756",
  userId: "17841400000",
};
const garbage: unknown[] = ["", " ", "has space", "a\u0000b", "line\nbreak", "x".repeat(5000), 17, null, ["tok"], { token: "tok" }];

const contrast = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
};

describe.each(networkKinds)("the %s module", (kind) => {
  const module: NetworkModule = networkModules[kind];
  const fields = module.connection.fields;
  const credentialKeys = Object.keys(module.credentials.shape);
  const settingKeys = Object.keys(module.settings.shape);
  const required = requiredSettings(module);
  const credentials = Object.fromEntries(credentialKeys.map((key) => [key, sampleCredential[key as ConnectFieldName]]));
  const settings = Object.fromEntries(required.map((key) => [key, sampleSetting[key as ConnectFieldName]]));

  it("is complete: its kind, names in both languages, icon, counting, rates, preview and publish key", () => {
    expect(module.kind).toBe(kind);
    expect(module.name).toMatch(/\S/);
    expect(module.polish.locative).toMatch(/\S/);
    expect(module.polish.genitive).toMatch(/\S/);
    expect(onChannel("pl", module.name, kind)).toBe(`na ${module.polish.locative}`);
    for (const alias of module.aliases) expect(parseNetworkKind(alias.toUpperCase())).toBe(kind);
    expect(parseNetworkKind(` ${module.name} `)).toBe(kind);
    expect([...new Intl.Segmenter().segment(module.icon.glyph)].length).toBeLessThanOrEqual(2);
    expect(module.icon.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrast(module.icon.color)).toBeGreaterThanOrEqual(4.5);
    expect(module.text.unit.en).toMatch(/\S/);
    expect(module.text.unit.pl).toMatch(/\S/);
    expect(module.text.source).toMatch(/\S/);
    expect(module.text.count("")).toBe(0);
    expect(module.text.count("Muzeum")).toBe(6);
    expect(module.postRate.posts).toBeGreaterThan(0);
    expect(module.postRate.seconds).toBeGreaterThan(0);
    const limit = module.text.limit({});
    if (module.preview.foldAt !== null) expect(module.preview.foldAt).toBeLessThan(limit ?? Infinity);
    const key = newPublishKey(kind, "cl0variant", 3);
    expect(key).toMatch(module.publishKey === "at-protocol-tid" ? /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/ : /^rytm_cl0variant_3$/);
  });

  it("has the limit, name and aliases the README's table gives", () => {
    const row = readmeLimits().get(kind);
    expect(row).toEqual({ name: module.name, aliases: [...module.aliases], limit: module.text.limit({}) });
    // A text at the limit passes and one past it is blocked, counted the network's way.
    const limit = module.text.limit({});
    if (limit !== null) {
      const media = module.media.required ? ["https://cdn.example/clip.mp4"] : [];
      expect(checkVariant(kind, { text: "a".repeat(limit), mediaUrls: media }).violations).toEqual([]);
      expect(checkVariant(kind, { text: "a".repeat(limit + 1), mediaUrls: media }).violations.map((v) => v.ruleId)).toEqual(["channel-length"]);
    }
  });

  it("asks the connect form for every credential and every required setting, each where it belongs", () => {
    expect(new Set(fields).size).toBe(fields.length);
    for (const key of credentialKeys) expect(fields).toContain(key);
    for (const key of required) expect(fields).toContain(key);
    for (const field of fields) expect(connectFields[field].holds === "credential" ? credentialKeys : settingKeys).toContain(field);
    if (module.connection.method === "app-password") expect(credentialKeys).toContain("password");
    if (module.connection.method === "url-secret") expect([...credentialKeys, ...required].sort()).toEqual(["secret", "url"]);
  });

  it("takes its credentials whole, and refuses garbage in each of them, missing ones and extra ones", () => {
    expect(module.credentials.safeParse(credentials).success).toBe(true);
    for (const key of credentialKeys) {
      for (const value of garbage) expect(module.credentials.safeParse({ ...credentials, [key]: value }).success, `${key}: ${JSON.stringify(value)?.slice(0, 40)}`).toBe(false);
      const { [key]: _left, ...missing } = credentials;
      expect(module.credentials.safeParse(missing).success).toBe(false);
    }
    for (const value of [null, undefined, "token", 42, [], { ...credentials, extra: "x" }]) expect(module.credentials.safeParse(value).success).toBe(false);
  });

  it("takes its settings, and refuses unknown keys and bad overrides", () => {
    expect(module.settings.safeParse(settings).success).toBe(true);
    expect(module.settings.safeParse({ ...settings, rateLimit: { posts: 10, seconds: 60 }, timeoutMs: 5000 }).success).toBe(true);
    expect(module.settings.safeParse({ ...settings, instanceURL: "https://typo.example" }).success).toBe(false);
    expect(module.settings.safeParse({ ...settings, rateLimit: { posts: 0, seconds: 60 } }).success).toBe(false);
    for (const key of required) {
      expect(module.settings.safeParse({ ...settings, [key]: "javascript:alert(1)" }).success).toBe(false);
      const { [key]: _left, ...missing } = settings;
      expect(module.settings.safeParse(missing).success).toBe(false);
    }
  });

  it("is connected by the form from exactly those fields, credentials all or none", () => {
    const form = { network: kind, name: `Muzeum on ${module.name}`, ...settings, ...credentials };
    expect(connectChannelSchema.parse(form)).toEqual({ network: kind, name: form.name, credentials, settings });
    expect(connectChannelSchema.parse({ network: kind, name: form.name, ...settings })).toMatchObject({ credentials: null });
    if (credentialKeys.length > 1) expect(connectChannelSchema.safeParse({ ...form, [credentialKeys[0]!]: undefined }).success).toBe(false);
  });

  it("has an adapter exactly when it says it publishes, and a reason in both languages when it does not", () => {
    expect(adapterFor(kind) !== null).toBe(module.publishing.available);
    if (!module.publishing.available) {
      expect(module.publishing.reason.en).toContain(module.name);
      expect(module.publishing.reason.pl).toMatch(/\S/);
    }
  });
});

const publishing = networkKinds.filter((kind): kind is PublishingKind => networkModules[kind].publishing.available);

describe.each(publishing)("the %s adapter against its fake", (kind) => {
  const network = fakeNetworks[kind];
  const adapter = adapterFor(kind)!;
  let running: RunningFake;
  beforeAll(async () => (running = await network.start()));
  afterAll(() => running.fake.close());
  let n = 0;
  const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({
    text: `Conformance ${kind} ${++n} ${Math.random().toString(36).slice(2)}`,
    link: null,
    mediaUrls: [],
    publishKey: newPublishKey(kind, `conformance${n}`, 1),
    credentials: running.credentials,
    settings: running.settings,
    scheduledAt: new Date(),
    timeoutMs: 3000,
    ...overrides,
  });

  it("runs a channel its module's schemas accept", () => {
    expect(networkModules[kind].credentials.safeParse(running.credentials).success).toBe(true);
    expect(networkModules[kind].settings.safeParse(running.settings).success).toBe(true);
    expect(networkModules[kind].credentials.safeParse(network.wrongCredentials).success).toBe(true);
  });

  it("publishes: published, with the post's id and its public address, posted once", async () => {
    const req = request();
    const outcome = await adapter.publish(req);
    expect(outcome).toMatchObject({ kind: "published", externalId: expect.stringMatching(/\S/) });
    const url = (outcome as { url: string | null }).url;
    if (network.publicUrl) expect(isHttpUrl(url)).toBe(true);
    else expect(url).toBeNull();
    expect(running.posted().filter((text) => text.includes(req.text))).toHaveLength(1);
  });

  it("takes refused credentials as an auth failure: connect the channel again", async () => {
    expect(await adapter.publish(request({ credentials: network.wrongCredentials }))).toMatchObject({ kind: "failed", failureClass: "auth" });
  });

  it("takes a rate limit as a retry at the network's own reset time", async () => {
    const { reply, resetInMs } = network.rateLimited();
    running.fake.queue(running.publishPath, reply);
    const outcome = await adapter.publish(request());
    expect(outcome).toMatchObject({ kind: "retry" });
    const retryAfterMs = (outcome as { retryAfterMs?: number }).retryAfterMs;
    if (resetInMs === null) expect(retryAfterMs).toBeUndefined();
    else expect(Math.abs(retryAfterMs! - resetInMs)).toBeLessThan(5_000);
  });

  it("takes a 5xx that made no post as unknown or retry, as the network's idempotency allows, and posts nothing", async () => {
    const before = running.posted().length;
    running.fake.queue(running.publishPath, network.serverError.reply);
    expect(await adapter.publish(request())).toMatchObject({ kind: network.serverError.outcome });
    expect(running.posted()).toHaveLength(before);
  });
});
