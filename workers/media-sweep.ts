// Bytes a dead upload left: a web process that died mid-upload (or mid-processing) never
// removed them, but its bookkeeping row names their key (decision 0040). A day later no
// upload is still running, so the bytes and the row go.
import type { Logger } from "pino";
import { abandonUpload, abandonedUploads } from "../app/models/media.server.ts";
import { mediaStorage, uploadKeys } from "../app/utils/media-storage.server.ts";

const ABANDONED_AFTER_MS = 24 * 3600_000;

export async function sweepAbandonedUploads(logger: Logger, now = new Date()) {
  const rows = await abandonedUploads(new Date(now.getTime() - ABANDONED_AFTER_MS));
  for (const row of rows) {
    for (const key of Object.values(uploadKeys(row.storageKey))) await mediaStorage().remove(key);
    await abandonUpload(row.id);
  }
  if (rows.length) logger.info({ removed: rows.length }, "abandoned media uploads removed");
}
