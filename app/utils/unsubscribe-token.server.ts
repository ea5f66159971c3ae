// The token of a mail's one-click unsubscribe link (RFC 8058): who and what, signed with
// SESSION_SECRET so nobody can stop someone else's mails. It stops mail only (the bell
// keeps the notices), so it needs no expiry: a forwarded mail can do no more than that.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isNotificationKind, type NotificationKind } from "~/domain/notifications";
import { env } from "./env.server";

export type Unsubscription = { kind: "member"; userId: string; notice: NotificationKind | "digest" } | { kind: "client"; linkId: string };

const sign = (payload: string, secret: string) => createHmac("sha256", secret).update(`rytm-unsubscribe:${payload}`).digest("base64url").slice(0, 32);
const secrets = () => env().SESSION_SECRET.split(",");

export function unsubscribeToken(what: Unsubscription): string {
  const payload = what.kind === "member" ? `u.${what.userId}.${what.notice}` : `c.${what.linkId}`;
  return `${payload}.${sign(payload, secrets()[0]!)}`;
}

export const unsubscribePath = (what: Unsubscription) => `/unsubscribe/${unsubscribeToken(what)}`;

export function readUnsubscribeToken(token: string | undefined): Unsubscription | null {
  if (!token || token.length > 200 || !/^[A-Za-z0-9_.-]+$/.test(token)) return null;
  const cut = token.lastIndexOf(".");
  const payload = token.slice(0, cut);
  const signature = Buffer.from(token.slice(cut + 1));
  const valid = secrets().some((secret) => {
    const expected = Buffer.from(sign(payload, secret));
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  });
  if (!valid) return null;
  const [type, id, notice] = payload.split(".");
  if (type === "c" && id && notice === undefined) return { kind: "client", linkId: id };
  if (type === "u" && id && (notice === "digest" || isNotificationKind(notice))) return { kind: "member", userId: id, notice };
  return null;
}
