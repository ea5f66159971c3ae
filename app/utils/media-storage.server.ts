// Where uploaded media bytes live (decision 0040): one small interface with two homes, a
// folder on this machine (zero set-up, the default) and an S3-compatible bucket (several web
// processes on several machines). Both take and give streams: a 500 MB video passes through
// in pieces and is never held whole in memory.
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { env } from "./env.server";

export type StoredObject = { body: Readable; byteSize: number };

export interface MediaStorage {
  /** Stores the stream under `key`; the key holds the bytes only once the promise resolves. */
  write(key: string, body: Readable, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  read(key: string): Promise<StoredObject | null>;
  /** Removes `key`; a missing key is not an error (removal is retried after crashes). */
  remove(key: string): Promise<void>;
}

// Keys are made by Rytm (workspace id / random id / variant), never from a file's name;
// checked anyway, so that no key can walk out of the media folder.
const keyPattern = /^[a-z0-9]+(\/[a-z0-9][a-z0-9._-]*)+$/;
function checkedKey(key: string) {
  if (!keyPattern.test(key) || key.includes("..")) throw new Error(`Not a media storage key: ${key}`);
  return key;
}

export class LocalMediaStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private file(key: string) {
    return path.join(this.root, ...checkedKey(key).split("/"));
  }

  async write(key: string, body: Readable) {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside the final name and renamed: a reader never sees half a file, and a
    // failed write leaves only a .part file that is removed here.
    const partial = `${file}.${randomBytes(4).toString("hex")}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: "wx" }));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string) {
    const file = this.file(key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    return { body: createReadStream(file), byteSize: info.size };
  }

  async remove(key: string) {
    await rm(this.file(key), { force: true });
  }
}

export class S3MediaStorage implements MediaStorage {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async write(key: string, body: Readable, contentType: string) {
    // A multipart upload of 8 MB parts, two in flight: memory stays near 16 MB whatever the
    // file's size, and a stream of unknown length needs no Content-Length up front.
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: checkedKey(key), Body: body, ContentType: contentType }, partSize: 8 * 1024 * 1024, queueSize: 2 });
    // A failed source stream must fail the upload (lib-storage would otherwise wait for it).
    const failed = new Promise<never>((_, reject) => body.once("error", reject));
    try {
      await Promise.race([upload.done(), failed]);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      throw error;
    }
  }

  async read(key: string) {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: object.Body as Readable, byteSize: Number(head.ContentLength ?? object.ContentLength ?? 0) };
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return null;
      throw error;
    }
  }

  async remove(key: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
  }
}

/** The project's folder: where package.json is, whether this runs from app/, build/server or build/worker. */
function projectRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Every key one upload may leave: the bytes as sent, the cleaned picture, the thumbnail. */
export const uploadKeys = (key: string) => ({ sent: key, clean: `${key}-clean`, thumbnail: `${key}-thumb` });

let storage: MediaStorage | undefined;

export function mediaStorage(): MediaStorage {
  if (storage) return storage;
  const settings = env();
  if (settings.S3_BUCKET) {
    const credentials = settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY ? { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY } : undefined;
    // An endpoint of its own (MinIO, R2, a test server) addresses buckets by path.
    const client = new S3Client({ region: settings.S3_REGION, endpoint: settings.S3_ENDPOINT, forcePathStyle: Boolean(settings.S3_ENDPOINT), credentials });
    storage = new S3MediaStorage(client, settings.S3_BUCKET);
  } else {
    storage = new LocalMediaStorage(path.resolve(projectRoot(), settings.MEDIA_DIR));
  }
  return storage;
}

/** Reads a whole stored object (small ones only). */
export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
