// Mastodon's statuses API as documented (networks.md §1): Bearer token, 500 characters,
// Idempotency-Key answered with the original status, X-RateLimit-* with an ISO reset.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const MASTODON_TOKEN = "fake-mastodon-token";

export async function startMastodon(latencyMs = 0): Promise<Fake & { statuses: Map<string, Record<string, unknown>> }> {
  const statuses = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, string>();
  let next = 103254962155278888n;
  const limits = { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": new Date(Date.now() + 3 * 3600_000).toISOString() };
  const fake = await startFake((request: FakeRequest): Reply => {
    if (request.method !== "POST" || request.path !== "/api/v1/statuses") return { status: 404, body: { error: "Record not found" } };
    if (request.headers.authorization !== `Bearer ${MASTODON_TOKEN}`) return { status: 401, body: { error: "The access token is invalid" }, headers: limits };
    const key = request.headers["idempotency-key"] as string | undefined;
    if (key && byKey.has(key)) return { status: 200, body: statuses.get(byKey.get(key)!), headers: limits };
    const text = String(request.json().status ?? "");
    if (!text.trim()) return { status: 422, body: { error: "Validation failed: Text can't be blank" }, headers: limits };
    if ([...text].length > 500) return { status: 422, body: { error: "Validation failed: Text character limit of 500 exceeded" }, headers: limits };
    const id = String(next++);
    const status = { id, created_at: new Date().toISOString(), url: `${fake.url}/@rytm/${id}`, uri: `${fake.url}/users/rytm/statuses/${id}`, visibility: "public", content: `<p>${text}</p>` };
    statuses.set(id, status);
    if (key) byKey.set(key, id);
    return { status: 200, body: status, headers: limits };
  }, latencyMs);
  return Object.assign(fake, { statuses });
}
