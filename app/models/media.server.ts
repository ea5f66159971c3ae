// Media rows: every query names the workspace, so an id from another workspace finds nothing.
import { randomBytes } from "node:crypto";
import type { MediaFacts } from "~/channels/network-module";
import type { MediaKind } from "~/domain/media-type";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

export type NewMedia = {
  kind: MediaKind;
  mimeType: string;
  byteSize: number;
  sha256: string;
  fileName: string;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  codec?: string | null;
  thumbnailKey?: string | null;
  /** Where the bytes the row describes are: the upload's own key, or its cleaned copy. */
  storageKey: string;
};

/** Bookkeeping before the first byte is stored: the key that the bytes will have. */
export async function startUpload(workspaceId: string) {
  const storageKey = `${workspaceId.toLowerCase()}/${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
  return prisma.mediaUpload.create({ data: { workspaceId, storageKey }, select: { id: true, storageKey: true } });
}

/** The bytes are stored: the Media row takes over the key and the bookkeeping row goes. */
export async function finishUpload(upload: { id: string; storageKey: string }, workspaceId: string, uploadedById: string, media: NewMedia) {
  const [created] = await prisma.$transaction([
    prisma.media.create({ data: { ...media, byteSize: BigInt(media.byteSize), workspaceId, uploadedById }, select: mediaSelect }),
    prisma.mediaUpload.delete({ where: { id: upload.id } }),
  ]);
  return present(created);
}

/** Uploads begun before `before` that never finished (the process died mid-upload). */
export function abandonedUploads(before: Date, take = 100) {
  return prisma.mediaUpload.findMany({ where: { startedAt: { lt: before } }, orderBy: { startedAt: "asc" }, take, select: { id: true, storageKey: true } });
}

export async function abandonUpload(uploadId: string) {
  await prisma.mediaUpload.deleteMany({ where: { id: uploadId } });
}

const mediaSelect = {
  id: true,
  kind: true,
  mimeType: true,
  byteSize: true,
  fileName: true,
  width: true,
  height: true,
  durationMs: true,
  codec: true,
  altText: true,
  createdAt: true,
  thumbnailKey: true,
} as const;

type Row = { byteSize: bigint; thumbnailKey: string | null } & Record<string, unknown>;
// BigInt does not cross JSON; a file is far below 2^53 bytes.
const present = <T extends Row>({ byteSize, thumbnailKey, ...row }: T) => ({ ...row, byteSize: Number(byteSize), hasThumbnail: thumbnailKey !== null });

/** The stored bytes of one item (and of its thumbnail) for serving, when it is this workspace's. */
export function findStoredMedia(workspaceId: string, mediaId: string) {
  return prisma.media.findFirst({ where: { id: mediaId, workspaceId }, select: { id: true, storageKey: true, thumbnailKey: true, mimeType: true, fileName: true, sha256: true } });
}

/** For signed URLs, which name no workspace: the id and the signature are the authority. */
export function findStoredMediaById(mediaId: string) {
  return prisma.media.findUnique({ where: { id: mediaId }, select: { id: true, storageKey: true, thumbnailKey: true, mimeType: true, fileName: true, sha256: true } });
}

const usageSelect = {
  variant: {
    select: {
      id: true,
      status: true,
      scheduledAt: true,
      channel: { select: { name: true, network: true } },
      post: { select: { id: true, title: true, status: true } },
    },
  },
} as const;

/** The library: newest first, each with the posts (and channels) that use it. */
export async function listMedia(workspaceId: string, take = 200) {
  const rows = await prisma.media.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take,
    select: { ...mediaSelect, variants: { select: usageSelect } },
  });
  return rows.map(({ variants, ...row }) => ({ ...present(row), usedBy: variants.map((v) => v.variant) }));
}

export async function updateAltText(workspaceId: string, mediaId: string, altText: string) {
  return prisma.$transaction((tx) => setAltText(tx, workspaceId, mediaId, altText));
}

/**
 * New alt text for an item. Mastodon and Instagram take it with the upload: posts still to
 * be sent upload the item again rather than send the old words (decision 0043).
 */
export async function setAltText(tx: Prisma.TransactionClient, workspaceId: string, mediaId: string, altText: string) {
  const { count } = await tx.media.updateMany({ where: { id: mediaId, workspaceId, altText: { not: altText } }, data: { altText } });
  if (count) await tx.variantMedia.updateMany({ where: { mediaId, remoteId: { not: null }, variant: { status: { notIn: ["PUBLISHING", "PUBLISHED"] } } }, data: { remoteId: null, uploadedAt: null } });
  return count === 1 || (await tx.media.count({ where: { id: mediaId, workspaceId } })) === 1;
}

// A variant still to be sent: taking the picture away changes what goes out.
const pendingStatuses = ["SCHEDULED", "PUBLISHING", "UNKNOWN", "FAILED"] as const;

export type DeleteOutcome =
  | { kind: "deleted"; fileName: string; storageKeys: string[] }
  | { kind: "not-found" }
  | { kind: "in-use"; posts: { id: string; title: string; scheduledAt: Date | null; channel: string }[] };

/**
 * Deletes an item. One that a scheduled post still carries is only deleted when the person
 * said they mean it (`confirmed`); it then leaves those posts too. Published posts keep
 * their history: the link rows go, the network already has its copy.
 */
export async function deleteMedia(workspaceId: string, mediaId: string, confirmed: boolean): Promise<DeleteOutcome> {
  return prisma.$transaction(async (tx) => {
    const media = await tx.media.findFirst({ where: { id: mediaId, workspaceId }, select: { id: true, fileName: true, storageKey: true, thumbnailKey: true } });
    if (!media) return { kind: "not-found" as const };
    const pending = await tx.variantMedia.findMany({
      where: { mediaId, variant: { workspaceId, status: { in: [...pendingStatuses] } } },
      select: { variant: { select: { scheduledAt: true, channel: { select: { name: true } }, post: { select: { id: true, title: true } } } } },
    });
    if (pending.length && !confirmed) {
      return { kind: "in-use" as const, posts: pending.map(({ variant: v }) => ({ id: v.post.id, title: v.post.title, scheduledAt: v.scheduledAt, channel: v.channel.name })) };
    }
    await tx.variantMedia.deleteMany({ where: { mediaId } });
    await tx.media.delete({ where: { id: media.id } });
    return { kind: "deleted" as const, fileName: media.fileName, storageKeys: [media.storageKey, ...(media.thumbnailKey ? [media.thumbnailKey] : [])] };
  });
}

export type VariantMediaOutcome = { ok: true } | { ok: false; reason: "variant-not-found" | "media-not-found"; missing: string[] };

/**
 * Sets which media a variant carries, in order. Every id must be this workspace's: an id
 * from another workspace is refused as if it did not exist, and nothing changes. The same
 * items in the same order keep what the network answered for them (their `remoteId`).
 */
export async function setVariantMedia(workspaceId: string, variantId: string, mediaIds: string[]): Promise<VariantMediaOutcome> {
  const ids = [...new Set(mediaIds)];
  return prisma.$transaction(async (tx) => {
    const variant = await tx.variant.findFirst({ where: { id: variantId, workspaceId }, select: { id: true } });
    if (!variant) return { ok: false as const, reason: "variant-not-found" as const, missing: [] };
    const found = await tx.media.findMany({ where: { id: { in: ids }, workspaceId }, select: { id: true } });
    const known = new Set(found.map((m) => m.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) return { ok: false as const, reason: "media-not-found" as const, missing };
    await writeVariantMedia(tx, variantId, ids);
    return { ok: true as const };
  });
}

/**
 * Inside a transaction that already checked the ids belong to the variant's workspace.
 * `newText`: the variant's words changed too.
 */
export async function writeVariantMedia(tx: Prisma.TransactionClient, variantId: string, mediaIds: readonly string[], newText = false) {
  const ids = [...new Set(mediaIds)];
  const before = await tx.variantMedia.findMany({ where: { variantId }, orderBy: { position: "asc" }, select: { mediaId: true } });
  if (before.map((row) => row.mediaId).join() === ids.join() && !newText) return;
  // Other items, another order or other words make another post: what the network answered
  // for the old one is not reused (an Instagram container holds its caption, a carousel's
  // items are made as such).
  await tx.variantMedia.updateMany({ where: { variantId, remoteId: { not: null } }, data: { remoteId: null, uploadedAt: null } });
  await tx.variantMedia.deleteMany({ where: { variantId, mediaId: { notIn: ids } } });
  for (const [position, mediaId] of ids.entries()) {
    await tx.variantMedia.upsert({ where: { variantId_mediaId: { variantId, mediaId } }, create: { variantId, mediaId, position }, update: { position } });
  }
}

const attachedSelect = { id: true, kind: true, mimeType: true, byteSize: true, fileName: true, width: true, height: true, durationMs: true, altText: true, thumbnailKey: true } as const;

/** Items the editor attaches, by id, when they are this workspace's (others are simply not found). */
export async function findAttachable(workspaceId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, AttachedMedia>();
  const rows = await prisma.media.findMany({ where: { id: { in: [...new Set(ids)] }, workspaceId }, select: attachedSelect });
  return new Map(rows.map((row) => [row.id, attachedOf(row)]));
}

const attachedOf = ({ byteSize, thumbnailKey, ...row }: { byteSize: bigint; thumbnailKey: string | null; id: string; kind: MediaKind; mimeType: string; fileName: string; width: number | null; height: number | null; durationMs: number | null; altText: string }) => ({
  ...row,
  byteSize: Number(byteSize),
  hasThumbnail: thumbnailKey !== null,
});
export type AttachedMedia = ReturnType<typeof attachedOf>;

/** What a variant carries, in order, for the editor and the post page. */
export const variantAttachments = { orderBy: { position: "asc" }, select: { media: { select: attachedSelect } } } as const;
export const attachmentsOf = (rows: readonly { media: Parameters<typeof attachedOf>[0] }[]) => rows.map(({ media }) => attachedOf(media));

/** The library as the editor's picker lists it: newest first. */
export async function pickableMedia(workspaceId: string, take = 120) {
  const rows = await prisma.media.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take, select: attachedSelect });
  return rows.map(attachedOf);
}

/** The facts the media rules read, selected beside a variant (ordered as the variant carries them). */
export const variantMediaFacts = {
  orderBy: { position: "asc" },
  select: { mediaId: true, media: { select: { kind: true, mimeType: true, byteSize: true, fileName: true, width: true, height: true, durationMs: true, altText: true } } },
} as const;

type FactsRow = { media: { kind: MediaKind; mimeType: string; byteSize: bigint; fileName: string; width: number | null; height: number | null; durationMs: number | null; altText: string } };
export const mediaFactsOf = (rows: readonly FactsRow[]): MediaFacts[] => rows.map(({ media }) => ({ ...media, byteSize: Number(media.byteSize) }));
