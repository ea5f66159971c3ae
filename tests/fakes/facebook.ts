// A Facebook Page on the Graph API (networks.md §5): POST /{page}/feed, errors by code;
// for reading back, GET /{page}/posts, newest first, 25 a page unless `limit` (at most 100)
// says otherwise, `since` in epoch seconds, cursor paging (`after`, and `next` while more
// remain).
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const FACEBOOK_PAGE = "1029384756";
export const FACEBOOK_TOKEN = "fake-page-token";

type Post = { id: string; message: string; createdAt: number };
// Graph API times: 2024-05-01T12:35:00+0000.
const graphTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "+0000");

export async function startFacebook(latencyMs = 0): Promise<Fake & { posts: Post[] }> {
  const posts: Post[] = [];
  let next = 1;
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    const params = request.method === "POST" ? new URLSearchParams(request.body) : url.searchParams;
    if (params.get("access_token") !== FACEBOOK_TOKEN) {
      return { status: 400, body: { error: { message: "Error validating access token: Session has expired", type: "OAuthException", code: 190, error_subcode: 463, fbtrace_id: "x" } } };
    }
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
  return Object.assign(fake, { posts });
}
