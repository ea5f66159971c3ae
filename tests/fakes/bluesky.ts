// A Bluesky PDS (networks.md §2): createSession, createRecord with TID record keys (a
// reused key answers 500 InternalServerError, as the reference PDS does), getRecord.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const BLUESKY_LOGIN = { identifier: "rytm.test", password: "app-pass-word" };
const DID = "did:plc:rytmtest";
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

export async function startBluesky(latencyMs = 0): Promise<Fake & { records: Map<string, Record<string, unknown>>; expireSessions: () => void }> {
  const records = new Map<string, Record<string, unknown>>();
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
    if (path === "/xrpc/com.atproto.repo.createRecord") {
      const body = request.json() as { rkey?: string; record?: { text?: string } };
      if (!body.rkey || !TID.test(body.rkey)) return { status: 400, body: { error: "InvalidRequest", message: `Invalid record key for app.bsky.feed.post: ${body.rkey}` } };
      if ([...new Intl.Segmenter().segment(body.record?.text ?? "")].length > 300) return { status: 400, body: { error: "InvalidRequest", message: "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes" } };
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
  return Object.assign(fake, { records, expireSessions: () => valid.clear() });
}
