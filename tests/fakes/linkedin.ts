// LinkedIn Posts API (networks.md §4): versioned headers required, 201 with x-restli-id,
// 422 DUPLICATE_POST naming the existing URN, 401 EXPIRED_ACCESS_TOKEN; for reading back,
// the posts finder (GET /rest/posts?q=author&author=…&sortBy=CREATED&count=…&start=…, with
// X-RestLi-Method: FINDER) and GET /rest/posts/{urn}.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type OAuthServer, oauthServer } from "./oauth";

export const LINKEDIN_TOKEN = "fake-linkedin-token";
export const LINKEDIN_CLIENT = { id: "fake-linkedin-client-id", secret: "fake-linkedin-client-secret" };
/** The member who consents, and the organisation pages they administer. */
export const LINKEDIN_MEMBER = { sub: "782bbtaQ", name: "Anna Nowak" };
export const LINKEDIN_ORGANIZATIONS = [
  { id: 2414183, localizedName: "Muzeum Powstania" },
  { id: 5515715, localizedName: "Fundacja Rytm" },
];

type Post = Record<string, unknown> & { id: string; commentary?: string; author?: string; createdAt: number };

/** `redirectUris`: where Rytm's app may send people back (LinkedIn: client secret in the form, no rotation, 60-day access tokens). */
export async function startLinkedIn(latencyMs = 0, redirectUris: readonly string[] = []): Promise<Fake & { posts: Map<string, Post>; oauth: OAuthServer }> {
  const oauth = oauthServer({
    paths: { authorize: "/oauth/v2/authorization", token: "/oauth/v2/accessToken", revoke: "/oauth/v2/revoke" },
    clients: new Map([[LINKEDIN_CLIENT.id, { secret: LINKEDIN_CLIENT.secret, redirectUris }]]),
    clientAuth: ["post"],
    pkce: "optional",
    rotates: false,
    accessTtlSeconds: 60 * 24 * 3600,
  });
  const posts = new Map<string, Post>();
  let next = 6844785523593134080n;
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    const authorization = oauth.handle(request);
    if (authorization) return authorization;
    const expired = { status: 401, body: { status: 401, serviceErrorCode: 65602, code: "EXPIRED_ACCESS_TOKEN", message: "The token used in the request has expired" } };
    // Who consented (OpenID Connect userinfo), and the pages they administer with their names.
    if (request.method === "GET" && ["/v2/userinfo", "/rest/organizationAcls"].includes(url.pathname) || url.pathname.startsWith("/rest/organizations/")) {
      if (!oauth.accepts(request.headers.authorization)) return expired;
      if (url.pathname === "/v2/userinfo") return { status: 200, body: { sub: LINKEDIN_MEMBER.sub, name: LINKEDIN_MEMBER.name, email_verified: true } };
      if (url.pathname === "/rest/organizationAcls") {
        if (url.searchParams.get("q") !== "roleAssignee") return { status: 400, body: { status: 400, message: "Unsupported finder" } };
        const elements = LINKEDIN_ORGANIZATIONS.map((o) => ({ organization: `urn:li:organization:${o.id}`, role: "ADMINISTRATOR", state: "APPROVED", roleAssignee: `urn:li:person:${LINKEDIN_MEMBER.sub}` }));
        return { status: 200, body: { paging: { start: 0, count: 10, total: elements.length }, elements } };
      }
      const organization = LINKEDIN_ORGANIZATIONS.find((o) => url.pathname === `/rest/organizations/${o.id}`);
      return organization ? { status: 200, body: organization } : { status: 404, body: { status: 404, message: "Not found" } };
    }
    if (!url.pathname.startsWith("/rest/posts")) return { status: 404, body: { status: 404, message: "Not found" } };
    if (request.headers.authorization !== `Bearer ${LINKEDIN_TOKEN}` && !oauth.accepts(request.headers.authorization)) return expired;
    if (!request.headers["linkedin-version"] || request.headers["x-restli-protocol-version"] !== "2.0.0") return { status: 426, body: { status: 426, message: "A version header is required" } };
    if (request.method === "GET" && url.pathname === "/rest/posts") {
      if (url.searchParams.get("q") !== "author" || request.headers["x-restli-method"] !== "FINDER") return { status: 400, body: { status: 400, message: "Unsupported finder" } };
      const start = Number(url.searchParams.get("start") ?? 0);
      const count = Math.min(100, Number(url.searchParams.get("count") ?? 10));
      const mine = [...posts.values()].filter((p) => p.author === url.searchParams.get("author")).sort((a, b) => b.createdAt - a.createdAt);
      return { status: 200, body: { paging: { start, count, links: [] }, elements: mine.slice(start, start + count) } };
    }
    if (request.method === "GET") {
      const post = posts.get(decodeURIComponent(url.pathname.slice("/rest/posts/".length)));
      return post ? { status: 200, body: post } : { status: 404, body: { status: 404, message: "Not found" } };
    }
    if (request.method !== "POST" || url.pathname !== "/rest/posts") return { status: 404, body: { status: 404, message: "Not found" } };
    const body = request.json();
    const existing = [...posts].find(([, p]) => p.commentary === body.commentary);
    if (existing) {
      return { status: 422, body: { errorDetailType: "com.linkedin.common.error.BadRequest", message: `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${existing[0]}`, errorDetails: { inputErrors: [{ description: "Duplicate post is detected", input: {}, code: "DUPLICATE_POST" }] }, status: 422 } };
    }
    const urn = `urn:li:share:${next++}`;
    posts.set(urn, { ...body, id: urn, createdAt: Date.now() });
    return { status: 201, headers: { "x-restli-id": urn } };
  }, latencyMs);
  return Object.assign(fake, { posts, oauth });
}
