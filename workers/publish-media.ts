// Before a post goes out, the library items its variant carries are uploaded to the network,
// each once: the network's id for an item is written to its VariantMedia row as soon as the
// network answers, before the post is made, so that a retry of the post (after a failure
// between the uploads and the post, or a worker that died there) reuses it instead of
// uploading the bytes again. An upload posts nothing: whatever goes wrong, trying again is safe.
import type { ChannelAdapter, PublishRequest, SentMedia } from "../app/channels/adapter.server.ts";
import type { PublishOutcome } from "../app/domain/publish-outcome.ts";
import { prisma } from "../app/utils/db.server.ts";
import { mediaStorage } from "../app/utils/media-storage.server.ts";
import { signedMediaUrl } from "../app/utils/media-url.server.ts";

// Networks that fetch the file (Instagram) may fetch it late, and a retry can come hours on.
const URL_SECONDS = 24 * 3600;

const itemSelect = { kind: true, mimeType: true, byteSize: true, sha256: true, storageKey: true, fileName: true, width: true, height: true, altText: true } as const;

/** The variant's items as the network knows them, uploading those it does not know yet; or why not. */
export async function uploadVariantMedia(variantId: string, adapter: ChannelAdapter | null, networkName: string, request: PublishRequest): Promise<{ media: SentMedia[] } | PublishOutcome> {
  const rows = await prisma.variantMedia.findMany({ where: { variantId }, orderBy: { position: "asc" }, select: { mediaId: true, remoteId: true, media: { select: itemSelect } } });
  if (!rows.length) return { media: [] };
  if (!adapter?.uploadMedia) return { kind: "failed", failureClass: "config", message: `Rytm does not send pictures or videos to ${networkName} yet.` };
  const kinds = rows.map((row) => row.media.kind);
  const sent: SentMedia[] = [];
  for (const [index, { mediaId, remoteId: known, media }] of rows.entries()) {
    const facts = { kind: media.kind, mimeType: media.mimeType, altText: media.altText, width: media.width, height: media.height };
    let remoteId = known;
    if (!remoteId) {
      const read = async () => {
        const stored = await mediaStorage().read(media.storageKey);
        if (!stored) throw new Error(`the stored bytes of ${media.fileName} are missing`);
        return stored.body;
      };
      const item = { ...facts, mediaId, byteSize: Number(media.byteSize), sha256: media.sha256, fileName: media.fileName, read, url: signedMediaUrl(mediaId, URL_SECONDS) };
      const uploaded = await adapter.uploadMedia(item, request, { index, count: rows.length, kinds }).catch((error: Error): PublishOutcome => ({ kind: "retry", message: error.message }));
      if ("kind" in uploaded) return uploadFailed(media.fileName, uploaded);
      remoteId = uploaded.remoteId;
      await prisma.variantMedia.updateMany({ where: { variantId, mediaId }, data: { remoteId, uploadedAt: new Date() } });
    }
    sent.push({ remoteId, ...facts });
  }
  return { media: sent };
}

function uploadFailed(fileName: string, outcome: PublishOutcome): PublishOutcome {
  const message = `uploading ${fileName}: ${outcome.kind === "published" ? "the network answered oddly" : outcome.message}`;
  // An unclear upload made no post: uploading again at most leaves an unused copy at the network.
  if (outcome.kind === "failed") return { ...outcome, message };
  return { kind: "retry", message, ...(outcome.kind === "retry" && outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
}
