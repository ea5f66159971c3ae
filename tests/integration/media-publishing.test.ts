// Publishing pictures and videos for real: this run's worker, the stored bytes, and each
// network's fake, which checks what it receives (type from the bytes, size, SHA-256, X's
// segments in order) and processes videos for a while. Each item is uploaded once, even
// when the post itself fails after the uploads and is tried again.
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setVariantMedia } from "~/models/media.server";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { mediaStorage } from "~/utils/media-storage.server";
import { getPublishQueue } from "~/utils/queues.server";
import { BLUESKY_LOGIN, startBluesky } from "../fakes/bluesky";
import { MASTODON_TOKEN, startMastodon } from "../fakes/mastodon";
import { X_TOKEN, startX } from "../fakes/x";
import { createWorkspace, unique } from "../support/fixtures";
import { schedule } from "../support/gate";
import { waitFor } from "../support/processes";

let mastodon: Awaited<ReturnType<typeof startMastodon>>;
let pds: Awaited<ReturnType<typeof startBluesky>>;
let xApi: Awaited<ReturnType<typeof startX>>;
let photo: Buffer;
let poster: Buffer;
beforeAll(async () => {
  [mastodon, pds, xApi] = await Promise.all([startMastodon(0, { processingMs: 1500 }), startBluesky(), startX(0, [], { processingMs: 1500 })]);
  photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#d9822b" } }).jpeg().toBuffer();
  poster = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#2b6cd9" } }).png().toBuffer();
});
afterAll(async () => {
  await Promise.all([mastodon.close(), pds.close(), xApi.close()]);
  await getPublishQueue().close();
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** An MP4's first box ("ftyp") and then noise: a video as far as anyone sniffing it can tell. */
const video = (size: number) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(12), randomBytes(size - 24)]);

const channelData = {
  mastodon: () => ({ settings: { instanceUrl: mastodon.url, timeoutMs: 5000 }, credentials: encrypt(JSON.stringify({ token: MASTODON_TOKEN })) }),
  bluesky: () => ({ settings: { service: pds.url, timeoutMs: 5000 }, credentials: encrypt(JSON.stringify(BLUESKY_LOGIN)) }),
  x: () => ({ settings: { apiBase: xApi.url, timeoutMs: 5000 }, credentials: encrypt(JSON.stringify({ token: X_TOKEN })) }),
};

type Item = { bytes: Buffer; kind: "IMAGE" | "VIDEO"; mimeType: string; fileName: string; width?: number; height?: number; altText: string };
const pictures = (): Item[] => [
  { bytes: photo, kind: "IMAGE", mimeType: "image/jpeg", fileName: "front.jpg", width: 1200, height: 800, altText: "The museum's front door at dusk" },
  { bytes: poster, kind: "IMAGE", mimeType: "image/png", fileName: "poster.png", width: 600, height: 900, altText: "Poster: Museum night, 19:00" },
];

/** A post on one channel carrying these items (stored as an upload would store them), scheduled a moment ahead. */
async function planned(network: keyof typeof channelData, items: Item[]) {
  const workspace = await createWorkspace();
  const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network, name: network, ...channelData[network]() }, select: { id: true } });
  const media = [];
  for (const item of items) {
    const storageKey = `${workspace.id.toLowerCase()}/${randomBytes(8).toString("hex")}`;
    await mediaStorage().write(storageKey, Readable.from([item.bytes]), item.mimeType);
    media.push(
      await prisma.media.create({
        data: { workspaceId: workspace.id, kind: item.kind, mimeType: item.mimeType, byteSize: BigInt(item.bytes.length), sha256: sha256(item.bytes), storageKey, fileName: item.fileName, width: item.width, height: item.height, altText: item.altText },
        select: { id: true },
      }),
    );
  }
  const text = `Museum night ${unique("t")}`;
  const at = new Date(Date.now() + 2500);
  const post = await prisma.post.create({
    data: { workspaceId: workspace.id, title: text, category: "news", scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId: channel.id, text, scheduledAt: at } } },
    select: { id: true, variants: { select: { id: true } } },
  });
  const variantId = post.variants[0]!.id;
  expect(await setVariantMedia(workspace.id, variantId, media.map((m) => m.id))).toEqual({ ok: true });
  await schedule(workspace.id, post.id);
  return { variantId, text, mediaIds: media.map((m) => m.id) };
}

const settled = (id: string, timeoutMs = 30_000) =>
  waitFor(`variant ${id} to settle`, async () => {
    const v = await prisma.variant.findUniqueOrThrow({ where: { id } });
    return ["PUBLISHED", "FAILED", "UNKNOWN"].includes(v.status) ? v : undefined;
  }, timeoutMs);
const remoteIds = async (variantId: string) => (await prisma.variantMedia.findMany({ where: { variantId }, orderBy: { position: "asc" }, select: { remoteId: true } })).map((r) => r.remoteId);
const uploadsTo = (fake: { requests: { method: string; path: string }[] }, path: string) => fake.requests.filter((r) => r.method === "POST" && r.path.startsWith(path)).length;

describe("Mastodon", () => {
  it("uploads each picture once with its alt text, and the status carries them in order", async () => {
    const before = uploadsTo(mastodon, "/api/v2/media");
    const plan = await planned("mastodon", pictures());
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 1 });
    const status = [...mastodon.statuses.values()].find((s) => String(s.content).includes(plan.text))!;
    const ids = (status.media_attachments as { id: string }[]).map((m) => m.id);
    expect(ids.map((id) => mastodon.media.get(id)).map((m) => ({ sha256: m!.sha256, type: m!.type, description: m!.description }))).toEqual([
      { sha256: sha256(photo), type: "image/jpeg", description: "The museum's front door at dusk" },
      { sha256: sha256(poster), type: "image/png", description: "Poster: Museum night, 19:00" },
    ]);
    expect(uploadsTo(mastodon, "/api/v2/media") - before).toBe(2);
    expect(await remoteIds(plan.variantId)).toEqual(ids);
  });

  it("waits for a video to finish processing before the status names it", async () => {
    const clip = video(1_000_000);
    const plan = await planned("mastodon", [{ bytes: clip, kind: "VIDEO", mimeType: "video/mp4", fileName: "tour.mp4", altText: "A walk through the hall" }]);
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 1 });
    const [id] = await remoteIds(plan.variantId);
    expect(mastodon.media.get(id!)).toMatchObject({ sha256: sha256(clip), size: clip.length, type: "video/mp4", statusId: expect.any(String) });
    // Polled while it processed (206), then named in the status.
    expect(mastodon.requests.filter((r) => r.method === "GET" && r.path === `/api/v1/media/${id}`).length).toBeGreaterThan(0);
  });

  it("retries a status refused after the uploads without uploading again", async () => {
    const before = uploadsTo(mastodon, "/api/v2/media");
    mastodon.queue("POST /api/v1/statuses", { status: 429, body: { error: "Too many requests" }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": new Date(Date.now() + 1000).toISOString() } });
    const plan = await planned("mastodon", pictures());
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    expect(uploadsTo(mastodon, "/api/v2/media") - before).toBe(2);
    expect([...mastodon.statuses.values()].filter((s) => String(s.content).includes(plan.text))).toHaveLength(1);
  });
});

describe("Bluesky", () => {
  it("uploads each picture once as a blob and embeds them with alt text and aspect ratio; a picture over 1 MB is re-encoded to fit", async () => {
    const noise = await sharp(randomBytes(1400 * 1000 * 3), { raw: { width: 1400, height: 1000, channels: 3 } }).png().toBuffer();
    expect(noise.length).toBeGreaterThan(1_000_000);
    const before = uploadsTo(pds, "/xrpc/com.atproto.repo.uploadBlob");
    const plan = await planned("bluesky", [...pictures(), { bytes: noise, kind: "IMAGE", mimeType: "image/png", fileName: "noise.png", width: 1400, height: 1000, altText: "Static" }]);
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 1 });
    const record = [...pds.records.values()].find((r) => String(r.text).includes(plan.text)) as { embed: { $type: string; images: { image: { ref: { $link: string } }; alt: string; aspectRatio: unknown }[] } };
    expect(record.embed.$type).toBe("app.bsky.embed.images");
    const blobs = record.embed.images.map((i) => pds.blobs.get(i.image.ref.$link)!);
    expect(blobs.slice(0, 2).map((b) => ({ sha256: b.sha256, type: b.type }))).toEqual([
      { sha256: sha256(photo), type: "image/jpeg" },
      { sha256: sha256(poster), type: "image/png" },
    ]);
    expect(blobs[2]!.type).toBe("image/jpeg");
    expect(blobs[2]!.size).toBeLessThanOrEqual(1_000_000);
    expect(record.embed.images.map((i) => [i.alt, i.aspectRatio])).toEqual([
      ["The museum's front door at dusk", { width: 1200, height: 800 }],
      ["Poster: Museum night, 19:00", { width: 600, height: 900 }],
      ["Static", { width: 1400, height: 1000 }],
    ]);
    expect(uploadsTo(pds, "/xrpc/com.atproto.repo.uploadBlob") - before).toBe(3);
  });

  it("retries a post that failed after the uploads without uploading again", async () => {
    const before = uploadsTo(pds, "/xrpc/com.atproto.repo.uploadBlob");
    pds.queue("POST /xrpc/com.atproto.repo.createRecord", { status: 503, body: { error: "NotEnoughResources", message: "Not Enough Resources" } });
    const plan = await planned("bluesky", pictures());
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    expect(uploadsTo(pds, "/xrpc/com.atproto.repo.uploadBlob") - before).toBe(2);
    expect([...pds.records.values()].filter((r) => String(r.text).includes(plan.text))).toHaveLength(1);
  });

  it("does not send a video (not supported yet) and says so", async () => {
    const plan = await planned("bluesky", [{ bytes: video(200_000), kind: "VIDEO", mimeType: "video/mp4", fileName: "tour.mp4", altText: "A walk through the hall" }]);
    expect(await settled(plan.variantId)).toMatchObject({ status: "FAILED", failureClass: "media", lastError: expect.stringContaining("does not send videos to Bluesky yet") });
    expect([...pds.records.values()].filter((r) => String(r.text).includes(plan.text))).toHaveLength(0);
  });
});

describe("X", () => {
  it("uploads each picture once by the chunked upload, describes it, and the post names them in order", async () => {
    const before = xApi.media.size;
    const plan = await planned("x", pictures());
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 1 });
    const tweetId = [...xApi.tweets.entries()].find(([, text]) => text === plan.text)![0];
    const ids = xApi.tweetMedia.get(tweetId)!;
    expect(ids.map((id) => xApi.media.get(id)).map((m) => ({ sha256: m!.sha256, type: m!.type, altText: m!.altText, order: m!.order }))).toEqual([
      { sha256: sha256(photo), type: "image/jpeg", altText: "The museum's front door at dusk", order: [0] },
      { sha256: sha256(poster), type: "image/png", altText: "Poster: Museum night, 19:00", order: [0] },
    ]);
    expect(xApi.media.size - before).toBe(2);
    expect(await remoteIds(plan.variantId)).toEqual(ids);
  });

  it("sends a 6 MB video in segments, in order, and posts once it is processed", async () => {
    const clip = video(6 * 1024 * 1024);
    const plan = await planned("x", [{ bytes: clip, kind: "VIDEO", mimeType: "video/mp4", fileName: "tour.mp4", altText: "A walk through the hall" }]);
    expect(await settled(plan.variantId, 60_000)).toMatchObject({ status: "PUBLISHED", attempts: 1 });
    const [id] = await remoteIds(plan.variantId);
    expect(xApi.media.get(id!)).toMatchObject({ sha256: sha256(clip), size: clip.length, type: "video/mp4", category: "tweet_video", order: [0, 1], tweetId: expect.any(String) });
    expect(xApi.requests.some((r) => r.method === "GET" && r.path.includes("command=STATUS") && r.path.includes(id!))).toBe(true);
  });

  it("retries a post refused after the uploads without uploading again", async () => {
    const before = xApi.media.size;
    xApi.queue("POST /2/tweets", { status: 429, body: { title: "Too Many Requests", status: 429 }, headers: { "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 1) } });
    const plan = await planned("x", pictures());
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    expect(xApi.media.size - before).toBe(2);
    expect([...xApi.tweets.values()].filter((text) => text === plan.text)).toHaveLength(1);
  });
});
