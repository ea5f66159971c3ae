// Addresses for networks that fetch media by URL (Instagram, Threads, Facebook): no session
// comes with their request, so the address itself is the permission — the item's id and an
// expiry, signed with a key derived from SESSION_SECRET. It works until it expires, for that
// item only (decision 0040).
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";

const secrets = () => env().SESSION_SECRET.split(",").map((s) => s.trim());
const signature = (secret: string, mediaId: string, expires: number) =>
  createHmac("sha256", `media-url:${secret}`).update(`${mediaId}.${expires}`).digest("base64url");

/** A URL at APP_URL (else the server's own address) valid for `seconds`. */
export function signedMediaUrl(mediaId: string, seconds = 3600, now = Date.now()) {
  const settings = env();
  const base = settings.APP_URL ?? `http://${settings.HOST}:${settings.PORT}`;
  const expires = Math.floor(now / 1000) + seconds;
  const url = new URL(`/media/${encodeURIComponent(mediaId)}`, base);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("signature", signature(secrets()[0]!, mediaId, expires));
  return url.toString();
}

/** True when the signature is ours (any rotated-in secret) and the time has not passed. */
export function verifyMediaSignature(mediaId: string, expires: string | null, given: string | null, now = Date.now()) {
  if (!expires || !given || !/^\d{1,12}$/.test(expires)) return false;
  const at = Number(expires);
  if (at * 1000 < now) return false;
  const givenBytes = Buffer.from(given);
  return secrets().some((secret) => {
    const expected = Buffer.from(signature(secret, mediaId, at));
    return expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes);
  });
}
