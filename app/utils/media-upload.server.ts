// One upload, streamed (decision 0040): the multipart body is parsed as it arrives (busboy),
// the file's bytes go straight on to media storage, and what they are is read from their
// first bytes. The web process holds a few chunks at a time, never the file.
import { createHash } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import busboy from "busboy";
import { SNIFF_BYTES, type SniffedType, gifDimensions, sniffMediaType } from "~/domain/media-type";
import { type NewMedia, abandonUpload, finishUpload, startUpload } from "~/models/media.server";
import { env } from "./env.server";
import { createLogger } from "./logger.server";
import { needsProcessing, processImage } from "./media-processing.server";
import { mediaStorage, uploadKeys } from "./media-storage.server";

export type UploadAnswer =
  | { status: 201; body: { media: Awaited<ReturnType<typeof finishUpload>> } }
  | { status: 400 | 413 | 415 | 422; body: { error: string } };

class Refusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** Hashes, counts and sniffs the bytes passing through; refuses a type it does not know. */
class Inspector extends Transform {
  readonly hash = createHash("sha256");
  size = 0;
  type: SniffedType | null = null;
  /** The first bytes, kept for what a header tells (a GIF's size). */
  first = Buffer.alloc(0);
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.type) return done(null, chunk);
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < SNIFF_BYTES) return done();
    return this.decide(done);
  }

  override _flush(done: TransformCallback) {
    if (this.type) return done();
    if (this.head.length === 0) return done(new Refusal(422, "The file is empty."));
    this.decide(done);
  }

  private decide(done: TransformCallback) {
    this.type = sniffMediaType(this.head);
    if (!this.type) return done(new Refusal(422, "This file is not a picture or a video Rytm can send (JPEG, PNG, WebP, GIF, MP4 or MOV)."));
    const head = this.head;
    this.first = head.subarray(0, 64);
    this.head = Buffer.alloc(0);
    done(null, head);
  }
}

const log = () => (logged ??= createLogger("web", env().LOG_LEVEL));
let logged: ReturnType<typeof createLogger> | undefined;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Receives one file from a multipart body (field `file`) into the workspace's media.
 * Nothing is left behind when it fails: not the stored bytes, not the bookkeeping row.
 */
export async function receiveUpload(request: Request, workspaceId: string, userId: string): Promise<UploadAnswer> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) return { status: 415, body: { error: "Send the file as multipart/form-data." } };
  const maxBytes = env().MEDIA_MAX_BYTES;

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: maxBytes, fields: 5, fieldSize: 1024 } });
  } catch {
    return { status: 400, body: { error: "The multipart form has no boundary." } };
  }

  let storing: Promise<UploadAnswer> | undefined;
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  const stored = new Promise<UploadAnswer>((resolve, reject) => {
    let sawFile = false;
    parser.on("file", (field, file, info) => {
      if (field !== "file" || sawFile) {
        file.resume();
        return;
      }
      sawFile = true;
      // Listened to at once: busboy may fail the file (a body cut short) before the
      // bookkeeping row exists, and an error no one listens to would end the process.
      const inspector = new Inspector();
      file.on("limit", () => inspector.destroy(new Refusal(413, `The file is larger than ${megabytes(maxBytes)}, the most one upload may be.`)));
      file.on("error", (error) => inspector.destroy(error));
      const refused = new Promise<never>((_, fail) => inspector.once("error", fail));
      refused.catch(() => undefined);
      file.pipe(inspector);
      storing = storeFile(file, inspector, refused, info.filename ?? "", workspaceId, userId);
      storing.then(resolve, reject);
    });
    parser.on("error", (error) => reject(new Refusal(400, `The multipart form is malformed or cut short: ${(error as Error).message}`)));
    parser.on("close", () => {
      if (!sawFile) resolve({ status: 400, body: { error: "The form has no file (field “file”)." } });
    });
  });
  body.on("error", (error) => parser.destroy(error));
  body.pipe(parser);
  try {
    return await stored;
  } catch (error) {
    if (error instanceof Refusal) return { status: error.status, body: { error: error.message } };
    throw error;
  } finally {
    // A refusal answers at once; whatever of the body is still coming is drained, not kept.
    body.unpipe(parser);
    body.resume();
    // A form that broke mid-file answers once the file's bytes and row are cleaned up.
    await storing?.catch(() => undefined);
  }
}

async function storeFile(file: Readable, inspector: Inspector, refused: Promise<never>, fileName: string, workspaceId: string, userId: string): Promise<UploadAnswer> {
  const upload = await startUpload(workspaceId);
  const storage = mediaStorage();
  // The type is known only after the first bytes: it is served from the Media row.
  const written = storage.write(upload.storageKey, inspector, "application/octet-stream");
  try {
    await Promise.race([written, refused]);
    const type = inspector.type;
    if (!type) throw new Refusal(422, "The file is empty.");
    const sent = { byteSize: inspector.size, sha256: inspector.hash.digest("hex") };
    let stored: Pick<NewMedia, "storageKey" | "thumbnailKey" | "width" | "height" | "byteSize" | "sha256"> = { storageKey: upload.storageKey, ...sent, ...(type.kind === "GIF" ? gifDimensions(inspector.first) : null) };
    if (needsProcessing(type.kind)) {
      stored = await processImage(upload.storageKey, type.mimeType).catch(() => {
        throw new Refusal(422, "This picture could not be read: the file is damaged or not what it says it is.");
      });
      // The row will point at the clean copy; the bytes as sent (with their EXIF) go.
      await storage.remove(upload.storageKey);
    }
    const media = await finishUpload(upload, workspaceId, userId, { kind: type.kind, mimeType: type.mimeType, fileName: fileName.slice(0, 255) || `upload.${type.extension}`, ...stored });
    return { status: 201, body: { media } };
  } catch (error) {
    file.resume();
    // Storage first finishes failing (and removes its partial bytes), then the key goes.
    await written.catch(() => undefined);
    for (const key of Object.values(uploadKeys(upload.storageKey))) {
      await storage.remove(key).catch((e: unknown) => log().warn({ err: e, key }, "could not remove a failed upload's bytes"));
    }
    await abandonUpload(upload.id);
    throw error;
  }
}
