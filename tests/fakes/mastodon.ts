// Mastodon's statuses API as documented (networks.md §1): Bearer token, 500 characters,
// Idempotency-Key answered with the original status, X-RateLimit-* with an ISO reset.
import { randomBytes } from "node:crypto";
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type OAuthClient, type OAuthServer, oauthServer } from "./oauth";

export const MASTODON_TOKEN = "fake-mastodon-token";

/**
 * Apps register themselves (POST /api/v1/apps) and then run OAuth 2.0 with PKCE against the
 * instance; the client authenticates either way, refresh tokens are not rotated.
 */
export async function startMastodon(latencyMs = 0): Promise<Fake & { statuses: Map<string, Record<string, unknown>>; oauth: OAuthServer; apps: Map<string, OAuthClient> }> {
  const apps = new Map<string, OAuthClient>();
  const oauth = oauthServer({ paths: { authorize: "/oauth/authorize", token: "/oauth/token", revoke: "/oauth/revoke" }, clients: apps, clientAuth: ["basic", "post"], pkce: "optional", rotates: false, accessTtlSeconds: 30 * 24 * 3600 });
  const statuses = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, string>();
  let next = 103254962155278888n;
  const limits = { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": new Date(Date.now() + 3 * 3600_000).toISOString() };
  const fake = await startFake((request: FakeRequest): Reply => {
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
    if (request.method !== "POST" || request.path !== "/api/v1/statuses") return { status: 404, body: { error: "Record not found" } };
    if (request.headers.authorization !== `Bearer ${MASTODON_TOKEN}` && !oauth.accepts(request.headers.authorization)) return { status: 401, body: { error: "The access token is invalid" }, headers: limits };
    const key = request.headers["idempotency-key"] as string | undefined;
    if (key && byKey.has(key)) return { status: 200, body: statuses.get(byKey.get(key)!), headers: limits };
    const text = String(request.json().status ?? "");
    if (!text.trim()) return { status: 422, body: { error: "Validation failed: Text can't be blank" }, headers: limits };
    if ([...text].length > 500) return { status: 422, body: { error: "Validation failed: Text character limit of 500 exceeded" }, headers: limits };
    const id = String(next++);
    const status = { id, created_at: new Date().toISOString(), url: `${fake.url}/@rytm/${id}`, uri: `${fake.url}/users/rytm/statuses/${id}`, visibility: "public", content: `<p>${text}</p>` };
    statuses.set(id, status);
    if (key) byKey.set(key, id);
    return { status: 200, body: status, headers: limits };
  }, latencyMs);
  return Object.assign(fake, { statuses, oauth, apps });
}
