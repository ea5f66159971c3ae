// The person's own time zone for pages that show times in it beside a brand's: their
// browser's, which the page writes into a cookie once it has loaded (there is no zone
// preference on the account). Until then, or when the cookie names no zone Rytm accepts, UTC.
import { personZoneCookie } from "~/domain/all-brands";
import { canonicalTimeZone } from "~/domain/time-zones";

export function personZone(request: Request): { zone: string; known: boolean } {
  for (const pair of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, ...value] = pair.trim().split("=");
    if (name !== personZoneCookie) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(value.join("="));
    } catch {
      break;
    }
    const zone = canonicalTimeZone(decoded);
    if (zone) return { zone, known: true };
    break;
  }
  return { zone: "UTC", known: false };
}
