// The Instagram adapter against its fake, with the files served for real: uploaded to this
// run's server, and fetched by the fake from Rytm's signed addresses as Instagram fetches
// them. A picture, a carousel (pictures and a video), a reel; what Instagram refuses; and a
// publish tried again without making the containers again.
import sharp from "sharp";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MediaToSend, PublishRequest, SentMedia } from "~/channels/adapter.server";
import { instagram } from "~/channels/instagram/adapter.server";
import { prisma } from "~/utils/db.server";
import { signedMediaUrl } from "~/utils/media-url.server";
import { mediaStorage } from "~/utils/media-storage.server";
import { INSTAGRAM_TOKEN, INSTAGRAM_USER, startInstagram } from "../fakes/instagram";
import { workspaceWithMember } from "../support/fixtures";

let fake: Awaited<ReturnType<typeof startInstagram>>;
let A: Awaited<ReturnType<typeof workspaceWithMember>>;
beforeAll(async () => {
  fake = await startInstagram({ processingMs: 800 });
  A = await workspaceWithMember("OWNER");
});
afterAll(() => fake.close());

async function uploaded(bytes: Buffer, name: string, type: string): Promise<MediaToSend> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await A.client.request(`/w/${A.workspace.slug}/media/upload`, { method: "POST", body: form, headers: { Origin: A.client.baseUrl, Accept: "application/json" } });
  expect(response.status).toBe(201);
  const { media } = (await response.json()) as { media: { id: string } };
  const row = await prisma.media.findUniqueOrThrow({ where: { id: media.id } });
  const address = new URL(signedMediaUrl(row.id, 3600));
  return {
    mediaId: row.id,
    kind: row.kind,
    mimeType: row.mimeType,
    byteSize: Number(row.byteSize),
    sha256: row.sha256,
    fileName: row.fileName,
    width: row.width,
    height: row.height,
    altText: `Alt text of ${name}`,
    url: new URL(address.pathname + address.search, A.client.baseUrl).toString(),
    read: async () => (await mediaStorage().read(row.storageKey))!.body,
  };
}

const request = (media: SentMedia[] = [], overrides: Partial<PublishRequest> = {}): PublishRequest => ({
  text: `Museum night ${randomBytes(4).toString("hex")} #museum`,
  link: null,
  mediaUrls: [],
  media,
  publishKey: `key-${randomBytes(4).toString("hex")}`,
  credentials: { token: INSTAGRAM_TOKEN },
  settings: { apiBase: fake.url, userId: INSTAGRAM_USER },
  scheduledAt: new Date(),
  timeoutMs: 3000,
  ...overrides,
});

/** Uploads the items as the worker does (in order, each knowing its place) and answers them as sent. */
async function sendAll(items: MediaToSend[], req: PublishRequest) {
  const kinds = items.map((i) => i.kind);
  const sent: SentMedia[] = [];
  for (const [index, item] of items.entries()) {
    const result = await instagram.uploadMedia!(item, req, { index, count: items.length, kinds });
    expect(result).toMatchObject({ remoteId: expect.any(String) });
    sent.push({ remoteId: (result as { remoteId: string }).remoteId, kind: item.kind, mimeType: item.mimeType, altText: item.altText, width: item.width, height: item.height });
  }
  return sent;
}

const jpeg = (color: string) => sharp({ create: { width: 1080, height: 1080, channels: 3, background: color } }).jpeg().toBuffer();
const video = (size: number) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(12), randomBytes(size - 24)]);

describe("the Instagram adapter", () => {
  it("publishes one picture: the container Instagram fetched (the stored bytes, the alt text) is the post", async () => {
    const item = await uploaded(await jpeg("#d9822b"), "front.jpg", "image/jpeg");
    const req = request();
    const [sent] = await sendAll([item], req);
    expect(fake.containers.get(sent!.remoteId)).toMatchObject({ kind: "IMAGE", status: "FINISHED", sha256: item.sha256, size: item.byteSize, altText: "Alt text of front.jpg", caption: req.text, carouselItem: false });
    const outcome = await instagram.publish({ ...req, media: [sent!] });
    expect(outcome).toMatchObject({ kind: "published", url: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//) });
    expect([...fake.published.values()].filter((p) => p.caption === req.text)).toEqual([expect.objectContaining({ containerId: sent!.remoteId })]);
  });

  it("publishes a carousel of two pictures and a video, in order, once each processed", async () => {
    const items = [await uploaded(await jpeg("#2b6cd9"), "hall.jpg", "image/jpeg"), await uploaded(await jpeg("#33aa55"), "garden.jpg", "image/jpeg"), await uploaded(video(300_000), "tour.mp4", "video/mp4")];
    const req = request();
    const sent = await sendAll(items, req);
    expect(sent.map((s) => fake.containers.get(s.remoteId)).map((c) => [c!.kind, c!.carouselItem, c!.status, c!.sha256])).toEqual(items.map((i) => [i.kind === "VIDEO" ? "VIDEO" : "IMAGE", true, "FINISHED", i.sha256]));
    const outcome = await instagram.publish({ ...req, media: sent });
    expect(outcome).toMatchObject({ kind: "published" });
    const post = [...fake.published.values()].find((p) => p.caption === req.text)!;
    expect(fake.containers.get(post.containerId)).toMatchObject({ kind: "CAROUSEL", children: sent.map((s) => s.remoteId) });
  });

  it("publishes a video as a reel once Instagram has processed it", async () => {
    const clip = await uploaded(video(500_000), "reel.mp4", "video/mp4");
    const req = request();
    const [sent] = await sendAll([clip], req);
    expect(fake.containers.get(sent!.remoteId)).toMatchObject({ kind: "REELS", status: "FINISHED", sha256: clip.sha256, altText: null });
    expect(await instagram.publish({ ...req, media: [sent!] })).toMatchObject({ kind: "published" });
  });

  it("says why when Instagram refuses a file (a PNG), and a post without media is refused before anything is sent", async () => {
    const png = await uploaded(await sharp({ create: { width: 400, height: 400, channels: 3, background: "#777777" } }).png().toBuffer(), "badge.png", "image/png");
    expect(await instagram.uploadMedia!(png, request(), { index: 0, count: 1, kinds: ["IMAGE"] })).toMatchObject({ kind: "failed", failureClass: "media", message: expect.stringContaining("not supported") });
    const before = fake.requests.length;
    expect(await instagram.publish(request([]))).toMatchObject({ kind: "failed", failureClass: "content" });
    expect(fake.requests.length).toBe(before);
  });

  it("tries a publish refused as not ready again with the same container, made once", async () => {
    const item = await uploaded(await jpeg("#aa3355"), "stage.jpg", "image/jpeg");
    const req = request();
    const [sent] = await sendAll([item], req);
    const containers = fake.containers.size;
    fake.queue(`POST /${INSTAGRAM_USER}/media_publish`, { status: 400, body: { error: { message: "Media ID is not available", code: 9007, error_subcode: 2207027 } } });
    expect(await instagram.publish({ ...req, media: [sent!] })).toMatchObject({ kind: "retry" });
    expect(await instagram.publish({ ...req, media: [sent!], isRetry: true, firstAttemptAt: new Date(Date.now() - 1000) })).toMatchObject({ kind: "published" });
    expect(fake.containers.size).toBe(containers);
    expect([...fake.published.values()].filter((p) => p.caption === req.text)).toHaveLength(1);
  });

  it("refuses a channel without its account id or token", async () => {
    expect(await instagram.publish(request([], { settings: { apiBase: fake.url } }))).toMatchObject({ kind: "failed", failureClass: "config" });
  });
});
