// X API v2 (networks.md §3): POST /2/tweets, 201 with data.id, problem-details errors,
// 403 for duplicate content, epoch-second rate-limit headers; for reading back,
// GET /2/users/me and the user's posts, GET /2/users/:id/tweets (newest first, start_time,
// max_results 5–100, next_token), with the text as X shows it: links on t.co, & < > escaped.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type OAuthServer, oauthServer } from "./oauth";

export const X_TOKEN = "fake-x-user-token";
export const X_USER_ID = "2244994945";
export const X_CLIENT = { id: "fake-x-client-id", secret: "fake-x-client-secret" };

const asShown = (text: string, id: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/https?:\/\/\S+/g, (_, i: number) => `https://t.co/${id.slice(-6)}${i}`);

/** `redirectUris`: where Rytm's app registered at X may send people back (X OAuth 2.0: confidential client, PKCE, rotating refresh tokens, 2 h access tokens). */
export async function startX(latencyMs = 0, redirectUris: readonly string[] = []): Promise<Fake & { tweets: Map<string, string>; createdAt: Map<string, number>; oauth: OAuthServer }> {
  const oauth = oauthServer({
    paths: { authorize: "/i/oauth2/authorize", token: "/2/oauth2/token", revoke: "/2/oauth2/revoke" },
    clients: new Map([[X_CLIENT.id, { secret: X_CLIENT.secret, redirectUris }]]),
    clientAuth: ["basic"],
    pkce: "required",
    rotates: true,
    accessTtlSeconds: 7200,
  });
  const tweets = new Map<string, string>();
  const createdAt = new Map<string, number>();
  let next = 1346889436626259968n;
  const limits = () => ({ "x-rate-limit-limit": "100", "x-rate-limit-remaining": "99", "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900) });
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    // For tests in other processes: every text posted, as sent.
    if (url.pathname === "/__fake/tweets") return { status: 200, body: [...tweets.values()] };
    const authorization = oauth.handle(request);
    if (authorization) return authorization;
    if (request.headers.authorization !== `Bearer ${X_TOKEN}` && !oauth.accepts(request.headers.authorization)) return { status: 401, body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } };
    if (request.method === "GET" && url.pathname === "/2/users/me") return { status: 200, body: { data: { id: X_USER_ID, name: "Rytm", username: "rytm" } }, headers: limits() };
    if (request.method === "GET" && url.pathname === `/2/users/${X_USER_ID}/tweets`) {
      const since = Date.parse(url.searchParams.get("start_time") ?? "") || 0;
      const size = Math.min(100, Math.max(5, Number(url.searchParams.get("max_results") ?? 10)));
      const offset = Number(url.searchParams.get("pagination_token") ?? 0);
      const all = [...tweets.keys()].filter((id) => createdAt.get(id)! >= since).reverse();
      const page = all.slice(offset, offset + size).map((id) => ({ id, text: asShown(tweets.get(id)!, id), created_at: new Date(createdAt.get(id)!).toISOString(), edit_history_tweet_ids: [id] }));
      const meta = { result_count: page.length, ...(page.length ? { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id } : {}), ...(offset + size < all.length ? { next_token: String(offset + size) } : {}) };
      return { status: 200, body: page.length ? { data: page, meta } : { meta }, headers: limits() };
    }
    if (request.method !== "POST" || url.pathname !== "/2/tweets") return { status: 404, body: { title: "Not Found Error", status: 404 } };
    const text = String(request.json().text ?? "");
    if (!text) return { status: 400, body: { errors: [{ parameters: { text: [] }, message: "text is required" }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" } };
    if ([...tweets.values()].includes(text)) return { status: 403, body: { detail: "You are not allowed to create a Tweet with duplicate content.", type: "about:blank", title: "Forbidden", status: 403 }, headers: limits() };
    const id = String(next++);
    tweets.set(id, text);
    createdAt.set(id, Date.now());
    return { status: 201, body: { data: { id, text: asShown(text, id) } }, headers: limits() };
  }, latencyMs);
  return Object.assign(fake, { tweets, createdAt, oauth });
}
