// The session cookie holds only the id of a server-side Session row, so signing out
// (or an operator deleting the row) ends the session everywhere at once.
import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "./env.server";

export const SESSION_DAYS = 30;

let storage: ReturnType<typeof create> | undefined;

function create() {
  const { NODE_ENV, SESSION_SECRET } = env();
  // pending*: a sign-in that passed the password and waits for the two-factor code.
  return createCookieSessionStorage<{ sessionId: string; lastWorkspace: string; pendingUserId: string; pendingUntil: number; pendingRedirectTo: string }>({
    cookie: {
      name: "__rytm_session",
      httpOnly: true,
      sameSite: "lax",
      secure: NODE_ENV === "production",
      path: "/",
      maxAge: SESSION_DAYS * 24 * 60 * 60,
      // Comma-separated: the first signs, all verify, so a secret can be rotated.
      secrets: SESSION_SECRET.split(","),
    },
  });
}

export function sessionStorage() {
  storage ??= create();
  return storage;
}

export function getCookieSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}
