// Mastodon's statuses API as documented (networks.md §1): Bearer token, 500 characters,
// Idempotency-Key answered with the original status, X-RateLimit-* with an ISO reset. Media:
// POST /api/v2/media (multipart `file` and `description`; 200 for a picture, 202 for a
// video still processing, which GET /api/v1/media/:id answers 206 until it is done), and a
// status takes up to 4 processed, unattached media_ids of its account.
import { randomBytes } from "node:crypto";
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type ReceivedFile, isVideo, received } from "./received-media";
import { type OAuthClient, type OAuthServer, oauthServer } from "./oauth";

export const MASTODON_TOKEN = "fake-mastodon-token";

/**
 * Apps register themselves (POST /api/v1/apps) and then run OAuth 2.0 with PKCE against the
 * instance; the client authenticates either way, refresh tokens are not rotated.
 */
export type MastodonMedia = ReceivedFile & { id: string; description: string; readyAt: number; statusId: string | null };

/** `processingMs`: how long a video takes to process after its upload. */
export async function startMastodon(
  latencyMs = 0,
  { processingMs = 300 } = {},
): Promise<Fake & { statuses: Map<string, Record<string, unknown>>; media: Map<string, MastodonMedia>; oauth: OAuthServer; apps: Map<string, OAuthClient> }> {
  const apps = new Map<string, OAuthClient>();
  const oauth = oauthServer({ paths: { authorize: "/oauth/authorize", token: "/oauth/token", revoke: "/oauth/revoke" }, clients: apps, clientAuth: ["basic", "post"], pkce: "optional", rotates: false, accessTtlSeconds: 30 * 24 * 3600 });
  const statuses = new Map<string, Record<string, unknown>>();
  const media = new Map<string, MastodonMedia>();
  let nextMedia = 110000000000000000n;
  const attachment = (m: MastodonMedia) => ({ id: m.id, type: isVideo(m.type) ? "video" : "image", url: Date.now() >= m.readyAt ? `${fake.url}/system/media/${m.id}` : null, description: m.description || null });
  const byKey = new Map<string, string>();
  let next = 103254962155278888n;
  const limits = { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": new Date(Date.now() + 3 * 3600_000).toISOString() };
  const fake = await startFake(async (request: FakeRequest): Promise<Reply> => {
    const authorization = oauth.handle(request);
    if (authorization) return authorization;
    if (request.method === "POST" && request.path === "/api/v1/apps") {
      const form = request.headers["content-type"]?.startsWith("application/json") ? (request.json() as Record<string, string>) : Object.fromEntries(new URLSearchParams(request.body));
      const redirectUris = String(form.redirect_uris ?? "").split(/\s+/).filter(Boolean);
      if (!form.client_name || !redirectUris.length) return { status: 422, body: { error: "Validation failed: Application name can't be blank, Redirect URI can't be blank" } };
      const app = { id: String(apps.size + 1), client_id: randomBytes(16).toString("base64url"), client_secret: randomBytes(24).toString("base64url") };
      apps.set(app.client_id, { secret: app.client_secret, redirectUris });
      return { status: 200, body: { ...app, name: form.client_name, redirect_uris: redirectUris, redirect_uri: redirectUris.join("\n"), scopes: String(form.scopes ?? "read").split(" ") } };
    }
    if (request.method === "GET" && request.path === "/api/v1/accounts/verify_credentials") {
      if (!oauth.accepts(request.headers.authorization)) return { status: 401, body: { error: "The access token is invalid" } };
      return { status: 200, body: { id: "109302", username: "rytm", acct: "rytm", display_name: "Rytm", url: `${fake.url}/@rytm` } };
    }
    const signedIn = request.headers.authorization === `Bearer ${MASTODON_TOKEN}` || oauth.accepts(request.headers.authorization);
    if (request.path === "/api/v2/media" || request.path.startsWith("/api/v1/media/")) {
      if (!signedIn) return { status: 401, body: { error: "The access token is invalid" }, headers: limits };
      if (request.method === "GET") {
        const found = media.get(request.path.slice("/api/v1/media/".length));
        if (!found) return { status: 404, body: { error: "Record not found" } };
        return { status: Date.now() >= found.readyAt ? 200 : 206, body: attachment(found), headers: limits };
      }
      if (request.method !== "POST" || request.path !== "/api/v2/media") return { status: 404, body: { error: "Record not found" } };
      const form = await request.form().catch(() => null);
      const file = form?.get("file");
      if (!(file instanceof Blob)) return { status: 422, body: { error: "Validation failed: File can't be blank" }, headers: limits };
      const facts = received(Buffer.from(await file.arrayBuffer()));
      if (!facts.type) return { status: 422, body: { error: "Validation failed: File content type is invalid" }, headers: limits };
      const limit = isVideo(facts.type) ? 99 * 1024 * 1024 : 16 * 1024 * 1024;
      if (facts.size > limit) return { status: 422, body: { error: `Validation failed: File file size must be less than ${limit / 1024 / 1024} MB` }, headers: limits };
      const description = String(form?.get("description") ?? "");
      if ([...description].length > 1500) return { status: 422, body: { error: "Validation failed: Description is too long (maximum is 1500 characters)" }, headers: limits };
      const id = String(nextMedia++);
      const item: MastodonMedia = { ...facts, id, description, readyAt: isVideo(facts.type) ? Date.now() + processingMs : 0, statusId: null };
      media.set(id, item);
      return { status: isVideo(facts.type) ? 202 : 200, body: attachment(item), headers: limits };
    }
    if (request.method !== "POST" || request.path !== "/api/v1/statuses") return { status: 404, body: { error: "Record not found" } };
    if (!signedIn) return { status: 401, body: { error: "The access token is invalid" }, headers: limits };
    const key = request.headers["idempotency-key"] as string | undefined;
    if (key && byKey.has(key)) return { status: 200, body: statuses.get(byKey.get(key)!), headers: limits };
    const text = String(request.json().status ?? "");
    const mediaIds = (request.json().media_ids ?? []) as string[];
    if (!text.trim() && !mediaIds.length) return { status: 422, body: { error: "Validation failed: Text can't be blank" }, headers: limits };
    if (mediaIds.length > 4) return { status: 422, body: { error: "Validation failed: Media attachments cannot attach more than 4 files" }, headers: limits };
    const attached = mediaIds.map((id) => media.get(String(id)));
    if (attached.some((m) => !m || m.statusId)) return { status: 404, body: { error: "Record not found" }, headers: limits };
    if (attached.some((m) => Date.now() < m!.readyAt)) return { status: 422, body: { error: "Cannot attach files that have not finished processing. Try again in a moment!" }, headers: limits };
    if (attached.length > 1 && attached.some((m) => isVideo(m!.type))) return { status: 422, body: { error: "Validation failed: Cannot attach a video to a post that already contains images" }, headers: limits };
    if ([...text].length > 500) return { status: 422, body: { error: "Validation failed: Text character limit of 500 exceeded" }, headers: limits };
    const id = String(next++);
    for (const m of attached) m!.statusId = id;
    const status = {
      id,
      created_at: new Date().toISOString(),
      url: `${fake.url}/@rytm/${id}`,
      uri: `${fake.url}/users/rytm/statuses/${id}`,
      visibility: "public",
      content: `<p>${text}</p>`,
      media_attachments: attached.map((m) => attachment(m!)),
    };
    statuses.set(id, status);
    if (key) byKey.set(key, id);
    return { status: 200, body: status, headers: limits };
  }, latencyMs);
  return Object.assign(fake, { statuses, media, oauth, apps });
}
