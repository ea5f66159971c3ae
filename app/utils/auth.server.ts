// Who is asking: sign-up, sign-in, sign-out and the guards loaders call first.
import { redirect } from "@remix-run/node";
import { isUniqueViolation, prisma } from "./db.server";
import { decoyHash, hashPassword, verifyPassword } from "./password.server";
import { rememberDevice } from "./device-cookie.server";
import { SESSION_DAYS, getCookieSession, sessionStorage } from "./session.server";
import { type SignInAttempt, clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-throttle.server";

export type SessionUser = { id: string; email: string; name: string; locale: string | null; twoFactor: boolean };

// A session's "last seen" is written at most this often, not on every request.
const LAST_SEEN_EVERY_MS = 5 * 60_000;

// The root, the layout and the page each ask who is asking; one request asks the database once.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = lookUpUser(request);
    usersByRequest.set(request, user);
  }
  return user;
}

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const cookie = await getCookieSession(request);
  const sessionId = cookie.get("sessionId");
  if (!sessionId) return null;
  const session = await prisma.session.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() } },
    select: { lastSeenAt: true, user: { select: { id: true, email: true, name: true, locale: true, totpEnabledAt: true } } },
  });
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    // Not awaited: the page does not wait for bookkeeping.
    void prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date() } }).catch(() => {});
  }
  const { totpEnabledAt, ...user } = session.user;
  return { ...user, twoFactor: totpEnabledAt !== null };
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/");
}

/** Creates a session row and returns the Set-Cookie header value that carries it. */
export async function startSession(request: Request, userId: string): Promise<string> {
  const session = await prisma.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000),
      userAgent: request.headers.get("User-Agent")?.slice(0, 500) || null,
    },
    select: { id: true },
  });
  const cookie = await getCookieSession(request);
  cookie.set("sessionId", session.id);
  cookie.unset("pendingUserId");
  cookie.unset("pendingUntil");
  cookie.unset("pendingRedirectTo");
  return sessionStorage().commitSession(cookie);
}

/** Signed in for good: the session, and this browser remembered as a device of the account. */
export async function signedInHeaders(request: Request, user: { id: string; email: string }): Promise<Headers> {
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, user.id));
  headers.append("Set-Cookie", await rememberDevice(request, user.email));
  return headers;
}

// Between the password and the two-factor code: who passed the password, until when, and
// where they were going. Kept in the signed cookie, so nothing is stored for a half sign-in.
const SECOND_FACTOR_MINUTES = 10;

export async function awaitSecondFactor(request: Request, userId: string, redirectTo: string | undefined): Promise<string> {
  const cookie = await getCookieSession(request);
  cookie.set("pendingUserId", userId);
  cookie.set("pendingUntil", Date.now() + SECOND_FACTOR_MINUTES * 60_000);
  cookie.set("pendingRedirectTo", redirectTo ?? "/");
  return sessionStorage().commitSession(cookie);
}

/** The person who passed the password and still owes a code, or null (none, or too late). */
export async function pendingSecondFactor(request: Request): Promise<{ userId: string; redirectTo: string } | null> {
  const cookie = await getCookieSession(request);
  const userId = cookie.get("pendingUserId");
  const until = cookie.get("pendingUntil");
  if (!userId || typeof until !== "number" || until < Date.now()) return null;
  return { userId, redirectTo: cookie.get("pendingRedirectTo") ?? "/" };
}

export async function endSession(request: Request): Promise<string> {
  const cookie = await getCookieSession(request);
  const sessionId = cookie.get("sessionId");
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  return sessionStorage().destroySession(cookie);
}

export type SignInResult =
  | { ok: true; userId: string; email: string; twoFactor: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function verifySignIn(attempt: SignInAttempt & { password: string }): Promise<SignInResult> {
  const retryAfterSeconds = await signInRetryAfter(attempt);
  if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };
  const user = await prisma.user.findUnique({ where: { email: attempt.email }, select: { id: true, email: true, passwordHash: true, totpEnabledAt: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), attempt.password);
  if (!user || !valid) {
    await recordFailedSignIn(attempt);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedSignIns(attempt);
  return { ok: true, userId: user.id, email: user.email, twoFactor: user.totpEnabledAt !== null };
}

/** Returns null when the e-mail address already has an account. The address was proven by the link that led here. */
export async function createUser(input: { email: string; name: string; password: string; locale: string | null }) {
  const passwordHash = await hashPassword(input.password);
  return prisma.user
    .create({
      data: { email: input.email, name: input.name, passwordHash, locale: input.locale, emailVerifiedAt: new Date() },
      select: { id: true, email: true },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
}

/** A local path to go back to after signing in; anything else (another site) is dropped. */
export { safeRedirect } from "~/domain/safe-redirect";

/** The id of the session this request is signed in with (for "this browser" and keeping it). */
export async function currentSessionId(request: Request): Promise<string | undefined> {
  return (await getCookieSession(request)).get("sessionId");
}
