// Keeping a channel's sign-in alive (decision 0034). A token is refreshed a little ahead of
// its expiry and again when the network answers 401, by one process at a time across every
// worker and web process: a Redis lock says who refreshes, and the channel's
// `credentialsVersion` makes storing the new tokens a compare-and-set, so a rotating refresh
// token (X) is never redeemed twice. Everyone else waits for the new version and reads it.
// A grant the network refuses (expired, revoked) puts the channel in "needs reconnect".
// A Bluesky session (an app password's access and refresh JWTs) lives the same way.
import { randomUUID } from "node:crypto";
import { OAuth2RequestError } from "arctic";
import { channelGrantRow, channelsHoldingGrants, markNeedsReconnect, storeRefreshedCredentials } from "~/models/channel.server";
import { decrypt, encrypt } from "~/utils/encryption.server";
import { redis, redisKey } from "~/utils/redis.server";
import { type Grant, type OAuthNetwork, isOAuthNetwork, refreshAheadMs, refreshGrant, refreshable, renewedFromLiveToken, signedInCredentials } from "./oauth.server";
import { SessionError, refreshSession, sessionCredentials } from "./bluesky/session.server";

/** Refreshed this long before the network says the token expires. */
export const REFRESH_AHEAD_MS = 5 * 60_000;
const LOCK_MS = 30_000;
const WAIT_MS = 45_000;

export type FreshCredentials =
  | { kind: "ok"; credentials: Record<string, string>; version: number }
  | { kind: "needs-reconnect" }
  /** The network could not be asked (down, timed out): try again later, nothing is lost. */
  | { kind: "unavailable"; message: string };

const parse = (sealed: string | null): Record<string, string> => {
  if (!sealed) return {};
  const plain = decrypt(sealed);
  try {
    return JSON.parse(plain) as Record<string, string>;
  } catch {
    return { token: plain };
  }
};

/** Whether a channel's credentials expire within its network's margin (never, without an expiry). */
export const expiresSoon = (network: string, credentials: Record<string, string>, now = Date.now()) => {
  const at = credentials.expiresAt ? Date.parse(credentials.expiresAt) : NaN;
  return Number.isFinite(at) && at - now < refreshAheadMs(network, REFRESH_AHEAD_MS);
};

/** Connected by signing in (OAuth, or a Bluesky app password): refreshed by Rytm, and a refusal means reconnecting. */
export const isSignedIn = (credentials: Record<string, string>) => credentials.via === "oauth" || credentials.via === "app-password";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

// One refresh in flight per channel in this process; the Redis lock extends it to all processes.
const inFlight = new Map<string, Promise<FreshCredentials>>();

/**
 * The channel's credentials, refreshed first when they expire soon, or when `rejectedVersion`
 * (the version a 401 was answered to) is still the stored one.
 */
export function freshCredentials(channelId: string, rejectedVersion?: number): Promise<FreshCredentials> {
  const key = `${channelId}:${rejectedVersion ?? "ahead"}`;
  let running = inFlight.get(key);
  if (!running) {
    running = refresh(channelId, rejectedVersion).finally(() => inFlight.delete(key));
    inFlight.set(key, running);
  }
  return running;
}

async function refresh(channelId: string, rejectedVersion: number | undefined): Promise<FreshCredentials> {
  const deadline = Date.now() + WAIT_MS;
  const lock = redisKey("channel-refresh", channelId);
  for (;;) {
    const row = await channelGrantRow(channelId);
    if (!row) return { kind: "unavailable", message: "The channel no longer exists." };
    if (row.needsReconnect) return { kind: "needs-reconnect" };
    const credentials = parse(row.credentials);
    const needed = rejectedVersion === undefined ? expiresSoon(row.network, credentials) : row.credentialsVersion === rejectedVersion;
    if (!needed) return { kind: "ok", credentials, version: row.credentialsVersion };
    const network = row.network;
    if (!((isOAuthNetwork(network) && refreshable(network, credentials)) || (network === "bluesky" && credentials.refreshToken))) {
      // Nothing to refresh with: a token the network refuses can only be replaced by signing in again.
      if (rejectedVersion !== undefined) {
        await markNeedsReconnect(channelId, row.credentialsVersion);
        return { kind: "needs-reconnect" };
      }
      return { kind: "ok", credentials, version: row.credentialsVersion };
    }
    const owner = randomUUID();
    if ((await redis().set(lock, owner, "PX", LOCK_MS, "NX")) !== "OK") {
      // Another process is refreshing: wait for its new version, then read it.
      if (Date.now() > deadline) return { kind: "unavailable", message: "Another process has been refreshing the channel's sign-in for too long." };
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
      continue;
    }
    try {
      // Under the lock, read again: the holder before us may have just stored a new version.
      const current = await channelGrantRow(channelId);
      if (!current || current.credentialsVersion !== row.credentialsVersion || current.needsReconnect) continue;
      return await redeem(channelId, network, row.settings as Record<string, unknown>, credentials as Grant & Record<string, string>, row.credentialsVersion);
    } finally {
      await redis().eval(RELEASE, 1, lock, owner);
    }
  }
}

async function redeem(channelId: string, network: OAuthNetwork | "bluesky", settings: Record<string, unknown>, grant: Grant & Record<string, string>, version: number): Promise<FreshCredentials> {
  const instance = typeof settings.instanceUrl === "string" ? settings.instanceUrl : null;
  let credentials: Record<string, string>;
  try {
    credentials =
      network === "bluesky"
        ? sessionCredentials(await refreshSession(String(settings.service), grant.refreshToken!))
        : signedInCredentials(await refreshGrant(network, instance, grant));
  } catch (error) {
    const refused =
      (error instanceof OAuth2RequestError && (error.code === "invalid_grant" || error.code === "unauthorized_client")) ||
      // A revoked app password, or a refresh JWT expired or spent: only signing in again helps.
      (error instanceof SessionError && (error.reason === "refused" || error.reason === "password"));
    if (refused) {
      await markNeedsReconnect(channelId, version);
      return { kind: "needs-reconnect" };
    }
    return { kind: "unavailable", message: `The network could not refresh the sign-in: ${(error as Error).message}` };
  }
  if (!(await storeRefreshedCredentials(channelId, version, encrypt(JSON.stringify(credentials))))) {
    // Only a lock that expired mid-refresh gets here; the stored version wins, ours is dropped.
    const row = await channelGrantRow(channelId);
    return row && !row.needsReconnect ? { kind: "ok", credentials: parse(row.credentials), version: row.credentialsVersion } : { kind: "needs-reconnect" };
  }
  return { kind: "ok", credentials, version: version + 1 };
}

/**
 * The worker's hourly renewal of tokens that can only be renewed while they are live
 * (Threads): a channel with nothing planned would otherwise lose its sign-in after 60 days.
 * Each renewal takes the same single flight as a send, so it never races one.
 */
export async function renewExpiringGrants(): Promise<{ renewed: number; needsReconnect: number; unavailable: number }> {
  const counts = { renewed: 0, needsReconnect: 0, unavailable: 0 };
  for (const channel of await channelsHoldingGrants(renewedFromLiveToken())) {
    const credentials = parse(channel.credentials);
    if (credentials.via !== "oauth" || !expiresSoon(channel.network, credentials)) continue;
    const fresh = await freshCredentials(channel.id);
    if (fresh.kind === "ok") counts.renewed++;
    else if (fresh.kind === "needs-reconnect") counts.needsReconnect++;
    else counts.unavailable++;
  }
  return counts;
}
