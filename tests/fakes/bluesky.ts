// A Bluesky PDS (networks.md §2), with the identity services in front of it: the handle
// resolver (com.atproto.identity.resolveHandle) and the PLC directory (GET /<did>, whose
// document names this fake as the account's PDS). Sessions as the reference PDS makes them:
// createSession with an app password (30 per 5 minutes per identifier), access JWTs that expire
// (400 ExpiredToken), refresh JWTs that refreshSession rotates (a spent or revoked one answers
// 400 ExpiredToken "Token has been revoked"), deleteSession, a token it never issued 400 InvalidToken.
// createRecord with TID record keys (a reused key answers 500 InternalServerError), getRecord;
// uploadBlob (the raw bytes, their Content-Type) and app.bsky.embed.images as the lexicon
// has it: at most 4 pictures, each a blob this account uploaded, of at most 1,000,000
// bytes, with `alt` (required) and an optional aspectRatio of positive integers. No video.
// Tests in other processes steer it over HTTP, under /__fake/, each with an account of its own
// (POST /__fake/accounts?handle=…&password=…): revoke its app password, expire its sessions,
// read its counts.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type ReceivedFile, received } from "./received-media";

export const BLUESKY_LOGIN = { identifier: "rytm.test", password: "app-pass-word" };
const didOf = (handle: string) => `did:plc:${handle.replace(/[^a-z0-9]/g, "")}`;
export const BLUESKY_DID = didOf(BLUESKY_LOGIN.identifier);
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const LOGINS_PER_WINDOW = 30;
const LOGIN_WINDOW_MS = 5 * 60_000;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (did: string, scope: string, ttlSeconds: number, n: number) =>
  `${base64url({ typ: scope === "com.atproto.refresh" ? "refresh+jwt" : "at+jwt", alg: "ES256K" })}.${base64url({ scope, sub: did, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + ttlSeconds, jti: n })}.c2lnbmF0dXJl`;

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

export type BlueskyFake = Fake & {
  records: Map<string, Record<string, unknown>>;
  blobs: Map<string, BlueskyBlob>;
  /** Every access JWT stops working (ExpiredToken), as two hours do. */
  expireSessions: () => void;
  stats: Stats;
};

type Stats = { sessions: number; refreshes: number; refused: number; deleted: number };
type Account = { handle: string; did: string; password: string; stats: Stats };

/** `accessTtlSeconds`: how long an access JWT lives (the PDS default: 120 minutes). */
export async function startBluesky(latencyMs = 0, accessTtlSeconds = 7200): Promise<BlueskyFake> {
  const records = new Map<string, Record<string, unknown>>();
  const blobs = new Map<string, BlueskyBlob>();
  const access = new Map<string, { account: Account; expiresAt: number }>();
  const refresh = new Map<string, { account: Account; spent: boolean }>();
  const logins = new Map<string, number[]>();
  const accounts = new Map<string, Account>();
  const addAccount = (handle: string, password: string) => {
    const account = { handle, did: didOf(handle), password, stats: { sessions: 0, refreshes: 0, refused: 0, deleted: 0 } };
    accounts.set(handle, account);
    return account;
  };
  const first = addAccount(BLUESKY_LOGIN.identifier, BLUESKY_LOGIN.password);
  const byDid = (did: string) => [...accounts.values()].find((a) => a.did === did);
  let issued = 0;

  const session = (account: Account) => {
    const accessJwt = jwt(account.did, "com.atproto.appPass", accessTtlSeconds, ++issued);
    const refreshJwt = jwt(account.did, "com.atproto.refresh", 90 * 86_400, ++issued);
    access.set(accessJwt, { account, expiresAt: Date.now() + accessTtlSeconds * 1000 });
    refresh.set(refreshJwt, { account, spent: false });
    return { status: 200, body: { accessJwt, refreshJwt, handle: account.handle, did: account.did, active: true } };
  };

  const control = (url: URL): Reply => {
    const account = accounts.get(url.searchParams.get("handle") ?? BLUESKY_LOGIN.identifier);
    if (url.pathname === "/__fake/accounts") return { status: 200, body: { did: addAccount(url.searchParams.get("handle")!, url.searchParams.get("password")!).did } };
    if (!account) return { status: 404, body: { error: "no such account" } };
    if (url.pathname === "/__fake/expire-access-tokens") for (const entry of access.values()) if (entry.account === account) entry.expiresAt = 0;
    if (url.pathname === "/__fake/revoke-app-password") {
      // The person deleted the app password and made another: its sessions end, the old one no longer signs in.
      account.password = url.searchParams.get("new") ?? `revoked-${account.password}`;
      for (const [token, entry] of access) if (entry.account === account) access.delete(token);
      for (const entry of refresh.values()) if (entry.account === account) entry.spent = true;
    }
    if (url.pathname === "/__fake/records") return { status: 200, body: [...records.values()].map((r) => String(r.text)) };
    return { status: 200, body: { ...account.stats } };
  };

  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    const path = url.pathname;
    if (path.startsWith("/__fake/")) return control(url);
    if (path === "/xrpc/com.atproto.identity.resolveHandle") {
      const account = accounts.get(url.searchParams.get("handle") ?? "");
      return account ? { status: 200, body: { did: account.did } } : { status: 400, body: { error: "InvalidRequest", message: "Unable to resolve handle" } };
    }
    const documented = request.method === "GET" ? byDid(decodeURIComponent(path.slice(1))) : undefined;
    if (documented) {
      return {
        status: 200,
        body: {
          "@context": ["https://www.w3.org/ns/did/v1"],
          id: documented.did,
          alsoKnownAs: [`at://${documented.handle}`],
          verificationMethod: [],
          service: [{ id: "#atproto_pds", type: "AtprotoPersonalDataServer", serviceEndpoint: fake.url }],
        },
      };
    }
    if (request.method === "GET" && path.startsWith("/did:")) return { status: 404, body: { message: `DID not registered: ${decodeURIComponent(path.slice(1))}` } };
    if (path === "/xrpc/com.atproto.server.createSession") {
      const { identifier, password: given } = request.json();
      const key = String(identifier);
      const recent = (logins.get(key) ?? []).filter((at) => at > Date.now() - LOGIN_WINDOW_MS);
      if (recent.length >= LOGINS_PER_WINDOW) {
        const reset = String(Math.ceil((recent[0]! + LOGIN_WINDOW_MS) / 1000));
        return { status: 429, body: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" }, headers: { "ratelimit-limit": String(LOGINS_PER_WINDOW), "ratelimit-remaining": "0", "ratelimit-reset": reset, "ratelimit-policy": `${LOGINS_PER_WINDOW};w=300` } };
      }
      logins.set(key, [...recent, Date.now()]);
      const account = accounts.get(key) ?? byDid(key);
      if (!account || given !== account.password) return { status: 401, body: { error: "AuthenticationRequired", message: "Invalid identifier or password" } };
      account.stats.sessions++;
      return session(account);
    }
    const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!token) return { status: 401, body: { error: "AuthMissing", message: "Authentication Required" } };
    if (path === "/xrpc/com.atproto.server.deleteSession") {
      const entry = refresh.get(token);
      if (!entry) return { status: 400, body: { error: "InvalidToken", message: "Token could not be verified" } };
      entry.spent = true;
      entry.account.stats.deleted++;
      return { status: 200 };
    }
    if (path === "/xrpc/com.atproto.server.refreshSession") {
      const entry = refresh.get(token);
      if (!entry) return { status: 400, body: { error: "InvalidToken", message: "Token could not be verified" } };
      if (entry.spent) {
        entry.account.stats.refused++;
        return { status: 400, body: { error: "ExpiredToken", message: "Token has been revoked" } };
      }
      entry.spent = true;
      entry.account.stats.refreshes++;
      return session(entry.account);
    }
    const live = access.get(token);
    if (!live) return { status: 400, body: { error: "InvalidToken", message: "Token could not be verified" } };
    if (live.expiresAt <= Date.now()) return { status: 400, body: { error: "ExpiredToken", message: "Token has expired" } };
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
      return { status: 200, body: { uri: `at://${live.account.did}/app.bsky.feed.post/${body.rkey}`, cid: "bafyreifake", validationStatus: "valid" } };
    }
    if (path === "/xrpc/com.atproto.repo.getRecord") {
      const rkey = url.searchParams.get("rkey") ?? "";
      return records.has(rkey)
        ? { status: 200, body: { uri: `at://${live.account.did}/app.bsky.feed.post/${rkey}`, value: records.get(rkey) } }
        : { status: 400, body: { error: "RecordNotFound", message: `Could not locate record: at://${live.account.did}/app.bsky.feed.post/${rkey}` } };
    }
    return { status: 404, body: { error: "MethodNotImplemented" } };
  }, latencyMs);
  return Object.assign(fake, { records, blobs, stats: first.stats, expireSessions: () => control(new URL("/__fake/expire-access-tokens", fake.url)) });
}
