// Bearer secrets in links (client share links, calendar feeds): 256 random bits shown once,
// only their SHA-256 kept, so a database dump cannot open anything.
import { createHash, randomBytes } from "node:crypto";
import { env } from "./env.server";

export const newSecretToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** A token's shape, checked before any lookup: a tampered one is refused at once. */
export const isTokenShaped = (token: string | undefined): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

/**
 * The origin of links people copy or subscribe to (invitations, client links, calendar
 * feeds): APP_URL when set (an empty APP_URL, as the generated .env writes it, is unset),
 * else the origin the request came to — the address the person is using right now.
 */
export function publicOrigin(request: Request) {
  const configured = env().APP_URL;
  return configured ? new URL(configured).origin : new URL(request.url).origin;
}
