// An OAuth 2.0 authorization server (RFC 6749, PKCE RFC 7636, revocation RFC 7009) that a
// network's fake mounts beside its API: a consent page with an "Authorize app" button, the
// token endpoint for codes and refresh tokens, and revocation. It refuses as the real ones
// do, with `invalid_grant` for an expired or reused code, a PKCE verifier that does not match,
// a refresh token already used once (rotating networks) and a revoked consent.
// Tests in other processes steer it over HTTP, under /__fake/: revoke the consent, expire
// the access tokens, age the codes, read the counts.
import { createHash, randomBytes } from "node:crypto";
import type { FakeRequest, Reply } from "./http-fake";

export type OAuthClient = { secret: string; redirectUris: readonly string[] };

export type OAuthServerOptions = {
  paths: { authorize: string; token: string; revoke: string | null };
  /** Rytm's app at the network; Mastodon's fake adds the ones registered through /api/v1/apps. */
  clients: Map<string, OAuthClient>;
  /** How the client authenticates at the token endpoint: HTTP Basic (X), the form (LinkedIn), or either (Mastodon). */
  clientAuth: readonly ("basic" | "post")[];
  pkce: "required" | "optional";
  /** Every refresh returns a new refresh token and the old one stops working (X). */
  rotates: boolean;
  accessTtlSeconds: number;
  /** What the network calls the client id in its requests: TikTok's client_key. */
  clientIdName?: string;
  /** The network's error answers carry its log id beside the OAuth error (TikTok). */
  errorExtra?: Record<string, string>;
};

type Grant = { clientId: string; scope: string; refreshToken: string | null; revoked: boolean };
type Code = { grant: Grant; redirectUri: string; challenge: string | null; issuedAt: number; used: boolean };

export type OAuthServer = {
  /** The reply for an OAuth or /__fake/ request; null for the network's API. */
  handle: (request: FakeRequest) => Reply | null;
  /** Whether a bearer token is a live access token of a grant still consented to. */
  accepts: (authorization: string | undefined) => boolean;
  stats: { codes: number; exchanges: number; refreshes: number; refused: number; revocations: number };
};

const CODE_TTL_MS = 60_000;
const token = (prefix: string) => `${prefix}-${randomBytes(18).toString("base64url")}`;
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function oauthServer(options: OAuthServerOptions): OAuthServer {
  const idName = options.clientIdName ?? "client_id";
  const oauthError = (error: string, description: string, status = 400): Reply => ({ status, body: { error, error_description: description, ...options.errorExtra } });
  const codes = new Map<string, Code>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  const usedRefreshTokens = new Set<string>();
  const stats = { codes: 0, exchanges: 0, refreshes: 0, refused: 0, revocations: 0 };

  const issue = (grant: Grant) => {
    const access = token("at");
    accessTokens.set(access, { grant, expiresAt: Date.now() + options.accessTtlSeconds * 1000 });
    if (!grant.refreshToken || options.rotates) {
      if (grant.refreshToken) {
        usedRefreshTokens.add(grant.refreshToken);
        refreshTokens.delete(grant.refreshToken);
      }
      grant.refreshToken = token("rt");
      refreshTokens.set(grant.refreshToken, grant);
    }
    return { status: 200, body: { token_type: "bearer", access_token: access, expires_in: options.accessTtlSeconds, refresh_token: grant.refreshToken, scope: grant.scope } };
  };

  /** The client the request authenticates as, by the methods this network takes. */
  const authenticate = (request: FakeRequest, form: URLSearchParams): string | null => {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? "");
    let id: string | null = null;
    let secret: string | null = null;
    if (basic && options.clientAuth.includes("basic")) [id, secret] = Buffer.from(basic[1]!, "base64").toString().split(":") as [string, string];
    else if (form.get("client_secret") && options.clientAuth.includes("post")) [id, secret] = [form.get(idName), form.get("client_secret")];
    const client = id ? options.clients.get(id) : undefined;
    return client && client.secret === secret ? id : null;
  };

  const authorizePage = (query: URLSearchParams): Reply => {
    const client = options.clients.get(query.get(idName) ?? "");
    // An unknown client or a redirect URI not registered exactly: an error page, never a redirect.
    if (!client) return { status: 400, raw: `<!doctype html><title>Error</title><p>invalid_client: unknown ${idName}</p>` };
    if (!client.redirectUris.includes(query.get("redirect_uri") ?? "")) return { status: 400, raw: "<!doctype html><title>Error</title><p>invalid_request: redirect_uri does not match the registered one</p>" };
    if (query.get("response_type") !== "code" || !query.get("state")) return { status: 400, raw: "<!doctype html><title>Error</title><p>invalid_request: response_type=code and state are required</p>" };
    if (options.pkce === "required" && query.get("code_challenge_method") !== "S256") return { status: 400, raw: "<!doctype html><title>Error</title><p>invalid_request: code_challenge with S256 is required</p>" };
    const hidden = [idName, "redirect_uri", "state", "scope", "code_challenge"]
      .map((name) => `<input type="hidden" name="${name}" value="${escape(query.get(name) ?? "")}">`)
      .join("");
    return {
      status: 200,
      raw: `<!doctype html><html><head><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><title>Authorize access</title></head><body style="font-family:sans-serif;max-width:30rem;margin:2rem auto"><h1>Authorize Rytm?</h1><p>Rytm asks to: <code>${escape(query.get("scope") ?? "")}</code></p><form method="post" action="${options.paths.authorize}">${hidden}<button name="decision" value="allow">Authorize app</button> <button name="decision" value="deny">Cancel</button></form></body></html>`,
    };
  };

  const consent = (form: URLSearchParams): Reply => {
    const redirectUri = form.get("redirect_uri") ?? "";
    const client = options.clients.get(form.get(idName) ?? "");
    if (!client?.redirectUris.includes(redirectUri)) return { status: 400, raw: "<p>invalid_request</p>" };
    const redirect = new URL(redirectUri);
    redirect.searchParams.set("state", form.get("state") ?? "");
    if (form.get("decision") !== "allow") {
      redirect.searchParams.set("error", "access_denied");
      redirect.searchParams.set("error_description", "The user denied the request");
    } else {
      const code = token("code");
      codes.set(code, { grant: { clientId: form.get(idName)!, scope: form.get("scope") ?? "", refreshToken: null, revoked: false }, redirectUri, challenge: form.get("code_challenge") || null, issuedAt: Date.now(), used: false });
      stats.codes++;
      redirect.searchParams.set("code", code);
    }
    return { status: 302, headers: { location: redirect.href } };
  };

  const tokenRequest = (request: FakeRequest): Reply => {
    const form = new URLSearchParams(request.body);
    const clientId = authenticate(request, form);
    if (!clientId) return oauthError("invalid_client", "Client authentication failed", 401);
    const refuse = (description: string) => {
      stats.refused++;
      return oauthError("invalid_grant", description);
    };
    if (form.get("grant_type") === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      if (!code || code.grant.clientId !== clientId) return refuse("Value passed for the authorization code was invalid.");
      if (code.used) {
        // RFC 6749 §4.1.2: a code used twice revokes what it granted.
        code.grant.revoked = true;
        return refuse("Authorization code was already used.");
      }
      if (Date.now() - code.issuedAt > CODE_TTL_MS) return refuse("Authorization code expired.");
      if (form.get("redirect_uri") !== code.redirectUri) return refuse("redirect_uri does not match the authorization request.");
      if (code.challenge) {
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge) return refuse("code_verifier does not match the code_challenge.");
      } else if (options.pkce === "required") return refuse("code_verifier is required.");
      code.used = true;
      stats.exchanges++;
      return issue(code.grant);
    }
    if (form.get("grant_type") === "refresh_token") {
      const presented = form.get("refresh_token") ?? "";
      if (usedRefreshTokens.has(presented)) return refuse("Refresh token was already used; it was rotated.");
      const grant = refreshTokens.get(presented);
      if (!grant || grant.clientId !== clientId) return refuse("Refresh token is invalid.");
      if (grant.revoked) return refuse("The user revoked access to this application.");
      stats.refreshes++;
      return issue(grant);
    }
    return oauthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
  };

  const revoke = (request: FakeRequest): Reply => {
    const form = new URLSearchParams(request.body);
    if (!authenticate(request, form)) return oauthError("invalid_client", "Client authentication failed", 401);
    const presented = form.get("token") ?? "";
    const grant = accessTokens.get(presented)?.grant ?? refreshTokens.get(presented);
    if (grant) grant.revoked = true;
    stats.revocations++;
    // RFC 7009: 200 whether or not the token was known.
    return { status: 200, body: {} };
  };

  const control = (request: FakeRequest, path: string): Reply => {
    if (path === "/__fake/revoke-consent") for (const grant of refreshTokens.values()) grant.revoked = true;
    if (path === "/__fake/revoke-consent") for (const { grant } of accessTokens.values()) grant.revoked = true;
    if (path === "/__fake/expire-access-tokens") for (const entry of accessTokens.values()) entry.expiresAt = 0;
    if (path === "/__fake/age-codes") for (const code of codes.values()) code.issuedAt -= CODE_TTL_MS + 1;
    return { status: 200, body: { ...stats } };
  };

  return {
    stats,
    accepts: (authorization) => {
      const entry = accessTokens.get(/^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "");
      return Boolean(entry && !entry.grant.revoked && entry.expiresAt > Date.now());
    },
    handle: (request) => {
      const url = new URL(request.path, "http://fake");
      if (url.pathname.startsWith("/__fake/")) return control(request, url.pathname);
      if (url.pathname === options.paths.authorize) return request.method === "GET" ? authorizePage(url.searchParams) : consent(new URLSearchParams(request.body));
      if (url.pathname === options.paths.token && request.method === "POST") return tokenRequest(request);
      if (url.pathname === options.paths.revoke && request.method === "POST") return revoke(request);
      return null;
    },
  };
}
