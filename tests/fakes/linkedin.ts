// LinkedIn Posts API (networks.md §4): versioned headers required, 201 with x-restli-id,
// 422 DUPLICATE_POST naming the existing URN, 401 EXPIRED_ACCESS_TOKEN.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const LINKEDIN_TOKEN = "fake-linkedin-token";

export async function startLinkedIn(): Promise<Fake & { posts: Map<string, Record<string, unknown>> }> {
  const posts = new Map<string, Record<string, unknown>>();
  let next = 6844785523593134080n;
  const fake = await startFake((request: FakeRequest): Reply => {
    if (request.method !== "POST" || request.path !== "/rest/posts") return { status: 404, body: { status: 404, message: "Not found" } };
    if (request.headers.authorization !== `Bearer ${LINKEDIN_TOKEN}`) return { status: 401, body: { status: 401, serviceErrorCode: 65602, code: "EXPIRED_ACCESS_TOKEN", message: "The token used in the request has expired" } };
    if (!request.headers["linkedin-version"] || request.headers["x-restli-protocol-version"] !== "2.0.0") return { status: 426, body: { status: 426, message: "A version header is required" } };
    const body = request.json();
    const existing = [...posts].find(([, p]) => p.commentary === body.commentary);
    if (existing) {
      return { status: 422, body: { errorDetailType: "com.linkedin.common.error.BadRequest", message: `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${existing[0]}`, errorDetails: { inputErrors: [{ description: "Duplicate post is detected", input: {}, code: "DUPLICATE_POST" }] }, status: 422 } };
    }
    const urn = `urn:li:share:${next++}`;
    posts.set(urn, body);
    return { status: 201, headers: { "x-restli-id": urn } };
  });
  return Object.assign(fake, { posts });
}
