// The client page's name cookie: the client's name, asked once and kept in a cookie on their
// device (only under /share, signed).
import { createCookie } from "@remix-run/node";
import { clientNameSchema } from "~/domain/post-actions";
import { env } from "~/utils/env.server";

const YEAR = 365 * 86_400;

let cookie: ReturnType<typeof createCookie> | undefined;
function nameCookie() {
  cookie ??= createCookie("rytm_client", { path: "/share", httpOnly: true, sameSite: "lax", secure: env().NODE_ENV === "production", maxAge: YEAR, secrets: env().SESSION_SECRET.split(",") });
  return cookie;
}

/** The name this device's client gave, if any (and still a valid name). */
export async function clientNameOf(request: Request): Promise<string | null> {
  const value: unknown = await nameCookie().parse(request.headers.get("Cookie"));
  const parsed = clientNameSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function rememberClientName(name: string | null) {
  return nameCookie().serialize(name ?? "", name ? {} : { maxAge: 0 });
}
