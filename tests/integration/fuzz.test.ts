// Issue 11, finding 6: 138 requests answered 500 — bodies that are not forms, NUL bytes in
// text, ids, query strings and paths, year 0000, month 13. This fuzzes every route of the
// built app (the route manifest, so routes added later are fuzzed too) as the owner of a
// workspace with posts, channels and links, and anonymously: malformed bodies, every field
// of every form the pages offer with hostile values, hostile query strings and path
// segments. It asserts no 500, no stack trace in any answer, and nothing saved by a
// refused request.
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { PASSWORD, createUser, unique, workspaceWithMember } from "../support/fixtures";
import { Client } from "../support/http-client";
import { type PageForm, pageForms } from "../support/html-forms";
import { type AppRoute, appRoutes, fillPattern } from "../support/route-table";

/** Hostile values for a form field or a query parameter. */
const values = {
  nul: "a\u0000b",
  huge: "x".repeat(100_000),
  controls: "\u0001\u001b[31m\u007f\u0085\u0008",
  bidi: "\u202egnp.exe\u2066\u200f",
  zeroWidth: "\u200b\ufeff\u2060",
  year0: "0000-01-01",
  impossibleDate: "2026-13-45",
  farInstant: "+275760-09-13T00:00:00.000Z",
  midnight24: "24:00",
  localYear0: "0000-01-01T24:00",
  script: "javascript:alert(document.cookie)",
  quote: "' OR 1=1; --",
};
const hostile = Object.values(values);
/** For each field alone: the values that broke something before (NUL, year 0000, 24:00…). */
const perField = [values.nul, values.huge, values.controls, values.bidi, values.year0, values.impossibleDate, values.midnight24];
/** Hostile path segments, already URL-encoded (or deliberately not). */
const segments = ["%00", "a%00b", "%ZZ", "%E0%A4%A", "%01%1B%7F", "%E2%80%AE", "..%2F..%2F", "x".repeat(3000), "%C0%AF", "'%20OR%201=1"];
/** Query strings a browser would never send. */
const rawQueries = ["%00=%00", "date=%ZZ&from=%", "view=%00&date=0000-01-01&from=0000-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", "until=2026-13-45", "a[b][c]=1&a=2", "redirectTo=%0A%0D"];
/** Fields any action might read, added to every form with a hostile value. */
const commonFields = ["intent", "postId", "variantId", "membershipId", "invitationId", "linkId", "title", "text", "body", "comment", "name", "email", "label", "reason", "date", "time", "until", "at", "from", "to", "url", "link", "redirectTo", "content", "timeZone", "variants[0].channelId", "variants[0].text", "variants[0].link", "variants[0].media"];

type Snapshot = Record<string, unknown>;
const problems: string[] = [];
let sent = 0;
let fiveHundreds = 0;

const stackTrace = /\bat [\w$.<>]+ \((?:file:\/\/)?\/[^)]*:\d+:\d+\)|node:internal|node_modules\/|\/work\//;

let owner: Client;
let ownerEmail: string;
let anonymous: Client;
let workspace: { id: string; slug: string };
let userId: string;
const params: Record<string, string[]> = {};

/** What a refused request must not change, in one query. */
async function snapshot(): Promise<Snapshot> {
  const [row] = await prisma.$queryRaw<Snapshot[]>`
    SELECT
      (SELECT count(*) FROM "Post" WHERE "workspaceId" = ${workspace.id})::int AS posts,
      (SELECT count(*) FROM "Variant" WHERE "workspaceId" = ${workspace.id})::int AS variants,
      (SELECT count(*) FROM "Comment" c JOIN "Post" p ON p.id = c."postId" WHERE p."workspaceId" = ${workspace.id})::int AS comments,
      (SELECT count(*) FROM "Approval" a JOIN "Post" p ON p.id = a."postId" WHERE p."workspaceId" = ${workspace.id})::int AS approvals,
      (SELECT count(*) FROM "Channel" WHERE "workspaceId" = ${workspace.id})::int AS channels,
      (SELECT count(*) FROM "Invitation" WHERE "workspaceId" = ${workspace.id})::int AS invitations,
      (SELECT count(*) FROM "ShareLink" WHERE "workspaceId" = ${workspace.id} AND "revokedAt" IS NULL)::int AS "shareLinks",
      (SELECT count(*) FROM "Membership" WHERE "userId" = ${userId})::int AS memberships,
      (SELECT md5(string_agg(concat_ws('|', title, status, "scheduledAt", category, "campaignTag"), ',' ORDER BY id)) FROM "Post" WHERE "workspaceId" = ${workspace.id}) AS posts_digest,
      (SELECT concat_ws('|', name, "timeZone", "pausedAt", "approvalsRequired", "calendarFeedHash") FROM "Workspace" WHERE id = ${workspace.id}) AS settings`;
  return row!;
}

let before: Snapshot;

async function send(client: Client, what: string, path: string, init: RequestInit & { form?: Record<string, string> } = {}) {
  sent++;
  let response: Response;
  try {
    response = await client.request(path, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    problems.push(`${what}: no answer (${(error as Error).message})`);
    return;
  }
  const body = await response.text();
  if (response.status === 500) fiveHundreds++;
  if (response.status >= 500 && !(path === "/healthz" && response.status === 503)) problems.push(`${what}: ${response.status} for ${init.method ?? "GET"} ${path.slice(0, 200)}`);
  if (stackTrace.test(body)) problems.push(`${what}: a stack trace in the answer to ${path.slice(0, 200)}`);
  if (client === owner && init.method === "POST") {
    const after = await snapshot();
    if (response.status >= 400 && JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${what}: refused with ${response.status} but changed data`);
    before = after;
    // A fuzzed sign-out ends the session; the rest still runs signed in.
    if (!owner.hasCookie("__rytm_session")) await owner.signIn(ownerEmail, PASSWORD);
  }
}

const withOrigin = (client: Client) => ({ Origin: client.baseUrl });

/** The bodies an action must refuse with 4xx, whatever it expects. */
function malformedBodies(): [string, BodyInit | undefined, Record<string, string>][] {
  return [
    ["JSON", JSON.stringify({ intent: "approve", postId: "x", title: values.nul }), { "Content-Type": "application/json" }],
    ["text/plain", "intent=comment&comment=hi", { "Content-Type": "text/plain" }],
    ["no content type", new TextEncoder().encode("intent=comment"), {}],
    ["empty", undefined, {}],
    ["truncated multipart", '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncheck\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n\r\ndate,ti', { "Content-Type": "multipart/form-data; boundary=b" }],
    ["multipart without boundary", "--b\r\n\r\n", { "Content-Type": "multipart/form-data" }],
    ["garbage urlencoded", "%ZZ&&==&intent=%E0%A4%A&\u0000", { "Content-Type": "application/x-www-form-urlencoded" }],
    ["binary", new Uint8Array([0, 159, 146, 150, 255, 254, 0, 1]) as unknown as BodyInit, { "Content-Type": "application/x-www-form-urlencoded" }],
    ["XML", "<?xml version='1.0'?><a/>", { "Content-Type": "application/xml" }],
  ];
}

/** The route's URL with known-good parameters: the first value that the route answers below 400. */
async function goodUrl(route: AppRoute): Promise<string> {
  const choices = route.params.map((name) => params[name] ?? ["x"]);
  let best = fillPattern(route.pattern, Object.fromEntries(route.params.map((name, i) => [name, choices[i]![0]!])));
  for (let i = 0; i < route.params.length; i++) {
    for (const candidate of choices[i]!) {
      const url = fillPattern(route.pattern, Object.fromEntries(route.params.map((name, j) => [name, j === i ? candidate : choices[j]![0]!])));
      if (!route.hasLoader || (await owner.get(url)).status < 400) {
        best = url;
        choices[i] = [candidate];
        break;
      }
    }
  }
  return best;
}

beforeAll(async () => {
  const setup = await workspaceWithMember("OWNER");
  owner = setup.client;
  ownerEmail = setup.user.email;
  workspace = setup.workspace;
  userId = setup.user.id;
  anonymous = new Client();
  const author = await createUser();
  await prisma.membership.create({ data: { workspaceId: workspace.id, userId: author.id, role: "EDITOR" } });
  const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: unique("Mastodon") }, select: { id: true } });
  const at = DateTime.now().plus({ days: 2 }).set({ hour: 9, minute: 0 }).toJSDate();
  const post = (title: string, status: "DRAFT" | "IN_REVIEW" | "SCHEDULED", variantStatus: "DRAFT" | "UNKNOWN" | "FAILED") =>
    prisma.post.create({
      data: { workspaceId: workspace.id, authorId: author.id, title, category: "news", status, scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: `${title} text`, status: variantStatus, scheduledAt: at } } },
      select: { id: true },
    });
  const posts = [await post(unique("review"), "IN_REVIEW", "DRAFT"), await post(unique("unknown"), "SCHEDULED", "UNKNOWN"), await post(unique("failed"), "SCHEDULED", "FAILED")];
  await prisma.comment.create({ data: { postId: posts[0]!.id, authorId: author.id, body: "First!" } });
  const day = DateTime.now().toISODate()!;
  const share = await (await owner.post(`/w/${workspace.slug}/share`, { intent: "create", label: "Client", from: day, to: DateTime.now().plus({ days: 13 }).toISODate()!, days: "14" })).text();
  const feed = await (await owner.post(`/w/${workspace.slug}/settings`, { intent: "feed-create" })).text();
  const invitation = await (await owner.post(`/w/${workspace.slug}/members`, { intent: "invite", email: `${unique("guest")}@test.example`, role: "VIEWER" })).text();
  const token = (html: string, testId: string) => new RegExp(`data-testid="${testId}">([^<]+)<`).exec(html)![1]!.split("/").pop()!.replace(/\.ics$/, "");
  params.slug = [workspace.slug];
  params.postId = posts.map((p) => p.id);
  params.token = [token(share, "share-url"), token(feed, "feed-url"), token(invitation, "invitation-url")];
  before = await snapshot();
});

/** The single-fetch data URL of a page URL: "/w/a/posts/1" → "/w/a/posts/1.data". */
function dataRequest(url: string) {
  const [path, query] = url.split("?");
  return `${path === "/" ? "/_root" : path!.replace(/\/$/, "")}.data${query ? `?${query}` : ""}`;
}

type Job = { client: Client; what: string; path: string; init?: RequestInit & { form?: Record<string, string> } };

/** Requests that cannot change the fuzzed workspace (reads, anonymous posts), a few at a time. */
async function inParallel(jobs: Job[], width: number) {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await send(job.client, job.what, job.path, job.init);
    }),
  );
}

describe("fuzzing every route", () => {
  it("never answers 500, never shows a stack trace, and a refused request saves nothing", async () => {
    const routes = await appRoutes();
    const started = Date.now();
    const formsByAction = new Map<string, PageForm>();
    const queryNames = new Set(["view", "date", "from", "to", "channel", "category", "status", "tag", "postId", "redirectTo", "until"]);
    const reads: Job[] = [];
    const anonymousPosts: Job[] = [];
    const ownerPosts: Job[] = [];

    for (const route of routes) {
      const url = await goodUrl(route);
      // Path segments: each parameter replaced by garbage, as owner and anonymously.
      for (const name of route.params) {
        const path = (segment: string) => fillPattern(route.pattern, Object.fromEntries(route.params.map((p) => [p, p === name ? segment : (params[p]?.[0] ?? "x")])));
        for (const segment of segments) reads.push({ client: owner, what: `${route.id} :${name}=${segment.slice(0, 20)}`, path: path(segment) });
        reads.push({ client: anonymous, what: `${route.id} :${name}=%00 anonymously`, path: path("%00") });
      }
      if (route.hasLoader) {
        const html = await (await owner.get(url)).text();
        for (const form of pageForms(html, new URL(url, owner.baseUrl).href)) {
          if (form.method === "get") form.fields.forEach(([name]) => queryNames.add(name));
          else formsByAction.set(`${form.action} ${form.fields.map(([n, v]) => (n === "intent" ? `${n}=${v}` : n)).sort().join("&")}`, form);
        }
        for (const raw of rawQueries) {
          reads.push({ client: owner, what: `${route.id} ?${raw}`, path: `${url}?${raw}` });
          reads.push({ client: anonymous, what: `${route.id} ?${raw} anonymously`, path: `${url}?${raw}` });
        }
      }
      if (route.hasAction) {
        const action = route.index ? `${url}?index` : url;
        for (const client of [owner, anonymous]) {
          for (const [what, body, headers] of malformedBodies()) {
            (client === owner ? ownerPosts : anonymousPosts).push({ client, what: `${route.id} ${what}`, path: action, init: { method: "POST", body, headers: { ...withOrigin(client), ...headers } } });
          }
        }
        // Every common field at once, with each hostile value.
        for (const value of hostile) {
          const form = Object.fromEntries(commonFields.map((f) => [f, value]));
          ownerPosts.push({ client: owner, what: `${route.id} *=${JSON.stringify(value.slice(0, 20))}`, path: action, init: { method: "POST", form } });
        }
        anonymousPosts.push({ client: anonymous, what: `${route.id} *=NUL anonymously`, path: action, init: { method: "POST", form: Object.fromEntries(commonFields.map((f) => [f, values.nul])) } });
      }
    }
    // Query strings: every name the pages' filters use, at once, with each hostile value.
    for (const route of routes.filter((r) => r.hasLoader)) {
      const url = await goodUrl(route);
      for (const value of hostile) {
        const query = new URLSearchParams([...queryNames].map((name) => [name, value.slice(0, 2000)]));
        reads.push({ client: owner, what: `${route.id} ?*=${JSON.stringify(value.slice(0, 20))}`, path: `${url}?${query}` });
      }
    }
    // Every field of every form the pages offer, one at a time, with each hostile value, as
    // the page's scripts send it (a data request: the action alone, the page is not drawn
    // again), and once more as a document with the common fields it does not have.
    for (const form of formsByAction.values()) {
      for (const [index, [name]] of form.fields.entries()) {
        if (name === "intent") continue;
        for (const value of perField) {
          const fields = Object.fromEntries(form.fields.map(([n, v], i) => [n, i === index ? value : v]));
          ownerPosts.push({ client: owner, what: `form ${form.action} ${name}=${JSON.stringify(value.slice(0, 20))}`, path: dataRequest(form.action), init: { method: "POST", form: fields } });
        }
      }
      const extra = Object.fromEntries(commonFields.filter((f) => !form.fields.some(([n]) => n === f)).map((f) => [f, values.nul]));
      ownerPosts.push({ client: owner, what: `form ${form.action} + extra fields`, path: form.action, init: { method: "POST", form: { ...Object.fromEntries(form.fields), ...extra } } });
    }

    // The owner's posts one at a time, each refused one checked against the data as it was
    // just before; meanwhile the reads and anonymous posts, which change nothing of it.
    before = await snapshot();
    await Promise.all([
      inParallel([...reads, ...anonymousPosts], 3),
      (async () => {
        for (const job of ownerPosts) await send(job.client, job.what, job.path, job.init);
      })(),
    ]);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${sent} requests sent to ${routes.length} routes and ${formsByAction.size} forms in ${seconds} s, ${fiveHundreds} × 500`);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(formsByAction.size).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 240_000);
});
