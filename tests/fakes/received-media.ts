// What the fakes check in every file a network receives, as the networks do: the type the
// bytes are (not the one the request claims), the size, and a SHA-256 for the tests to
// compare with what Rytm stored. Written for the fakes on their own, not borrowed from the app.
import { createHash } from "node:crypto";

export type ReceivedFile = { sha256: string; size: number; type: string | null };

const magic: [string, (b: Buffer) => boolean][] = [
  ["image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["image/png", (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ["image/gif", (b) => b.subarray(0, 4).toString("latin1") === "GIF8"],
  ["image/webp", (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP"],
  ["video/quicktime", (b) => b.subarray(4, 8).toString("latin1") === "ftyp" && b.subarray(8, 10).toString("latin1") === "qt"],
  ["video/mp4", (b) => b.subarray(4, 8).toString("latin1") === "ftyp"],
];

export function received(bytes: Buffer): ReceivedFile {
  return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, type: magic.find(([, test]) => test(bytes))?.[0] ?? null };
}

export const isVideo = (type: string | null) => type?.startsWith("video/") ?? false;
