// What happens to a picture once its bytes are stored (decision 0042): sharp bakes the
// camera's orientation into the pixels and writes the picture again without its metadata
// (EXIF, GPS position, camera serial: none of it should reach a network), and makes a small
// JPEG thumbnail for the library, the editor and the previews. sharp does the pixel work on
// libuv's thread pool, so the web server's event loop stays free while it runs.
import { createHash } from "node:crypto";
import { PassThrough, type Duplex, type Readable, pipeline } from "node:stream";
import sharp, { type OutputInfo } from "sharp";
import type { MediaKind } from "~/domain/media-type";
import { mediaStorage, uploadKeys } from "./media-storage.server";

const THUMBNAIL_WIDTH = 480;

/**
 * The source through sharp into a stream that counts and hashes what passes. An error
 * anywhere (sharp cannot read the picture) destroys the whole chain, so the storage write
 * reading its end fails instead of waiting forever.
 */
function through(source: Readable, transform: Duplex) {
  const hash = createHash("sha256");
  let size = 0;
  const end = new PassThrough();
  end.on("data", (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
  });
  pipeline(source, transform, end, () => undefined);
  return { stream: end, result: () => ({ byteSize: size, sha256: hash.digest("hex") }) };
}

export type ProcessedImage = { storageKey: string; thumbnailKey: string; width: number; height: number; byteSize: number; sha256: string };

/**
 * Cleans a stored still picture (not a GIF: its frames are sent as they are) into a new
 * key and makes its thumbnail. The caller removes the original once the row points at the
 * clean copy. Throws when sharp cannot read the picture (the bytes lied about their type).
 */
export async function processImage(key: string, mimeType: string): Promise<ProcessedImage> {
  const storage = mediaStorage();
  const keys = uploadKeys(key);
  const read = async () => {
    const object = await storage.read(key);
    if (!object) throw new Error(`The upload ${key} is missing from storage.`);
    return object.body;
  };
  // The format stays (a PNG screenshot stays lossless); metadata is dropped by default.
  const cleaner = sharp({ failOn: "error", limitInputPixels: 100_000_000 }).rotate();
  if (mimeType === "image/jpeg") cleaner.jpeg({ quality: 92, mozjpeg: true });
  let width = 0;
  let height = 0;
  cleaner.on("info", (output: OutputInfo) => {
    width = output.width;
    height = output.height;
  });
  const clean = through(await read(), cleaner);
  await storage.write(keys.clean, clean.stream, mimeType);
  const thumbnail = through(await read(), sharp({ failOn: "error", limitInputPixels: 100_000_000 }).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 78 }));
  await storage.write(keys.thumbnail, thumbnail.stream, "image/jpeg");
  return { storageKey: keys.clean, thumbnailKey: keys.thumbnail, width, height, ...clean.result() };
}

export const needsProcessing = (kind: MediaKind) => kind === "IMAGE";
