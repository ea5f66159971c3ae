// Meta's sign-in as Facebook Login and Threads run it, beside the network's Graph API fake:
// a consent page, the code exchange (a POST with the secret in the form, answering a
// short-lived token), the long-lived exchange (a GET with the short-lived token), Threads'
// refresh of a long-lived token (th_refresh_token) and Facebook's deauthorization
// (DELETE /me/permissions). It refuses as Meta does, with its own shapes: a Graph error
// (`{error: {type: "OAuthException", code, error_subcode, message}}`) from Facebook, and on
// Threads' code exchange the flat `{error_type, code, error_message}`; an expired, reused or
// foreign code, a redirect URI that differs, a token that expired or whose consent was revoked.
// Tests in other processes steer it over HTTP, under /__fake/.
import { randomBytes } from "node:crypto";
import type { FakeRequest, Reply } from "./http-fake";

export type MetaClient = { id: string; secret: string; redirectUris: readonly string[] };

export type MetaOAuthOptions = {
  flavour: "facebook" | "threads";
  paths: { authorize: string; token: string; longLived: string; refresh: string | null; deauthorize: string | null };
  client: MetaClient;
  /** Facebook Login for Business: the Pages the dialog lets the person choose to share (all ticked at first); none on Threads. */
  assets?: readonly { id: string; name: string }[];
};

/** `pages`: the Pages the person shared in the dialog. */
type Grant = { scope: string; revoked: boolean; pageTokens: Map<string, string>; pages: ReadonlySet<string> };
type Code = { grant: Grant; redirectUri: string; issuedAt: number; used: boolean };
type Token = { grant: Grant; kind: "short" | "long" | "page"; pageId?: string; expiresAt: number; issuedAt: number };

const CODE_TTL_MS = 10 * 60_000;
const SHORT_TTL_S = 3600;
const LONG_TTL_S = 5_183_944;
const NEVER = Number.MAX_SAFE_INTEGER;
const secret = (prefix: string) => `${prefix}-${randomBytes(18).toString("base64url")}`;
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The Graph error every Meta API answers with. */
export const graphError = (code: number, message: string, subcode?: number, status = 400): Reply => ({
  status,
  body: { error: { message, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: "AbCdEfGh123" } },
});

export type MetaOAuth = {
  handle: (request: FakeRequest) => Reply | null;
  /** Why a token is refused (a Graph error), or null when it is live; `pageId`: it must be that Page's token. */
  refuses: (token: string | null, pageId?: string) => Reply | null;
  /** Whether the person shared this Page with the grant behind this token. */
  shares: (token: string | null, pageId: string) => boolean;
  /** What a token stands for: a person (short- or long-lived) or a Page. */
  kindOf: (token: string | null) => Token["kind"] | null;
  /** The Page's token as a listing with this live user token gives it: from a long-lived user token it never expires, from a short-lived one it ends with it. */
  pageToken: (userToken: string, pageId: string) => string;
  stats: { codes: number; exchanges: number; longLived: number; refreshes: number; refused: number; deauthorizations: number };
};

export function metaOAuth(options: MetaOAuthOptions): MetaOAuth {
  const codes = new Map<string, Code>();
  const tokens = new Map<string, Token>();
  const stats = { codes: 0, exchanges: 0, longLived: 0, refreshes: 0, refused: 0, deauthorizations: 0 };
  const facebook = options.flavour === "facebook";
  const name = facebook ? "Facebook" : "Threads";

  const issue = (grant: Grant, kind: "short" | "long") => {
    const token = secret(kind === "short" ? "st" : "lt");
    const ttl = kind === "short" ? SHORT_TTL_S : LONG_TTL_S;
    tokens.set(token, { grant, kind, expiresAt: Date.now() + ttl * 1000, issuedAt: Date.now() });
    return { token, ttl };
  };

  const refuses = (token: string | null, pageId?: string): Reply | null => {
    const entry = tokens.get(token ?? "");
    if (!entry) return graphError(190, "Invalid OAuth access token - Cannot parse access token");
    if (entry.grant.revoked) return graphError(190, `Error validating access token: The user has not authorized application ${options.client.id}.`, 458);
    if (entry.expiresAt <= Date.now()) return graphError(190, "Error validating access token: Session has expired.", 463);
    if (pageId !== undefined && entry.pageId !== pageId) return graphError(200, "(#200) The user hasn't authorized the application to perform this action");
    return null;
  };

  // The code exchange's refusals: Facebook's Graph error; Threads' flat one.
  const codeRefusal = (message: string, subcode?: number): Reply => {
    stats.refused++;
    return facebook ? graphError(100, message, subcode) : { status: 400, body: { error_type: "OAuthException", code: 400, error_message: message } };
  };

  const authorizePage = (query: URLSearchParams): Reply => {
    const error = (text: string) => ({ status: 400, raw: `<!doctype html><title>Error</title><p>${escape(text)}</p>` });
    if (query.get("client_id") !== options.client.id) return error("Invalid App ID: the provided app ID does not look like a valid app ID.");
    // Strict mode: the redirect URI must be one registered, exactly.
    if (!options.client.redirectUris.includes(query.get("redirect_uri") ?? "")) return error("URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.");
    if (!facebook && query.get("response_type") !== "code") return error("Invalid response_type: code is required.");
    const hidden = ["client_id", "redirect_uri", "state", "scope"].map((field) => `<input type="hidden" name="${field}" value="${escape(query.get(field) ?? "")}">`).join("");
    const scopes = (query.get("scope") ?? "").split(",").filter(Boolean);
    const assets = (options.assets ?? []).map((page) => `<label><input type="checkbox" name="pages" value="${escape(page.id)}" checked> ${escape(page.name)}</label><br>`).join("");
    return {
      status: 200,
      raw: `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><title>${name}</title></head><body style="font-family:sans-serif;max-width:30rem;margin:2rem auto"><h1>Authorize Rytm?</h1><p>${name}: Rytm asks to:</p><ul>${scopes.map((scope) => `<li><code>${escape(scope)}</code></li>`).join("")}</ul><form method="post" action="${options.paths.authorize}">${hidden}${assets ? `<fieldset><legend>Pages Rytm may use</legend>${assets}</fieldset>` : ""}<button name="decision" value="allow">Authorize app</button> <button name="decision" value="deny">Cancel</button></form></body></html>`,
    };
  };

  const consent = (form: URLSearchParams): Reply => {
    const redirectUri = form.get("redirect_uri") ?? "";
    if (!options.client.redirectUris.includes(redirectUri)) return { status: 400, raw: "<p>URL Blocked</p>" };
    const redirect = new URL(redirectUri);
    if (form.get("state")) redirect.searchParams.set("state", form.get("state")!);
    if (form.get("decision") !== "allow") {
      redirect.searchParams.set("error", "access_denied");
      if (facebook) redirect.searchParams.set("error_code", "200");
      redirect.searchParams.set("error_description", "Permissions error");
      redirect.searchParams.set("error_reason", "user_denied");
    } else {
      const code = secret("code");
      codes.set(code, { grant: { scope: form.get("scope") ?? "", revoked: false, pageTokens: new Map(), pages: new Set(form.getAll("pages")) }, redirectUri, issuedAt: Date.now(), used: false });
      stats.codes++;
      redirect.searchParams.set("code", code);
    }
    // Meta appends a fragment to the redirect; browsers keep it, servers never see it.
    return { status: 302, headers: { location: `${redirect.href}#_=_` } };
  };

  const codeExchange = (params: URLSearchParams): Reply => {
    if (params.get("client_id") !== options.client.id || params.get("client_secret") !== options.client.secret) {
      stats.refused++;
      return facebook ? graphError(1, "Error validating client secret.") : { status: 400, body: { error_type: "OAuthException", code: 400, error_message: "Error validating client secret." } };
    }
    if (!facebook && params.get("grant_type") !== "authorization_code") return codeRefusal("Unsupported grant_type");
    const code = codes.get(params.get("code") ?? "");
    if (!code) return codeRefusal("Invalid verification code format.");
    if (code.used) {
      // A code is good once; presented again, what it granted is withdrawn.
      code.grant.revoked = true;
      return codeRefusal("This authorization code has been used.", 36009);
    }
    if (Date.now() - code.issuedAt > CODE_TTL_MS) return codeRefusal("This authorization code has expired.", 36007);
    if (params.get("redirect_uri") !== code.redirectUri) return codeRefusal("Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request", 36008);
    code.used = true;
    stats.exchanges++;
    const { token, ttl } = issue(code.grant, "short");
    return { status: 200, body: facebook ? { access_token: token, token_type: "bearer", expires_in: ttl } : { access_token: token, user_id: 17841400000 } };
  };

  const longLivedExchange = (params: URLSearchParams): Reply => {
    if ((facebook && params.get("client_id") !== options.client.id) || params.get("client_secret") !== options.client.secret) {
      stats.refused++;
      return graphError(101, "Error validating application. Invalid application ID or secret.");
    }
    const presented = params.get(facebook ? "fb_exchange_token" : "access_token");
    const refused = refuses(presented);
    if (refused) {
      stats.refused++;
      return refused;
    }
    stats.longLived++;
    const { token, ttl } = issue(tokens.get(presented!)!.grant, "long");
    return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: ttl } };
  };

  const refresh = (params: URLSearchParams): Reply => {
    if (params.get("grant_type") !== "th_refresh_token") return graphError(100, "Unsupported grant_type");
    const presented = params.get("access_token");
    const refused = refuses(presented);
    if (refused || tokens.get(presented!)!.kind !== "long") {
      stats.refused++;
      return refused ?? graphError(190, "Only long-lived access tokens can be refreshed.");
    }
    stats.refreshes++;
    const { token, ttl } = issue(tokens.get(presented!)!.grant, "long");
    return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: ttl } };
  };

  // `token` (any token of the grant) or `code`: only that grant or code, so that tests running
  // beside each other against one fake do not steer each other's sign-ins.
  const control = (path: string, params: URLSearchParams): Reply => {
    const now = Date.now();
    const only = tokens.get(params.get("token") ?? "")?.grant;
    const entries = [...tokens.values()].filter((entry) => !params.has("token") || entry.grant === only);
    // The person removes the app in their settings: every token of the grant stops working.
    if (path === "/__fake/revoke-consent") for (const { grant } of entries) grant.revoked = true;
    // Long-lived tokens now run out within a day (inside the week Rytm renews them ahead).
    if (path === "/__fake/expire-soon") for (const entry of entries) if (entry.kind === "long") entry.expiresAt = now + 24 * 3600_000;
    if (path === "/__fake/expire-tokens") for (const entry of entries) if (entry.kind !== "page") entry.expiresAt = 0;
    if (path === "/__fake/age-codes") for (const [value, code] of codes) if (!params.has("code") || params.get("code") === value) code.issuedAt -= CODE_TTL_MS + 1;
    return { status: 200, body: { ...stats } };
  };

  return {
    stats,
    refuses,
    kindOf: (token) => tokens.get(token ?? "")?.kind ?? null,
    shares: (token, pageId) => tokens.get(token ?? "")?.grant.pages.has(pageId) ?? false,
    pageToken: (userToken, pageId) => {
      const user = tokens.get(userToken)!;
      const key = `${pageId}:${user.kind}`;
      let token = user.grant.pageTokens.get(key);
      if (!token) {
        token = secret("page");
        user.grant.pageTokens.set(key, token);
        tokens.set(token, { grant: user.grant, kind: "page", pageId, expiresAt: user.kind === "long" ? NEVER : user.expiresAt, issuedAt: Date.now() });
      }
      return token;
    },
    handle: (request) => {
      const url = new URL(request.path, "http://fake");
      // The form's fields (a field may repeat: the Pages ticked), then the query's others.
      const params = new URLSearchParams(request.method === "GET" ? "" : request.body);
      for (const [key, value] of url.searchParams) if (!params.has(key)) params.append(key, value);
      if (url.pathname.startsWith("/__fake/")) return control(url.pathname, params);
      if (url.pathname === options.paths.authorize) return request.method === "GET" ? authorizePage(params) : consent(params);
      // Facebook's one /oauth/access_token takes the code and, by grant_type, the long-lived exchange.
      if (url.pathname === options.paths.longLived && params.get("grant_type") === (facebook ? "fb_exchange_token" : "th_exchange_token")) return longLivedExchange(params);
      if (url.pathname === options.paths.token && (request.method === "POST" || facebook)) return codeExchange(params);
      if (url.pathname === options.paths.refresh && request.method === "GET") return refresh(params);
      // Facebook's token inspection: whose, what kind, until when (0: never).
      if (facebook && url.pathname === "/debug_token" && request.method === "GET") {
        const entry = tokens.get(params.get("input_token") ?? "");
        if (!entry) return { status: 200, body: { data: { is_valid: false, error: { code: 190, message: "Invalid OAuth access token." } } } };
        return { status: 200, body: { data: { app_id: options.client.id, type: entry.kind === "page" ? "PAGE" : "USER", is_valid: !refuses(params.get("input_token")), expires_at: entry.expiresAt === NEVER ? 0 : Math.floor(entry.expiresAt / 1000), scopes: entry.grant.scope.split(","), ...(entry.pageId ? { profile_id: entry.pageId } : {}) } } };
      }
      if (url.pathname === options.paths.deauthorize && request.method === "DELETE") {
        const token = params.get("access_token") ?? /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? null;
        const refused = refuses(token);
        if (refused) return refused;
        tokens.get(token!)!.grant.revoked = true;
        stats.deauthorizations++;
        return { status: 200, body: { success: true } };
      }
      return null;
    },
  };
}
