// Threads (networks.md §6): text containers, threads_publish, container status, permalink;
// for reading back, the profile's threads (GET /{user}/threads, newest first, `since` in
// epoch seconds, `limit`, cursor paging). `statusLagMs`: how long a published container
// still reads FINISHED, as Meta's status can trail the publish. With Threads' sign-in beside
// it (meta-oauth.ts): the code, the long-lived exchange, th_refresh_token, and GET /me.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type MetaOAuth, metaOAuth } from "./meta-oauth";

export const THREADS_USER = "17841400000";
export const THREADS_TOKEN = "fake-threads-token";
export const THREADS_CLIENT = { id: "990602627938098", secret: "fake-threads-app-secret" };

const graphTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "+0000");

/** `redirectUris`: where Rytm's Threads app may send people back. */
export async function startThreads({ statusLagMs = 0, latencyMs = 0, redirectUris = [] as readonly string[] } = {}): Promise<Fake & { published: Map<string, string>; oauth: MetaOAuth }> {
  const oauth = metaOAuth({
    flavour: "threads",
    paths: { authorize: "/oauth/authorize", token: "/oauth/access_token", longLived: "/access_token", refresh: "/refresh_access_token", deauthorize: null },
    client: { ...THREADS_CLIENT, redirectUris },
  });
  const containers = new Map<string, { text: string; publishedAt?: number }>();
  const published = new Map<string, string>();
  const publishedAt = new Map<string, number>();
  let next = 1;
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    // For tests in other processes: every text published, as sent.
    if (url.pathname === "/__fake/threads") return { status: 200, body: [...published.values()] };
    const signIn = oauth.handle(request);
    if (signIn) return signIn;
    const params = request.method === "POST" ? new URLSearchParams(request.body || url.search) : url.searchParams;
    for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
    // The hand-entered token, or a live one from signing in.
    const refused = params.get("access_token") === THREADS_TOKEN ? null : oauth.refuses(params.get("access_token"));
    if (refused) return refused;
    if (request.method === "GET" && url.pathname === "/me") return { status: 200, body: { id: THREADS_USER, username: "rytm" } };
    if (request.method === "POST" && url.pathname === `/${THREADS_USER}/threads`) {
      const text = params.get("text") ?? "";
      if ([...text].length > 500) return { status: 400, body: { error: { message: "text must be at most 500 characters", type: "THApiException", code: 100 } } };
      const id = `c${next++}`;
      containers.set(id, { text });
      return { status: 200, body: { id } };
    }
    if (request.method === "POST" && url.pathname === `/${THREADS_USER}/threads_publish`) {
      const container = containers.get(params.get("creation_id") ?? "");
      if (!container || container.publishedAt) return { status: 400, body: { error: { message: "Invalid creation id", code: 100 } } };
      container.publishedAt = Date.now();
      const id = `m${next++}`;
      published.set(id, container.text);
      publishedAt.set(id, container.publishedAt);
      return { status: 200, body: { id } };
    }
    if (request.method === "GET" && url.pathname === `/${THREADS_USER}/threads`) {
      const since = Number(params.get("since") ?? 0) * 1000;
      const limit = Math.min(100, Number(params.get("limit") ?? 25));
      const from = params.has("after") ? Number(Buffer.from(params.get("after")!, "base64").toString()) : 0;
      const window = [...published.keys()].filter((id) => publishedAt.get(id)! >= since).reverse();
      const data = window.slice(from, from + limit).map((id) => ({ id, text: published.get(id), timestamp: graphTime(publishedAt.get(id)!), permalink: `https://www.threads.net/@rytm/post/${id}` }));
      const cursor = (n: number) => Buffer.from(String(n)).toString("base64");
      return { status: 200, body: { data, paging: { cursors: { before: cursor(from), after: cursor(from + data.length) }, ...(from + limit < window.length ? { next: `${fake.url}${url.pathname}?after=${cursor(from + limit)}` } : {}) } } };
    }
    const id = url.pathname.slice(1);
    const container = containers.get(id);
    if (container) {
      const status = container.publishedAt && Date.now() - container.publishedAt >= statusLagMs ? "PUBLISHED" : "FINISHED";
      return { status: 200, body: { id, status } };
    }
    if (published.has(id)) return { status: 200, body: { id, permalink: `https://www.threads.net/@rytm/post/${id}` } };
    return { status: 400, body: { error: { message: "Unsupported get request", code: 100 } } };
  }, latencyMs);
  return Object.assign(fake, { published, oauth });
}
