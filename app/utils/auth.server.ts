// Who is asking: sign-up, sign-in, sign-out and the guards loaders call first.
import { redirect } from "@remix-run/node";
import { isUniqueViolation, prisma } from "./db.server";
import { decoyHash, hashPassword, verifyPassword } from "./password.server";
import { SESSION_DAYS, getCookieSession, sessionStorage } from "./session.server";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-throttle.server";

export type SessionUser = { id: string; email: string; name: string; locale: string | null };

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
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  return session?.user ?? null;
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
    data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000) },
    select: { id: true },
  });
  const cookie = await getCookieSession(request);
  cookie.set("sessionId", session.id);
  return sessionStorage().commitSession(cookie);
}

export async function endSession(request: Request): Promise<string> {
  const cookie = await getCookieSession(request);
  const sessionId = cookie.get("sessionId");
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  return sessionStorage().destroySession(cookie);
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function verifySignIn(email: string, password: string, address: string): Promise<SignInResult> {
  const retryAfterSeconds = await signInRetryAfter(email, address);
  if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !valid) {
    await recordFailedSignIn(email, address);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedSignIns(email, address);
  return { ok: true, userId: user.id };
}

/** Returns null when the e-mail address already has an account. */
export async function createUser(input: { email: string; name: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return prisma.user
    .create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
}

/** A local path to go back to after signing in; anything else (another site) is dropped. */
export { safeRedirect } from "~/domain/safe-redirect";
