// A Bluesky session (com.atproto.server.*): signing in with an app password gives an access
// JWT (about two hours) and a refresh JWT (months) that refreshSession trades for a new pair,
// the old refresh JWT then spent. Rytm keeps the pair, never the password, and refreshes it
// through the channel's single-flight refresh (token-refresh.server.ts, decision 0034).
import { z } from "zod";

const TIMEOUT_MS = 20_000;

export type BlueskySession = { accessJwt: string; refreshJwt: string; did: string; handle: string };

const sessionSchema = z.object({ accessJwt: z.string().min(1), refreshJwt: z.string().min(1), did: z.string().min(1), handle: z.string().min(1) });
const errorSchema = z.object({ error: z.string().optional(), message: z.string().optional() });

/** Why the PDS said no: a wrong password, a refusal that only signing in again fixes, its rate limit, or it could not be asked. */
export class SessionError extends Error {
  constructor(
    readonly reason: "password" | "two-factor" | "refused" | "rate-limited" | "unreachable",
    message: string,
  ) {
    super(message);
  }
}

async function call(pds: string, method: string, init: RequestInit): Promise<BlueskySession> {
  const response = await fetch(`${pds}/xrpc/${method}`, { ...init, method: "POST", redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((error: Error) => {
    throw new SessionError("unreachable", `${new URL(pds).host} could not be reached (${error.message}).`);
  });
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok) {
    const session = sessionSchema.safeParse(body);
    if (session.success) return session.data;
    throw new SessionError("unreachable", `${new URL(pds).host} did not answer as a Bluesky PDS does.`);
  }
  const { error = "", message = "" } = errorSchema.safeParse(body).data ?? {};
  if (response.status === 429 || error === "RateLimitExceeded") throw new SessionError("rate-limited", "Bluesky's sign-in rate limit was reached.");
  if (error === "AuthFactorTokenRequired") throw new SessionError("two-factor", "This account asks for a sign-in code: use an app password instead of the account's password.");
  if (response.status === 401 || ["AuthenticationRequired", "ExpiredToken", "InvalidToken", "AccountTakedown", "AccountDeactivated"].includes(error)) {
    throw new SessionError(method.endsWith("createSession") && error === "AuthenticationRequired" ? "password" : "refused", `${error || response.status}: ${message}`);
  }
  throw new SessionError("unreachable", `${new URL(pds).host} answered ${response.status} ${error}`.trim());
}

export function createSession(pds: string, identifier: string, password: string): Promise<BlueskySession> {
  return call(pds, "com.atproto.server.createSession", { headers: { "content-type": "application/json" }, body: JSON.stringify({ identifier, password }) });
}

export function refreshSession(pds: string, refreshJwt: string): Promise<BlueskySession> {
  return call(pds, "com.atproto.server.refreshSession", { headers: { authorization: `Bearer ${refreshJwt}` } });
}

/** Ends the session at the PDS (disconnecting); false when it could not. */
export async function deleteSession(pds: string, refreshJwt: string): Promise<boolean> {
  const response = await fetch(`${pds}/xrpc/com.atproto.server.deleteSession`, { method: "POST", headers: { authorization: `Bearer ${refreshJwt}` }, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(() => null);
  return Boolean(response?.ok);
}

/** When a JWT expires (its `exp`), as an ISO time; null when it does not say. */
export function jwtExpiry(jwt: string): string | null {
  const payload = jwt.split(".")[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, "base64url").toString()) as { exp?: unknown }).exp;
    return typeof exp === "number" ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

/** A session as a channel stores it (encrypted): `via` tells the worker to refresh it and to ask for a reconnect when it is refused. */
export const sessionCredentials = (session: BlueskySession): Record<string, string> => {
  const expiresAt = jwtExpiry(session.accessJwt);
  return { token: session.accessJwt, refreshToken: session.refreshJwt, ...(expiresAt ? { expiresAt } : {}), did: session.did, handle: session.handle, via: "app-password" };
};
