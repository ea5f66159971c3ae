// A Facebook Page on the Graph API (networks.md §5): POST /{page}/feed, errors by code;
// for reading back, GET /{page}/posts, newest first, 25 a page unless `limit` (at most 100)
// says otherwise, `since` in epoch seconds, cursor paging (`after`, and `next` while more
// remain). With Facebook Login (meta-oauth.ts) beside it: /me/accounts lists the person's
// Pages with their Page tokens and, asked for, the Instagram professional account linked to
// each (instagram_business_account) — where Instagram's accounts live.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type MetaOAuth, metaOAuth } from "./meta-oauth";

export const FACEBOOK_PAGE = "1029384756";
export const FACEBOOK_TOKEN = "fake-page-token";
export const FACEBOOK_CLIENT = { id: "103948576012345", secret: "fake-facebook-app-secret" };
/** The person's Pages: one linked to an Instagram professional account, one not, and one where their role cannot post. */
export const FACEBOOK_PAGES = [
  { id: FACEBOOK_PAGE, name: "Rytm Café", tasks: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"], instagram: { id: "17841405822304914", username: "rytm.cafe" } },
  { id: "2038475610", name: "Rytm Bakery", tasks: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"], instagram: null },
  { id: "3047561829", name: "Rytm Fans", tasks: ["ANALYZE"], instagram: null },
] as const;

type Post = { id: string; message: string; createdAt: number };
// Graph API times: 2024-05-01T12:35:00+0000.
const graphTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "+0000");

/** `redirectUris`: where Rytm's Meta app may send people back after Facebook Login (Facebook's and Instagram's callbacks). */
export async function startFacebook(latencyMs = 0, redirectUris: readonly string[] = []): Promise<Fake & { posts: Post[]; oauth: MetaOAuth }> {
  const posts: Post[] = [];
  let next = 1;
  const oauth = metaOAuth({
    flavour: "facebook",
    paths: { authorize: "/v20.0/dialog/oauth", token: "/v20.0/oauth/access_token", longLived: "/v20.0/oauth/access_token", refresh: null, deauthorize: "/me/permissions" },
    client: { ...FACEBOOK_CLIENT, redirectUris },
    assets: FACEBOOK_PAGES,
  });
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    // For tests in other processes: every message posted, as sent.
    if (url.pathname === "/__fake/posts") return { status: 200, body: posts.map((post) => post.message) };
    const signIn = oauth.handle(request);
    if (signIn) return signIn;
    const params = request.method === "POST" ? new URLSearchParams(request.body) : url.searchParams;
    if (request.method === "GET" && url.pathname === "/me/accounts") {
      const refused = oauth.refuses(params.get("access_token"));
      if (refused) return refused;
      if (oauth.kindOf(params.get("access_token")) === "page") return { status: 400, body: { error: { message: "(#100) Tried accessing nonexisting field (accounts) on node type (Page)", type: "OAuthException", code: 100, fbtrace_id: "x" } } };
      const fields = params.get("fields") ?? "";
      const data = FACEBOOK_PAGES.filter((page) => oauth.shares(params.get("access_token"), page.id)).map((page) => ({
        id: page.id,
        name: page.name,
        access_token: oauth.pageToken(params.get("access_token")!, page.id),
        category: "Café",
        tasks: page.tasks,
        ...(fields.includes("instagram_business_account") && page.instagram ? { instagram_business_account: page.instagram } : {}),
      }));
      return { status: 200, body: { data, paging: { cursors: { before: "MAZDZD", after: "MgZDZD" } } } };
    }
    const pageId = /^\/(\d+)\//.exec(url.pathname)?.[1];
    // The hand-entered Page token, or one Facebook Login gave for this very Page.
    const refused = params.get("access_token") === FACEBOOK_TOKEN ? null : oauth.refuses(params.get("access_token"), pageId);
    if (refused) return refused;
    if (request.method === "POST" && url.pathname === `/${FACEBOOK_PAGE}/feed`) {
      const message = params.get("message") ?? "";
      if (posts.at(-1)?.message === message) return { status: 400, body: { error: { message: "(#506) Duplicate status message", type: "OAuthException", code: 506 } } };
      const id = `${FACEBOOK_PAGE}_${next++}`;
      posts.push({ id, message, createdAt: Date.now() });
      return { status: 200, body: { id, permalink_url: `https://www.facebook.com/${id}` } };
    }
    if (request.method === "GET" && url.pathname === `/${FACEBOOK_PAGE}/posts`) {
      const since = Number(params.get("since") ?? 0) * 1000;
      const limit = Math.min(100, Number(params.get("limit") ?? 25));
      const from = params.has("after") ? Number(Buffer.from(params.get("after")!, "base64").toString()) : 0;
      const window = [...posts].reverse().filter((p) => p.createdAt >= since);
      const data = window.slice(from, from + limit).map((p) => ({ id: p.id, message: p.message, created_time: graphTime(p.createdAt), permalink_url: `https://www.facebook.com/${p.id}` }));
      const cursor = (n: number) => Buffer.from(String(n)).toString("base64");
      const more = from + limit < window.length;
      return { status: 200, body: { data, paging: { cursors: { before: cursor(from), after: cursor(from + data.length) }, ...(more ? { next: `${fake.url}${url.pathname}?after=${cursor(from + limit)}` } : {}) } } };
    }
    return { status: 400, body: { error: { message: "Unsupported request", type: "GraphMethodException", code: 100 } } };
  }, latencyMs);
  return Object.assign(fake, { posts, oauth });
}
