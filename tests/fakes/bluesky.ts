// A Bluesky PDS (networks.md §2): createSession, createRecord with TID record keys (a
// reused key answers 500 InternalServerError, as the reference PDS does), getRecord;
// uploadBlob (the raw bytes, their Content-Type) and app.bsky.embed.images as the lexicon
// has it: at most 4 pictures, each a blob this account uploaded, of at most 1,000,000
// bytes, with `alt` (required) and an optional aspectRatio of positive integers. No video.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type ReceivedFile, received } from "./received-media";

export const BLUESKY_LOGIN = { identifier: "rytm.test", password: "app-pass-word" };
const DID = "did:plc:rytmtest";
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

export type BlueskyBlob = ReceivedFile & { declaredType: string };
type EmbeddedImage = { image?: { $type?: string; ref?: { $link?: string }; mimeType?: string; size?: number }; alt?: unknown; aspectRatio?: { width?: unknown; height?: unknown } };

const positiveInt = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n > 0;

/** What is wrong with a post's embedded pictures, as the PDS's lexicon validation says it, or null. */
function invalidImages(embed: { $type?: string; images?: EmbeddedImage[] } | undefined, blobs: Map<string, BlueskyBlob>): string | null {
  if (!embed) return null;
  if (embed.$type !== "app.bsky.embed.images") return embed.$type === "app.bsky.embed.external" ? null : `Record/embed has an unknown type ${String(embed.$type)}`;
  const images = embed.images ?? [];
  if (!images.length || images.length > 4) return "Record/embed/images must have 1 to 4 elements";
  for (const [i, image] of images.entries()) {
    if (typeof image.alt !== "string") return `Record/embed/images/${i} must have the property "alt"`;
    const blob = blobs.get(image.image?.ref?.$link ?? "");
    if (image.image?.$type !== "blob" || !blob) return `Record/embed/images/${i}/image should be a blob ref this repo holds`;
    if (blob.size > 1_000_000) return `Record/embed/images/${i}/image file too large, max size is 1000000 bytes`;
    if (!blob.type?.startsWith("image/")) return `Record/embed/images/${i}/image mime type not accepted: ${blob.type}`;
    if (image.aspectRatio && !(positiveInt(image.aspectRatio.width) && positiveInt(image.aspectRatio.height))) return `Record/embed/images/${i}/aspectRatio must have positive integers`;
  }
  return null;
}

export async function startBluesky(latencyMs = 0): Promise<Fake & { records: Map<string, Record<string, unknown>>; blobs: Map<string, BlueskyBlob>; expireSessions: () => void }> {
  const records = new Map<string, Record<string, unknown>>();
  const blobs = new Map<string, BlueskyBlob>();
  // Each login issues a new access token; expiring them makes every earlier one invalid.
  let generation = 0;
  const valid = new Set<string>();
  const fake = await startFake((request: FakeRequest): Reply => {
    const path = request.path.split("?")[0];
    if (path === "/xrpc/com.atproto.server.createSession") {
      const { identifier, password } = request.json();
      if (identifier !== BLUESKY_LOGIN.identifier || password !== BLUESKY_LOGIN.password) return { status: 401, body: { error: "AuthenticationRequired", message: "Invalid identifier or password" } };
      const accessJwt = `access-jwt-${++generation}`;
      valid.add(accessJwt);
      return { status: 200, body: { accessJwt, refreshJwt: "refresh-jwt", handle: identifier, did: DID } };
    }
    const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!token) return { status: 401, body: { error: "AuthMissing", message: "Authentication Required" } };
    if (!valid.has(token)) return { status: 400, body: { error: "ExpiredToken", message: "Token has expired" } };
    if (path === "/xrpc/com.atproto.repo.uploadBlob") {
      const declaredType = String(request.headers["content-type"] ?? "");
      const facts = received(request.bytes);
      if (!facts.size) return { status: 400, body: { error: "InvalidRequest", message: "Request body is empty" } };
      if (facts.size > 50_000_000) return { status: 413, body: { error: "PayloadTooLarge", message: "request entity too large" } };
      // The PDS sniffs the bytes and keeps the type it finds.
      const cid = `bafkrei${facts.sha256.slice(0, 52)}`;
      blobs.set(cid, { ...facts, declaredType });
      return { status: 200, body: { blob: { $type: "blob", ref: { $link: cid }, mimeType: facts.type ?? declaredType, size: facts.size } } };
    }
    if (path === "/xrpc/com.atproto.repo.createRecord") {
      const body = request.json() as { rkey?: string; record?: { text?: string; embed?: { $type?: string; images?: EmbeddedImage[] } } };
      if (!body.rkey || !TID.test(body.rkey)) return { status: 400, body: { error: "InvalidRequest", message: `Invalid record key for app.bsky.feed.post: ${body.rkey}` } };
      if ([...new Intl.Segmenter().segment(body.record?.text ?? "")].length > 300) return { status: 400, body: { error: "InvalidRequest", message: "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes" } };
      const invalid = invalidImages(body.record?.embed, blobs);
      if (invalid) return { status: 400, body: { error: "InvalidRequest", message: `Invalid app.bsky.feed.post record: ${invalid}` } };
      if (records.has(body.rkey)) return { status: 500, body: { error: "InternalServerError", message: "Internal Server Error" } };
      records.set(body.rkey, body.record ?? {});
      return { status: 200, body: { uri: `at://${DID}/app.bsky.feed.post/${body.rkey}`, cid: "bafyreifake", validationStatus: "valid" } };
    }
    if (path === "/xrpc/com.atproto.repo.getRecord") {
      const rkey = new URL(request.path, fake.url).searchParams.get("rkey") ?? "";
      return records.has(rkey)
        ? { status: 200, body: { uri: `at://${DID}/app.bsky.feed.post/${rkey}`, value: records.get(rkey) } }
        : { status: 400, body: { error: "RecordNotFound", message: `Could not locate record: at://${DID}/app.bsky.feed.post/${rkey}` } };
    }
    return { status: 404, body: { error: "MethodNotImplemented" } };
  }, latencyMs);
  return Object.assign(fake, { records, blobs, expireSessions: () => valid.clear() });
}
