// OWASP's device cookie: a browser that signed in to an account gets a signed cookie naming
// that account and a random device id. When it signs in to that account again it is counted
// on its own (sign-in-throttle.server.ts), so an attacker's failures from the same address,
// or against the same account, never lock it out. The cookie names the account by a hash
// of its address, and holds the last few accounts used in this browser.
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { env } from "./env.server";

const DEVICE_DAYS = 180;
const ACCOUNTS_PER_BROWSER = 5;

const contentSchema = z.array(z.object({ a: z.string().max(64), d: z.string().max(64) })).max(ACCOUNTS_PER_BROWSER);
type Content = z.infer<typeof contentSchema>;

let cookie: ReturnType<typeof createCookie> | undefined;
function deviceCookie() {
  const { NODE_ENV, SESSION_SECRET } = env();
  cookie ??= createCookie("__rytm_device", {
    httpOnly: true,
    sameSite: "lax",
    secure: NODE_ENV === "production",
    path: "/",
    maxAge: DEVICE_DAYS * 24 * 60 * 60,
    secrets: SESSION_SECRET.split(","),
  });
  return cookie;
}

const accountHash = (email: string) => createHash("sha256").update(`rytm-device:${email.toLowerCase()}`).digest("base64url");

async function read(request: Request): Promise<Content> {
  // A cookie that fails its signature parses as null: it is simply not trusted.
  const parsed = contentSchema.safeParse(await deviceCookie().parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : [];
}

/** The id of this browser's device for the account, when it signed in to it before; else null. */
export async function trustedDevice(request: Request, email: string): Promise<string | null> {
  const account = accountHash(email);
  return (await read(request)).find((entry) => entry.a === account)?.d ?? null;
}

/** The Set-Cookie value that makes this browser a known device of the account (kept if it was one). */
export async function rememberDevice(request: Request, email: string): Promise<string> {
  const account = accountHash(email);
  const entries = await read(request);
  const known = entries.find((entry) => entry.a === account);
  const next = [known ?? { a: account, d: randomBytes(16).toString("base64url") }, ...entries.filter((entry) => entry.a !== account)];
  return deviceCookie().serialize(next.slice(0, ACCOUNTS_PER_BROWSER));
}
