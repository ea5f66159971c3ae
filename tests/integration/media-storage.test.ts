// Both homes of media storage behave alike through the one interface: a streamed write
// stores exactly the bytes, a failed stream leaves nothing, a missing key reads as null and
// removing it twice is fine. S3 is exercised against s3rver, a local S3-compatible server.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalMediaStorage, type MediaStorage, S3MediaStorage, readAll } from "~/utils/media-storage.server";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// 20 MB in 64 KB pieces: more than one S3 multipart part, never one buffer on the way in.
function pieces(total: number, seed: Buffer) {
  let sent = 0;
  const hash = createHash("sha256");
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const chunk = Buffer.alloc(Math.min(65_536, total - sent), seed);
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

let folder: string;
let s3: S3rver;
const homes: Record<string, MediaStorage> = {};

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "rytm-storage-"));
  homes.local = new LocalMediaStorage(path.join(folder, "local"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: path.join(folder, "s3") });
  const { port } = await s3.run();
  const client = new S3Client({ region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  await client.send(new CreateBucketCommand({ Bucket: "rytm-media" }));
  homes.s3 = new S3MediaStorage(client, "rytm-media");
});

afterAll(async () => {
  await s3?.close();
  await rm(folder, { recursive: true, force: true });
});

describe.each(["local", "s3"])("%s storage", (name) => {
  it("stores a streamed file exactly and reads it back", async () => {
    const storage = homes[name]!;
    const key = `ws1/${randomBytes(6).toString("hex")}`;
    const source = pieces(20 * 1024 * 1024 + 123, randomBytes(7));
    await storage.write(key, source.stream, "video/mp4");
    const object = await storage.read(key);
    expect(object?.byteSize).toBe(20 * 1024 * 1024 + 123);
    expect(sha256(await readAll(object!.body))).toBe(source.digest());
    await storage.remove(key);
    expect(await storage.read(key)).toBeNull();
    await storage.remove(key);
  });

  it("keeps nothing of a stream that fails half-way", async () => {
    const storage = homes[name]!;
    const key = `ws1/${randomBytes(6).toString("hex")}`;
    let sent = 0;
    const failing = new Readable({
      read() {
        sent += 1;
        if (sent > 200) this.destroy(new Error("the client went away"));
        else this.push(Buffer.alloc(65_536, 1));
      },
    });
    await expect(storage.write(key, failing, "image/png")).rejects.toThrow(/went away/);
    expect(await storage.read(key)).toBeNull();
    if (name === "local") expect(await readdir(path.join(folder, "local", "ws1"))).not.toContainEqual(expect.stringMatching(/\.part$/));
  });

  it("refuses a key that could leave its folder", async () => {
    await expect(homes[name]!.write("../etc/passwd", Readable.from([Buffer.from("x")]), "image/png")).rejects.toThrow(/Not a media storage key/);
  });
});
