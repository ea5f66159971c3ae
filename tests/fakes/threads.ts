// Threads (networks.md §6): text containers, threads_publish, container status, permalink.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const THREADS_USER = "17841400000";
export const THREADS_TOKEN = "fake-threads-token";

export async function startThreads(): Promise<Fake & { published: Map<string, string> }> {
  const containers = new Map<string, { text: string; status: string }>();
  const published = new Map<string, string>();
  let next = 1;
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    const params = request.method === "POST" ? new URLSearchParams(request.body || url.search) : url.searchParams;
    for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
    if (params.get("access_token") !== THREADS_TOKEN) return { status: 400, body: { error: { message: "Error validating access token", type: "OAuthException", code: 190 } } };
    if (request.method === "POST" && url.pathname === `/${THREADS_USER}/threads`) {
      const text = params.get("text") ?? "";
      if ([...text].length > 500) return { status: 400, body: { error: { message: "text must be at most 500 characters", type: "THApiException", code: 100 } } };
      const id = `c${next++}`;
      containers.set(id, { text, status: "FINISHED" });
      return { status: 200, body: { id } };
    }
    if (request.method === "POST" && url.pathname === `/${THREADS_USER}/threads_publish`) {
      const container = containers.get(params.get("creation_id") ?? "");
      if (!container) return { status: 400, body: { error: { message: "Invalid creation id", code: 100 } } };
      container.status = "PUBLISHED";
      const id = `m${next++}`;
      published.set(id, container.text);
      return { status: 200, body: { id } };
    }
    const id = url.pathname.slice(1);
    if (containers.has(id)) return { status: 200, body: { id, status: containers.get(id)!.status } };
    if (published.has(id)) return { status: 200, body: { id, permalink: `https://www.threads.net/@rytm/post/${id}` } };
    return { status: 400, body: { error: { message: "Unsupported get request", code: 100 } } };
  });
  return Object.assign(fake, { published });
}
