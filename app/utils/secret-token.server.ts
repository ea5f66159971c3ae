// Bearer secrets in links (client share links, calendar feeds): 256 random bits shown once,
// only their SHA-256 kept, so a database dump cannot open anything.
import { createHash, randomBytes } from "node:crypto";

export const newSecretToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** A token's shape, checked before any lookup: a tampered one is refused at once. */
export const isTokenShaped = (token: string | undefined): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

/** The address people should use for links: APP_URL when set, else what the request came to. */
export function publicOrigin(request: Request) {
  return process.env.APP_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
