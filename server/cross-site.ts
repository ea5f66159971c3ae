// CSRF defence for every state-changing request: a browser names the page a request
// comes from (Origin, Sec-Fetch-Site); a request from another site is refused before
// any action runs. Together with SameSite=Lax cookies this covers old browsers too.
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Why the request must be refused, or null when it may go on. */
export function crossSiteRefusal(method: string, headers: Headers, ownOrigins: readonly string[]): string | null {
  if (safeMethods.has(method.toUpperCase())) return null;
  const fetchSite = header(headers, "sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `cross-site request refused (Sec-Fetch-Site: ${fetchSite})`;
  }
  const origin = header(headers, "origin");
  if (origin !== undefined && !ownOrigins.includes(origin)) {
    return `cross-site request refused (Origin: ${origin})`;
  }
  return null;
}
