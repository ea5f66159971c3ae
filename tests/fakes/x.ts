// X API v2 POST /2/tweets (networks.md §3): 201 with data.id, problem-details errors,
// 403 for duplicate content, epoch-second rate-limit headers.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const X_TOKEN = "fake-x-user-token";

export async function startX(): Promise<Fake & { tweets: Map<string, string> }> {
  const tweets = new Map<string, string>();
  let next = 1346889436626259968n;
  const limits = () => ({ "x-rate-limit-limit": "100", "x-rate-limit-remaining": "99", "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900) });
  const fake = await startFake((request: FakeRequest): Reply => {
    if (request.method !== "POST" || request.path !== "/2/tweets") return { status: 404, body: { title: "Not Found Error", status: 404 } };
    if (request.headers.authorization !== `Bearer ${X_TOKEN}`) return { status: 401, body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } };
    const text = String(request.json().text ?? "");
    if (!text) return { status: 400, body: { errors: [{ parameters: { text: [] }, message: "text is required" }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" } };
    if ([...tweets.values()].includes(text)) return { status: 403, body: { detail: "You are not allowed to create a Tweet with duplicate content.", type: "about:blank", title: "Forbidden", status: 403 }, headers: limits() };
    const id = String(next++);
    tweets.set(id, text);
    return { status: 201, body: { data: { id, text } }, headers: limits() };
  });
  return Object.assign(fake, { tweets });
}
