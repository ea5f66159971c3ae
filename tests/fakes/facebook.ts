// A Facebook Page on the Graph API (networks.md §5): POST /{page}/feed, errors by code,
// GET /{page}/posts for reading back.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const FACEBOOK_PAGE = "1029384756";
export const FACEBOOK_TOKEN = "fake-page-token";

export async function startFacebook(): Promise<Fake & { posts: { id: string; message: string }[] }> {
  const posts: { id: string; message: string }[] = [];
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
      posts.push({ id, message });
      return { status: 200, body: { id, permalink_url: `https://www.facebook.com/${id}` } };
    }
    if (request.method === "GET" && url.pathname === `/${FACEBOOK_PAGE}/posts`) {
      return { status: 200, body: { data: [...posts].reverse().map((p) => ({ ...p, permalink_url: `https://www.facebook.com/${p.id}` })) } };
    }
    return { status: 400, body: { error: { message: "Unsupported request", type: "GraphMethodException", code: 100 } } };
  });
  return Object.assign(fake, { posts });
}
