// The media library over HTTP: a file streamed in through the upload route is stored as
// sent and served back to members only; the type comes from the bytes; refused uploads
// leave nothing behind; signed addresses work until they expire; an item a scheduled post
// uses is deleted only when the person confirms; and no workspace reaches another's media.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { Readable } from "node:stream";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { setVariantMedia } from "~/models/media.server";
import { checkPostNow } from "~/models/plan-check.server";
import { prisma } from "~/utils/db.server";
import { signedMediaUrl } from "~/utils/media-url.server";
import { mediaStorage } from "~/utils/media-storage.server";
import { createLogger } from "~/utils/logger.server";
import { sweepAbandonedUploads } from "../../workers/media-sweep";
import { addMember, createPost, createUser, signedIn, workspaceWithMember } from "../support/fixtures";
import type { Client } from "../support/http-client";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function upload(client: Client, slug: string, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  return client.request(`/w/${slug}/media/upload`, { method: "POST", body: form, headers: { Origin: client.baseUrl, Accept: "application/json" } });
}

async function storedFiles(): Promise<string[]> {
  const root = process.env.MEDIA_DIR!;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

let A: Awaited<ReturnType<typeof workspaceWithMember>>;
let B: Awaited<ReturnType<typeof workspaceWithMember>>;
let viewerA: Client;
let png: Buffer;
let gif: Buffer;

beforeAll(async () => {
  A = await workspaceWithMember("OWNER");
  B = await workspaceWithMember("OWNER");
  const viewer = await createUser();
  await addMember(A.workspace.id, viewer.id, "VIEWER");
  viewerA = await signedIn(viewer);
  png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366cc" } }).png().toBuffer();
  gif = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#33cc66" } }).gif().toBuffer();
});

describe("upload and serving", () => {
  it("stores a GIF as sent, with the type read from its bytes, and serves it to members", async () => {
    // The browser's word (and the name) say JPEG; the bytes are a GIF, and that is what counts.
    const response = await upload(A.client, A.workspace.slug, gif, "holiday.jpg", "image/jpeg");
    expect(response.status).toBe(201);
    const { media } = (await response.json()) as { media: { id: string; kind: string; mimeType: string; byteSize: number } };
    expect(media).toMatchObject({ kind: "GIF", mimeType: "image/gif", byteSize: gif.length, width: 40, height: 30 });
    const row = await prisma.media.findUniqueOrThrow({ where: { id: media.id }, select: { workspaceId: true, sha256: true } });
    expect(row).toEqual({ workspaceId: A.workspace.id, sha256: sha256(gif) });
    expect(await prisma.mediaUpload.count({ where: { workspaceId: A.workspace.id } })).toBe(0);

    for (const client of [A.client, viewerA]) {
      const served = await client.get(`/w/${A.workspace.slug}/media/${media.id}`);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/gif");
      expect(served.headers.get("x-content-type-options")).toMatch(/nosniff/);
      expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(sha256(gif));
    }
  });

  it("strips a photo's EXIF and GPS position, keeps its orientation, and makes a thumbnail", async () => {
    // 80 × 40 pixels stored sideways, with EXIF saying "rotate 90°" and where it was taken.
    const photo = await sharp({ create: { width: 80, height: 40, channels: 3, background: "#cc3333" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "Rytm test" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 13/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "21/1 0/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await upload(A.client, A.workspace.slug, photo, "street.jpg", "image/jpeg");
    expect(response.status).toBe(201);
    const { media } = (await response.json()) as { media: { id: string; width: number; height: number; hasThumbnail: boolean } };
    expect(media).toMatchObject({ width: 40, height: 80, hasThumbnail: true });
    const served = Buffer.from(await (await A.client.get(`/w/${A.workspace.slug}/media/${media.id}`)).arrayBuffer());
    const metadata = await sharp(served).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 40, height: 80 });
    expect(metadata.exif).toBeUndefined();
    expect(served.includes(Buffer.from("Rytm test"))).toBe(false);
    const row = await prisma.media.findUniqueOrThrow({ where: { id: media.id }, select: { sha256: true, byteSize: true } });
    expect(row).toEqual({ sha256: sha256(served), byteSize: BigInt(served.length) });

    const thumbnail = await A.client.get(`/w/${A.workspace.slug}/media/${media.id}?size=thumbnail`);
    expect(thumbnail.headers.get("content-type")).toBe("image/jpeg");
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ format: "jpeg", width: 40, height: 80 });
  });

  it("refuses a file that is not a picture or a video with 422 and keeps nothing", async () => {
    const before = await storedFiles();
    const response = await upload(A.client, A.workspace.slug, new TextEncoder().encode("MZ this is a program, not a photo".repeat(100)), "photo.jpg", "image/jpeg");
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(/not a picture or a video/);
    expect(await storedFiles()).toEqual(before);
    expect(await prisma.mediaUpload.count({ where: { workspaceId: A.workspace.id } })).toBe(0);
    expect(await prisma.media.count({ where: { workspaceId: A.workspace.id, fileName: "photo.jpg" } })).toBe(0);
  });

  it("stops a file past the size limit (413) and keeps nothing of it", async () => {
    const before = await storedFiles();
    const limit = Number(process.env.MEDIA_MAX_BYTES);
    const big = new Uint8Array(limit + 1024);
    big.set(png.subarray(0, 16));
    const response = await upload(A.client, A.workspace.slug, big, "huge.png", "image/png");
    expect(response.status).toBe(413);
    expect(await storedFiles()).toEqual(before);
    expect(await prisma.media.count({ where: { fileName: "huge.png" } })).toBe(0);
  });

  it("answers 400 for a form without a file and 415 for a body that is not multipart", async () => {
    const form = new FormData();
    form.append("note", "no file here");
    const empty = await A.client.request(`/w/${A.workspace.slug}/media/upload`, { method: "POST", body: form, headers: { Origin: A.client.baseUrl, Accept: "application/json" } });
    expect(empty.status).toBe(400);
    const urlencoded = await A.client.post(`/w/${A.workspace.slug}/media/upload`, { file: "x" }, { Accept: "application/json" });
    expect(urlencoded.status).toBe(415);
  });

  it("lets only writers upload, and no one from another workspace", async () => {
    expect((await upload(viewerA, A.workspace.slug, png, "v.png", "image/png")).status).toBe(403);
    expect((await upload(B.client, A.workspace.slug, png, "b.png", "image/png")).status).toBe(404);
    expect(await prisma.media.count({ where: { workspaceId: A.workspace.id, fileName: { in: ["v.png", "b.png"] } } })).toBe(0);
  });
});

describe("across workspaces", () => {
  it("never serves one workspace's item to another, through either workspace's address", async () => {
    const { media } = (await (await upload(A.client, A.workspace.slug, png, "private.png", "image/png")).json()) as { media: { id: string } };
    expect((await B.client.get(`/w/${A.workspace.slug}/media/${media.id}`)).status).toBe(404);
    expect((await B.client.get(`/w/${B.workspace.slug}/media/${media.id}`)).status).toBe(404);
    const page = await (await B.client.get(`/w/${B.workspace.slug}/media`)).text();
    expect(page).not.toContain(media.id);
  });

  it("refuses to put another workspace's item on a variant, and changes nothing", async () => {
    const { media } = (await (await upload(A.client, A.workspace.slug, png, "mine.png", "image/png")).json()) as { media: { id: string } };
    const postB = await createPost(B.workspace.id);
    const variantB = await prisma.variant.findFirstOrThrow({ where: { postId: postB.id }, select: { id: true } });
    expect(await setVariantMedia(B.workspace.id, variantB.id, [media.id])).toEqual({ ok: false, reason: "media-not-found", missing: [media.id] });
    // Nor may a workspace name another's variant to attach its own item.
    expect(await setVariantMedia(A.workspace.id, variantB.id, [media.id])).toMatchObject({ ok: false, reason: "variant-not-found" });
    expect(await prisma.variantMedia.count({ where: { variantId: variantB.id } })).toBe(0);
  });
});

describe("signed addresses for networks that fetch by URL", () => {
  it("serve the bytes without a session until they expire, and nothing with a forged or stale signature", async () => {
    const { media } = (await (await upload(A.client, A.workspace.slug, gif, "for-instagram.gif", "image/gif")).json()) as { media: { id: string } };
    const address = new URL(signedMediaUrl(media.id, 60));
    const anonymous = (url: URL) => fetch(new URL(url.pathname + url.search, A.client.baseUrl));
    const served = await anonymous(address);
    expect(served.status).toBe(200);
    expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(sha256(gif));

    const forged = new URL(address);
    forged.searchParams.set("expires", String(Number(address.searchParams.get("expires")) + 3600));
    expect((await anonymous(forged)).status).toBe(403);
    const expired = new URL(signedMediaUrl(media.id, 60, Date.now() - 3_600_000));
    expect((await anonymous(expired)).status).toBe(403);
    const other = new URL(address);
    other.pathname = `/media/${media.id}x`;
    expect((await anonymous(other)).status).toBe(403);
  });
});

describe("the library page", () => {
  it("lists each item with the posts that use it, and deletes one a scheduled post uses only when confirmed", async () => {
    const { media } = (await (await upload(A.client, A.workspace.slug, png, "launch.png", "image/png")).json()) as { media: { id: string } };
    const post = await createPost(A.workspace.id, "Launch day");
    const variant = await prisma.variant.findFirstOrThrow({ where: { postId: post.id }, select: { id: true } });
    await prisma.variant.update({ where: { id: variant.id }, data: { status: "SCHEDULED", scheduledAt: new Date(Date.now() + 86_400_000) } });
    expect(await setVariantMedia(A.workspace.id, variant.id, [media.id])).toEqual({ ok: true });

    const page = await (await viewerA.get(`/w/${A.workspace.slug}/media`)).text();
    expect(page).toContain("launch.png");
    expect(page).toContain("Launch day");

    const alt = await A.client.post(`/w/${A.workspace.slug}/media?index`, { intent: "alt", mediaId: media.id, altText: "A red ribbon cut at the door" });
    expect(alt.status).toBe(200);
    expect((await prisma.media.findUniqueOrThrow({ where: { id: media.id } })).altText).toBe("A red ribbon cut at the door");

    const asked = await A.client.post(`/w/${A.workspace.slug}/media?index`, { intent: "delete", mediaId: media.id });
    expect(asked.status).toBe(409);
    expect(await prisma.media.count({ where: { id: media.id } })).toBe(1);

    expect((await viewerA.post(`/w/${A.workspace.slug}/media?index`, { intent: "delete", mediaId: media.id, confirmed: "yes" })).status).toBe(403);
    expect((await B.client.post(`/w/${B.workspace.slug}/media?index`, { intent: "delete", mediaId: media.id, confirmed: "yes" })).status).toBe(404);

    const filesBefore = (await storedFiles()).length;
    const confirmed = await A.client.post(`/w/${A.workspace.slug}/media?index`, { intent: "delete", mediaId: media.id, confirmed: "yes" });
    expect(confirmed.status).toBe(200);
    expect(await prisma.media.count({ where: { id: media.id } })).toBe(0);
    expect(await prisma.variantMedia.count({ where: { variantId: variant.id } })).toBe(0);
    // The cleaned picture and its thumbnail.
    expect((await storedFiles()).length).toBe(filesBefore - 2);
    expect((await A.client.get(`/w/${A.workspace.slug}/media/${media.id}`)).status).toBe(404);
  });
});

describe("media in the verdict", () => {
  it("a picture without alt text is a warning on the post, a blocking one when the workspace says so, and gone once written", async () => {
    const { media } = (await (await upload(A.client, A.workspace.slug, gif, "no-alt.gif", "image/gif")).json()) as { media: { id: string } };
    const post = await createPost(A.workspace.id, "Alt text");
    const variant = await prisma.variant.findFirstOrThrow({ where: { postId: post.id }, select: { id: true } });
    const version = async () => (await prisma.workspace.findUniqueOrThrow({ where: { id: A.workspace.id }, select: { planVersion: true } })).planVersion;
    const before = await version();
    expect(await setVariantMedia(A.workspace.id, variant.id, [media.id])).toEqual({ ok: true });
    // Stored verdicts that saw the post without the picture are stale now.
    expect(await version()).toBeGreaterThan(before);
    const altFindings = async () => (await checkPostNow(A.workspace.id, post.id))!.own.filter((v) => v.ruleId === "media-alt-text");
    expect(await altFindings()).toEqual([expect.objectContaining({ severity: "warn" })]);

    await prisma.workspace.update({ where: { id: A.workspace.id }, data: { mixRules: { altText: { severity: "block" } } } });
    expect(await altFindings()).toEqual([expect.objectContaining({ severity: "block" })]);
    await prisma.workspace.update({ where: { id: A.workspace.id }, data: { mixRules: {} } });

    await A.client.post(`/w/${A.workspace.slug}/media?index`, { intent: "alt", mediaId: media.id, altText: "A green square" });
    expect(await altFindings()).toEqual([]);
  });
});

describe("uploads a dead process left behind", () => {
  it("are removed with their bytes a day later; a running one is left alone", async () => {
    const old = await prisma.mediaUpload.create({ data: { workspaceId: A.workspace.id, storageKey: `${A.workspace.id}/dead1`, startedAt: new Date(Date.now() - 25 * 3600_000) } });
    const running = await prisma.mediaUpload.create({ data: { workspaceId: A.workspace.id, storageKey: `${A.workspace.id}/running1` } });
    await mediaStorage().write(old.storageKey, Readable.from([png]), "image/png");
    await mediaStorage().write(`${old.storageKey}-thumb`, Readable.from([png]), "image/jpeg");
    await sweepAbandonedUploads(createLogger("test", "silent"));
    expect(await mediaStorage().read(old.storageKey)).toBeNull();
    expect(await mediaStorage().read(`${old.storageKey}-thumb`)).toBeNull();
    expect(await prisma.mediaUpload.findMany({ where: { id: { in: [old.id, running.id] } }, select: { id: true } })).toEqual([{ id: running.id }]);
    await prisma.mediaUpload.delete({ where: { id: running.id } });
  });
});
