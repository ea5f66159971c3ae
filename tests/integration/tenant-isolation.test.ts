// The tenant isolation matrix: every route that reads or changes workspace data, asked by
// every role of workspace A and by an owner of workspace B. The expected answers are the
// README's role table, written out; denials must change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addMember, createPost, createUser, createWorkspace, signedIn } from "../support/fixtures";
import type { Client } from "../support/http-client";

type Who = "owner" | "editor" | "approver" | "viewer" | "outsider";
const everyone: Who[] = ["owner", "editor", "approver", "viewer", "outsider"];

let A: { id: string; slug: string };
let B: { id: string; slug: string };
let postA: string;
let variantA: string;
let editorMembershipA: string;
let invitationA: string;
let mediaA: string;
const clients = {} as Record<Who, Client>;

beforeAll(async () => {
  A = await createWorkspace();
  B = await createWorkspace();
  for (const who of everyone) {
    const user = await createUser(`${who}-${A.slug}`);
    if (who === "outsider") await addMember(B.id, user.id, "OWNER");
    else {
      const m = await addMember(A.id, user.id, who.toUpperCase() as "OWNER");
      if (who === "editor") editorMembershipA = m.id;
    }
    clients[who] = await signedIn(user);
  }
  postA = (await createPost(A.id)).id;
  variantA = (await prisma.variant.findFirstOrThrow({ where: { postId: postA }, select: { id: true } })).id;
  const owner = await prisma.membership.findFirstOrThrow({ where: { workspaceId: A.id, role: "OWNER" }, select: { userId: true } });
  mediaA = (
    await prisma.media.create({
      data: { workspaceId: A.id, kind: "IMAGE", mimeType: "image/png", byteSize: 10n, sha256: "0".repeat(64), storageKey: `${A.id.toLowerCase()}/probe`, fileName: "probe.png" },
      select: { id: true },
    })
  ).id;
  invitationA = (
    await prisma.invitation.create({
      data: { workspaceId: A.id, email: "invited@test.example", role: "VIEWER", tokenHash: `hash-${A.slug}`, invitedById: owner.userId, expiresAt: new Date(Date.now() + 86_400_000) },
    })
  ).id;
});

const snapshot = async () => ({
  channels: await prisma.channel.count({ where: { workspaceId: A.id } }),
  invitations: await prisma.invitation.count({ where: { workspaceId: A.id } }),
  workspace: await prisma.workspace.findUniqueOrThrow({ where: { id: A.id }, select: { name: true, timeZone: true } }),
  memberships: await prisma.membership.findMany({ where: { workspaceId: A.id }, select: { id: true, role: true }, orderBy: { id: "asc" } }),
  media: await prisma.media.findMany({ where: { workspaceId: A.id }, select: { id: true, altText: true } }),
});

type Case = { name: string; method: "GET" | "POST"; path: () => string; form?: () => Record<string, string>; expect: Record<Who, number> };

const read = { owner: 200, editor: 200, approver: 200, viewer: 200, outsider: 404 };
const ownerOnly = { owner: 200, editor: 403, approver: 403, viewer: 403, outsider: 404 };
const writers = { owner: 200, editor: 200, approver: 403, viewer: 403, outsider: 404 };
const approvers = { owner: 200, editor: 403, approver: 200, viewer: 403, outsider: 404 };
const range = () => `from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * 86_400_000).toISOString()}`;

const cases: Case[] = [
  { name: "plan (list view)", method: "GET", path: () => `/w/${A.slug}`, expect: read },
  { name: "a post", method: "GET", path: () => `/w/${A.slug}/posts/${postA}`, expect: read },
  { name: "channels", method: "GET", path: () => `/w/${A.slug}/channels`, expect: read },
  { name: "members", method: "GET", path: () => `/w/${A.slug}/members`, expect: read },
  { name: "settings", method: "GET", path: () => `/w/${A.slug}/settings`, expect: ownerOnly },
  { name: "connect a channel", method: "POST", path: () => `/w/${A.slug}/channels`, form: () => ({ network: "x", name: "Probe" }), expect: ownerOnly },
  { name: "invite a member", method: "POST", path: () => `/w/${A.slug}/members`, form: () => ({ intent: "invite", email: `probe-${Math.random()}@test.example`, role: "OWNER" }), expect: ownerOnly },
  { name: "change a role", method: "POST", path: () => `/w/${A.slug}/members`, form: () => ({ intent: "change-role", membershipId: editorMembershipA, role: "EDITOR" }), expect: ownerOnly },
  { name: "update settings", method: "POST", path: () => `/w/${A.slug}/settings`, form: () => ({ name: "Probe" }), expect: ownerOnly },
  { name: "time zone change preview", method: "GET", path: () => `/w/${A.slug}/settings/time-zone?zone=UTC&mode=keep-local`, expect: ownerOnly },
  { name: "pause page", method: "GET", path: () => `/w/${A.slug}/pause`, expect: read },
  { name: "calendar rule badges", method: "GET", path: () => `/w/${A.slug}/plan-check?${range()}`, expect: read },
  { name: "CSV export", method: "GET", path: () => `/w/${A.slug}/export?from=2026-01-01&to=2026-01-31`, expect: read },
  { name: "new post editor", method: "GET", path: () => `/w/${A.slug}/posts/new`, expect: writers },
  { name: "edit a post", method: "GET", path: () => `/w/${A.slug}/posts/${postA}/edit`, expect: writers },
  { name: "import and export page", method: "GET", path: () => `/w/${A.slug}/transfer`, expect: writers },
  { name: "review queue", method: "GET", path: () => `/w/${A.slug}/review`, expect: approvers },
  { name: "client links", method: "GET", path: () => `/w/${A.slug}/share`, expect: ownerOnly },
  { name: "expired approvals", method: "GET", path: () => `/w/${A.slug}/expired`, expect: read },
  // An impossible date: the roles allowed to reschedule are told why (400), the others refused first.
  { name: "reschedule from expired approvals", method: "POST", path: () => `/w/${A.slug}/expired`, form: () => ({ intent: "reschedule", postId: postA, date: "2026-13-45", time: "10:00" }), expect: { ...writers, owner: 400, editor: 400 } },
  { name: "team chat setting", method: "POST", path: () => `/w/${A.slug}/settings`, form: () => ({ intent: "chat-off" }), expect: ownerOnly },
  { name: "media library", method: "GET", path: () => `/w/${A.slug}/media`, expect: read },
  { name: "media alt text", method: "POST", path: () => `/w/${A.slug}/media?index`, form: () => ({ intent: "alt", mediaId: mediaA, altText: "Probe" }), expect: writers },
  { name: "pause publishing", method: "POST", path: () => `/w/${A.slug}/pause`, form: () => ({ intent: "pause", reason: "Probe" }), expect: writers },
  // A draft variant cannot be cancelled: the roles allowed to try get the reason (409).
  { name: "act on a variant", method: "POST", path: () => `/w/${A.slug}/posts/${postA}`, form: () => ({ intent: "cancel", variantId: variantA }), expect: { ...writers, owner: 409, editor: 409 } },
];

describe("tenant isolation matrix", () => {
  for (const route of cases) {
    for (const who of everyone) {
      it(`${route.method} ${route.name} as ${who} → ${route.expect[who]}`, async () => {
        const before = await snapshot();
        const response = route.method === "GET" ? await clients[who].get(route.path()) : await clients[who].post(route.path(), route.form!());
        expect(response.status).toBe(route.expect[who]);
        const body = await response.text();
        if (response.status === 404) expect(body).toContain("not a member of it");
        if (response.status === 403) expect(body).toMatch(/As an? \w+ you cannot/);
        if (route.method === "POST" && response.status !== 200) expect(await snapshot()).toEqual(before);
        if (response.status === 409) expect(body).toContain("This channel&#x27;s post cannot do that in its present state.");
      });
    }
  }
});

describe("objects of another workspace through one's own", () => {
  it("a post of A is not found under B", async () => {
    expect((await clients.outsider.get(`/w/${B.slug}/posts/${postA}`)).status).toBe(404);
  });

  it("a variant of A cannot be acted on through a post of B", async () => {
    const postB = (await createPost(B.id)).id;
    const response = await clients.outsider.post(`/w/${B.slug}/posts/${postB}`, { intent: "cancel", variantId: variantA });
    expect(response.status).toBe(404);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variantA } })).status).toBe("DRAFT");
  });

  it.each([
    ["change-role", () => ({ membershipId: editorMembershipA, role: "OWNER" })],
    ["remove", () => ({ membershipId: editorMembershipA })],
    ["revoke-invitation", () => ({ invitationId: invitationA })],
  ] as const)("%s with A's ids under B finds nothing and changes nothing", async (intent, form) => {
    const before = await snapshot();
    const response = await clients.outsider.post(`/w/${B.slug}/members`, { intent, ...form() });
    expect(response.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("an unknown workspace looks the same as one you are not in", async () => {
    const unknown = await clients.viewer.get("/w/no-such-brand-anywhere");
    const foreign = await clients.viewer.get(`/w/${B.slug}`);
    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
  });
});
