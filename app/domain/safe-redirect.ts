// Where to send a person after signing in (or changing a setting): a path on this site,
// never another host. Browsers forgive a lot in a Location header — they drop tabs and
// newlines, read a backslash as a slash, resolve dot segments — so the path is checked
// as a browser would read it, and handed back in the parser's own normalised spelling.
import { controlCharacter } from "./text-input";

const base = "http://rytm.invalid";

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  // Only a path: "/x", never "//host", "/\host", or anything the URL parser would trim.
  if (to[0] !== "/" || to[1] === "/" || /[\\ ]/.test(to) || controlCharacter.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave a "//host" behind: "/.//evil.example" is "//evil.example".
  return path.startsWith("//") ? fallback : path;
}
