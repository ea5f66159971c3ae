// Connecting a channel by OAuth 2.0 (decision 0033): the authorization code flow with PKCE
// through arctic's generic client, against each network's endpoints (its module's). The
// `state` and the PKCE verifier wait in Redis for ten minutes, bound to the browser session
// that started the flow, and are taken once; the tokens and the accounts they reach wait
// there too (encrypted), until the person picks which account becomes a channel.
import { randomBytes } from "node:crypto";
import { CodeChallengeMethod, OAuth2Client, OAuth2RequestError, OAuth2Tokens, generateCodeVerifier, generateState } from "arctic";
import { findOAuthApp, saveOAuthApp } from "~/models/oauth-app.server";
import { mailOrigin } from "~/models/outbox.server";
import { decrypt, encrypt } from "~/utils/encryption.server";
import { env } from "~/utils/env.server";
import { assertPublicHost } from "~/utils/public-address.server";
import { redis, redisKey } from "~/utils/redis.server";
import { facebookAccounts } from "./facebook/accounts.server";
import { instagramAccounts } from "./instagram/accounts.server";
import { linkedinAccounts } from "./linkedin/accounts.server";
import { mastodonAccounts } from "./mastodon/accounts.server";
import type { OAuthSettings } from "./network-module";
import { networkModules } from "./networks";
import { threadsAccounts } from "./threads/accounts.server";
import { tiktokAccounts } from "./tiktok/accounts.server";
import { xAccounts } from "./x/accounts.server";

/**
 * One account, page or organisation the consent reaches: what becomes a channel if picked.
 * `token`: the account's own token, which the channel keeps instead of the grant (a Facebook
 * Page's, which Instagram publishes with too).
 */
export type ConnectableAccount = { id: string; name: string; settings: Record<string, unknown>; token?: string };

/** The networks that connect through this flow, and how each lists what a consent reaches. */
export const oauthNetworks = {
  x: { accounts: (token: string, base: string) => xAccounts(token, base) },
  linkedin: { accounts: (token: string, base: string) => linkedinAccounts(token, base) },
  mastodon: { accounts: (token: string, base: string) => mastodonAccounts(token, base) },
  facebook: { accounts: (token: string, base: string) => facebookAccounts(token, base) },
  instagram: { accounts: (token: string, base: string) => instagramAccounts(token, base) },
  threads: { accounts: (token: string, base: string) => threadsAccounts(token, base) },
  tiktok: { accounts: (token: string, base: string) => tiktokAccounts(token, base) },
} as const;

export type OAuthNetwork = keyof typeof oauthNetworks;

export const isOAuthNetwork = (value: unknown): value is OAuthNetwork => typeof value === "string" && Object.hasOwn(oauthNetworks, value);

const TTL_SECONDS = 600;

const settingsOf = (network: OAuthNetwork): OAuthSettings => {
  const { connection } = networkModules[network];
  if (connection.method !== "oauth" || !connection.oauth) throw new Error(`${network} has no OAuth settings`);
  return connection.oauth;
};

/** Exactly the address registered with the network: ${APP_URL}/oauth/<network>/callback (http://HOST:PORT locally, as mails link). */
export const redirectUri = (network: OAuthNetwork) => `${mailOrigin()}/oauth/${network}/callback`;

/** The origin of a proxy or test double in front of the network (X_API_URL…), or null. */
function apiOverride(network: OAuthNetwork): string | null {
  const oauth = settingsOf(network);
  if (!("env" in oauth.app)) return null;
  const value = env()[`${oauth.app.env}_API_URL`];
  return value ? value.replace(/\/+$/, "") : null;
}

/** Rytm's app at the network from the environment; null when this server has none (Mastodon registers on each instance). */
function serverApp(network: OAuthNetwork): { clientId: string; clientSecret: string } | null {
  const oauth = settingsOf(network);
  if (!("env" in oauth.app)) return { clientId: "", clientSecret: "" };
  const variables = env() as Record<string, unknown>;
  const id = variables[`${oauth.app.env}_${oauth.clientIdName === "client_key" ? "CLIENT_KEY" : "CLIENT_ID"}`];
  const secret = variables[`${oauth.app.env}_CLIENT_SECRET`];
  return typeof id === "string" && typeof secret === "string" && id && secret ? { clientId: id, clientSecret: secret } : null;
}

/** Whether this server can connect the network (its app is configured), for the channels page. */
export const isSetUp = (network: OAuthNetwork) => serverApp(network) !== null;

/** An endpoint as this server reaches it: on the instance (Mastodon), or through the override. */
function endpoint(network: OAuthNetwork, url: string, instance: string | null): string {
  if (instance) return new URL(url, instance).href;
  const override = apiOverride(network);
  if (!override) return url;
  const real = new URL(url);
  return `${override}${real.pathname}${real.search}`;
}

/** The base URL the account listing and the adapter call: the instance, the override, or the network's API host. */
function apiBase(network: OAuthNetwork, instance: string | null): string {
  if (instance) return instance;
  const oauth = settingsOf(network);
  return apiOverride(network) ?? oauth.api ?? new URL(oauth.endpoints.token).origin.replace("://www.", "://api.");
}

export class ConnectError extends Error {
  constructor(
    readonly reason: "not-set-up" | "instance" | "state" | "denied" | "refused" | "unreachable",
    message: string,
  ) {
    super(message);
  }
}

/** Rytm's app on one Mastodon instance, registered on first use and kept (OAuthApp). */
async function instanceApp(network: OAuthNetwork, instance: string): Promise<{ clientId: string; clientSecret: string }> {
  const redirect = redirectUri(network);
  const known = await findOAuthApp(instance, redirect);
  if (known) return { clientId: known.clientId, clientSecret: decrypt(known.clientSecret) };
  const response = await fetch(`${instance}/api/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "Rytm", redirect_uris: redirect, scopes: settingsOf(network).scopes.join(" "), ...(env().APP_URL ? { website: env().APP_URL } : {}) }),
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
  }).catch((error: Error) => {
    throw new ConnectError("instance", `${instance} could not be reached (${error.message}).`);
  });
  if (!response.ok) throw new ConnectError("instance", `${instance} refused to register Rytm (${response.status}); is it a Mastodon instance?`);
  const app = (await response.json()) as { client_id?: string; client_secret?: string };
  if (!app.client_id || !app.client_secret) throw new ConnectError("instance", `${instance} did not answer as a Mastodon instance does.`);
  await saveOAuthApp({ origin: instance, redirectUri: redirect, clientId: app.client_id, clientSecret: encrypt(app.client_secret) });
  return { clientId: app.client_id, clientSecret: app.client_secret };
}

async function appFor(network: OAuthNetwork, instance: string | null) {
  const configured = serverApp(network);
  if (!configured) throw new ConnectError("not-set-up", `${networkModules[network].name} is not set up on this server.`);
  return instance ? instanceApp(network, instance) : configured;
}

/** An instance address as typed → its origin, once it is known to be a public host. */
export async function instanceOrigin(typed: string): Promise<string> {
  const origin = new URL(typed).origin.toLowerCase();
  try {
    await assertPublicHost(origin);
  } catch (error) {
    throw new ConnectError("instance", `${origin} cannot be used: ${(error as Error).message}.`);
  }
  return origin;
}

type PendingState = { sessionId: string; workspaceId: string; slug: string; network: OAuthNetwork; verifier: string; instance: string | null; channelId: string | null };

/** Starts a connection (or a reconnection of `channelId`): the network's authorize URL to send the browser to. */
export async function startConnection(input: Omit<PendingState, "verifier">): Promise<string> {
  const app = await appFor(input.network, input.instance);
  const oauth = settingsOf(input.network);
  const client = new OAuth2Client(app.clientId, app.clientSecret, redirectUri(input.network));
  const state = generateState();
  const verifier = generateCodeVerifier();
  const authorize = endpoint(input.network, oauth.endpoints.authorize, input.instance);
  const url =
    oauth.pkce === "S256"
      ? client.createAuthorizationURLWithPKCE(authorize, state, CodeChallengeMethod.S256, verifier, [...oauth.scopes])
      : client.createAuthorizationURL(authorize, state, [...oauth.scopes]);
  if (oauth.clientIdName) {
    url.searchParams.delete("client_id");
    url.searchParams.set(oauth.clientIdName, app.clientId);
  }
  if (oauth.scopeSeparator) url.searchParams.set("scope", oauth.scopes.join(oauth.scopeSeparator));
  const pending: PendingState = { ...input, verifier };
  await redis().set(redisKey("oauth-state", state), JSON.stringify(pending), "EX", TTL_SECONDS);
  return url.href;
}

export type Grant = { token: string; refreshToken?: string; expiresAt?: string };

/** A grant as a channel stores it: `via` tells the worker to refresh it and to ask for a reconnect when it is refused (a pasted token only fails). */
export const signedInCredentials = (grant: Grant): Record<string, string> => ({ ...grant, via: "oauth" });

const grantOf = (tokens: OAuth2Tokens): Grant => ({
  token: tokens.accessToken(),
  ...(tokens.hasRefreshToken() ? { refreshToken: tokens.refreshToken() } : {}),
  ...("expires_in" in tokens.data ? { expiresAt: tokens.accessTokenExpiresAt().toISOString() } : {}),
});

/**
 * Meta's token endpoints answer with a Graph error (`{error: {type: "OAuthException", code,
 * message}}`, or Threads' flat `error_type`/`error_message`): as arctic's error, with code 100
 * (a code expired, used or not this redirect's) and 190 (a token revoked or expired) read as
 * `invalid_grant`, so the rest of the flow treats them as OAuth's.
 */
function graphTokenError(data: Record<string, unknown>): OAuth2RequestError | null {
  const nested = typeof data.error === "object" && data.error !== null ? (data.error as Record<string, unknown>) : null;
  const flat = typeof data.error_type === "string" ? data : null;
  const error = nested ?? flat;
  if (!error) return null;
  const code = Number(error.code);
  const message = String(error.message ?? error.error_message ?? "");
  return new OAuth2RequestError(code === 100 || code === 190 ? "invalid_grant" : `graph_${Number.isFinite(code) ? code : "error"}`, message || null, null, null);
}

/** Reads a token endpoint's answer: the tokens, or why it refused. */
async function tokensFrom(response: Response): Promise<OAuth2Tokens> {
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (typeof data.error === "string") throw new OAuth2RequestError(data.error, typeof data.error_description === "string" ? data.error_description : null, null, null);
  const graph = graphTokenError(data);
  if (graph) throw graph;
  if (!response.ok || typeof data.access_token !== "string") throw new Error(`The token endpoint answered ${response.status}`);
  return new OAuth2Tokens(data);
}

/** A token request with the client secret in the form: arctic's generic client sends it only by HTTP Basic, and LinkedIn, Meta and TikTok take only this. */
async function postTokenRequest(network: OAuthNetwork, url: string, app: { clientId: string; clientSecret: string }, body: Record<string, string>): Promise<OAuth2Tokens> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ ...body, [settingsOf(network).clientIdName ?? "client_id"]: app.clientId, client_secret: app.clientSecret }),
    signal: AbortSignal.timeout(20_000),
  });
  return tokensFrom(response);
}

/** Meta's own token exchanges (long-lived, and Threads' refresh): a GET with the live token in the query. */
async function getTokenExchange(url: string, query: Record<string, string>): Promise<OAuth2Tokens> {
  return tokensFrom(await fetch(`${url}?${new URLSearchParams(query)}`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(20_000) }));
}

/** The short-lived token a Meta code gives, exchanged for the long-lived one (Facebook: 60 days, its Pages' tokens then never expire; Threads: 60 days). */
async function longLived(network: OAuthNetwork, app: { clientId: string; clientSecret: string }, grant: Grant): Promise<Grant> {
  const exchange = settingsOf(network).longLived;
  if (!exchange) return grant;
  const query = { grant_type: exchange.grantType, ...(exchange.sendsClientId ? { client_id: app.clientId } : {}), client_secret: app.clientSecret, [exchange.tokenParam]: grant.token };
  return grantOf(await getTokenExchange(endpoint(network, exchange.url, null), query));
}

async function exchange(network: OAuthNetwork, app: { clientId: string; clientSecret: string }, instance: string | null, code: string, verifier: string): Promise<Grant> {
  const oauth = settingsOf(network);
  const url = endpoint(network, oauth.endpoints.token, instance);
  if (oauth.clientAuth === "post") {
    const pkce: Record<string, string> = oauth.pkce === "S256" ? { code_verifier: verifier } : {};
    return longLived(network, app, grantOf(await postTokenRequest(network, url, app, { grant_type: "authorization_code", code, redirect_uri: redirectUri(network), ...pkce })));
  }
  const client = new OAuth2Client(app.clientId, app.clientSecret, redirectUri(network));
  return grantOf(await client.validateAuthorizationCode(url, code, oauth.pkce === "S256" ? verifier : null));
}

/** Whether a grant can be renewed without the person: a refresh token, or a live token the network exchanges for a new one (Threads). */
export function refreshable(network: OAuthNetwork, grant: Partial<Grant>): boolean {
  return Boolean(grant.refreshToken) || (settingsOf(network).refresh.kind === "exchange" && Boolean(grant.token));
}

/** The networks whose grants are renewed from the live token (Threads): a channel that posts nothing must still be renewed before its token runs out. */
export const renewedFromLiveToken = (): OAuthNetwork[] => (Object.keys(oauthNetworks) as OAuthNetwork[]).filter((network) => settingsOf(network).refresh.kind === "exchange");

/** How long before its expiry a grant is renewed: the network's own margin (Threads: a week), or the default. */
export function refreshAheadMs(network: string, fallback: number): number {
  if (!isOAuthNetwork(network)) return fallback;
  const { refresh } = settingsOf(network);
  return refresh.kind === "exchange" ? refresh.aheadMs : fallback;
}

/** Renews a grant at the network (its refresh token, or Threads' exchange); arctic's OAuth2RequestError says why it was refused. */
export async function refreshGrant(network: OAuthNetwork, instance: string | null, grant: Grant): Promise<Grant> {
  const oauth = settingsOf(network);
  const app = await appFor(network, instance);
  if (oauth.refresh.kind === "exchange") return grantOf(await getTokenExchange(endpoint(network, oauth.refresh.url, instance), { grant_type: oauth.refresh.grantType, access_token: grant.token }));
  const refreshToken = grant.refreshToken;
  if (!refreshToken) throw new Error(`${networkModules[network].name}: nothing to refresh the sign-in with`);
  const url = endpoint(network, oauth.endpoints.token, instance);
  const renewed =
    oauth.clientAuth === "post"
      ? grantOf(await postTokenRequest(network, url, app, { grant_type: "refresh_token", refresh_token: refreshToken }))
      : grantOf(await new OAuth2Client(app.clientId, app.clientSecret, null).refreshAccessToken(url, refreshToken, []));
  // A network that does not rotate answers without a refresh token: the old one stays.
  return { refreshToken, ...renewed };
}

/** Revokes a grant at the network where it has an endpoint; false when it has none or refused. */
export async function revokeGrant(network: OAuthNetwork, instance: string | null, grant: Grant): Promise<boolean> {
  const oauth = settingsOf(network);
  if (!oauth.endpoints.revoke) return false;
  const app = await appFor(network, instance);
  const url = endpoint(network, oauth.endpoints.revoke, instance);
  const token = oauth.revokes === "access-token" ? grant.token : (grant.refreshToken ?? grant.token);
  try {
    if (oauth.clientAuth === "post") {
      const form = new URLSearchParams({ token, [oauth.clientIdName ?? "client_id"]: app.clientId, client_secret: app.clientSecret });
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form, signal: AbortSignal.timeout(20_000) });
      return response.ok;
    }
    await new OAuth2Client(app.clientId, app.clientSecret, null).revokeToken(url, token);
    return true;
  } catch {
    return false;
  }
}

export type PendingConnection = { id: string; workspaceId: string; slug: string; network: OAuthNetwork; channelId: string | null; accounts: ConnectableAccount[] };

/** `accountTokens`: the accounts' own tokens (Facebook Pages'), encrypted like the grant. */
type StoredConnection = PendingConnection & { sessionId: string; grant: string; accountTokens: string; base: string; instance: string | null };

/**
 * The network sent the browser back: the state is taken (once), checked against this
 * session, the code exchanged, and the accounts it reaches listed for the picker.
 */
export async function finishConnection(network: OAuthNetwork, sessionId: string, query: URLSearchParams): Promise<PendingConnection> {
  const state = query.get("state") ?? "";
  const stored = state ? await redis().getdel(redisKey("oauth-state", state)) : null;
  const pending = stored ? (JSON.parse(stored) as PendingState) : null;
  if (!pending || pending.sessionId !== sessionId || pending.network !== network) throw new ConnectError("state", "This sign-in link has expired, was used already, or was started in another browser.");
  if (query.get("error")) throw new ConnectError("denied", `${networkModules[network].name} did not give access (${query.get("error")}).`);
  const code = query.get("code");
  if (!code) throw new ConnectError("refused", "The network sent no authorization code.");
  const app = await appFor(network, pending.instance);
  let grant: Grant;
  try {
    grant = await exchange(network, app, pending.instance, code, pending.verifier);
  } catch (error) {
    if (error instanceof OAuth2RequestError) throw new ConnectError("refused", `${networkModules[network].name} refused the authorization code: ${error.code}${error.description ? ` (${error.description})` : ""}.`);
    throw new ConnectError("unreachable", `${networkModules[network].name} could not be reached to finish connecting.`);
  }
  const base = apiBase(network, pending.instance);
  const accounts = await oauthNetworks[network].accounts(grant.token, base).catch((error: Error) => {
    throw new ConnectError("unreachable", `${networkModules[network].name} did not list the accounts: ${error.message}.`);
  });
  const connection: StoredConnection = {
    id: randomBytes(16).toString("base64url"),
    workspaceId: pending.workspaceId,
    slug: pending.slug,
    network,
    channelId: pending.channelId,
    accounts: accounts.map(({ token: _token, ...account }) => account),
    sessionId,
    grant: encrypt(JSON.stringify(grant)),
    accountTokens: encrypt(JSON.stringify(Object.fromEntries(accounts.flatMap((account) => (account.token ? [[account.id, account.token]] : []))))),
    base,
    instance: pending.instance,
  };
  await redis().set(redisKey("oauth-pending", connection.id), JSON.stringify(connection), "EX", TTL_SECONDS);
  return connection;
}

/** The connection waiting for a pick, if it belongs to this session and workspace. */
export async function pendingConnection(id: string, sessionId: string, workspaceId: string): Promise<PendingConnection | null> {
  const stored = await redis().get(redisKey("oauth-pending", id));
  const connection = stored ? (JSON.parse(stored) as StoredConnection) : null;
  if (!connection || connection.sessionId !== sessionId || connection.workspaceId !== workspaceId) return null;
  const { grant: _grant, accountTokens: _tokens, sessionId: _session, base: _base, instance: _instance, ...shown } = connection;
  return shown;
}

/** Takes the pending connection (once) with the picked account: what a channel is made of. */
export async function takeConnection(id: string, sessionId: string, workspaceId: string, accountId: string) {
  const stored = await redis().getdel(redisKey("oauth-pending", id));
  const connection = stored ? (JSON.parse(stored) as StoredConnection) : null;
  if (!connection || connection.sessionId !== sessionId || connection.workspaceId !== workspaceId) return null;
  const account = connection.accounts.find((candidate) => candidate.id === accountId);
  if (!account) return null;
  const own = (JSON.parse(decrypt(connection.accountTokens)) as Record<string, string>)[account.id];
  // A Page's token stands for the Page; the person's own grant is not kept.
  const grant = own ? { token: own } : (JSON.parse(decrypt(connection.grant)) as Grant);
  // The channel's adapter calls the same base the accounts were listed from.
  const settings = connection.instance ? account.settings : { ...account.settings, ...(apiOverride(connection.network) ? { apiBase: connection.base } : {}) };
  return { network: connection.network, channelId: connection.channelId, name: account.name, settings, credentials: signedInCredentials(grant) };
}
