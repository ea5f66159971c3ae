import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addMember, createUser, signedIn, workspaceWithMember } from "../support/fixtures";

const invitationPath = (html: string) => {
  const match = /\/invitations\/[A-Za-z0-9_-]+/.exec(html);
  if (!match) throw new Error("no invitation link on the page");
  return match[0];
};

describe("invitations", () => {
  it("give the invited person the chosen role through a link the owner copies", async () => {
    const { workspace, client } = await workspaceWithMember();
    const invitee = await createUser();
    const response = await client.post(`/w/${workspace.slug}/members`, { intent: "invite", email: invitee.email.toUpperCase(), role: "APPROVER" });
    expect(response.status).toBe(200);
    const link = invitationPath(await response.text());

    const guest = await signedIn(invitee);
    expect(await (await guest.get(link)).text()).toContain("as an approver");
    const joined = await guest.post(link, {});
    expect(joined.headers.get("location")).toBe(`/w/${workspace.slug}`);
    expect(await prisma.membership.findFirst({ where: { workspaceId: workspace.id, userId: invitee.id }, select: { role: true } })).toEqual({ role: "APPROVER" });

    // A link works once.
    expect((await guest.post(link, {})).status).toBe(404);
  });

  it("cannot be used by someone signed in with another address", async () => {
    const { workspace, client } = await workspaceWithMember();
    const invitee = await createUser();
    const link = invitationPath(await (await client.post(`/w/${workspace.slug}/members`, { intent: "invite", email: invitee.email, role: "EDITOR" })).text());
    const stranger = await createUser();
    const response = await (await signedIn(stranger)).post(link, {});
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(`This invitation is for ${invitee.email}`);
    expect(await prisma.membership.count({ where: { workspaceId: workspace.id, userId: stranger.id } })).toBe(0);
  });

  it("refuses a made-up token and a bad role", async () => {
    const { workspace, client } = await workspaceWithMember();
    expect((await client.get("/invitations/made-up-token")).status).toBe(404);
    const response = await client.post(`/w/${workspace.slug}/members`, { intent: "invite", email: "x@test.example", role: "ADMIN" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose a role");
  });

  it("can be revoked", async () => {
    const { workspace, client } = await workspaceWithMember();
    const invitee = await createUser();
    const link = invitationPath(await (await client.post(`/w/${workspace.slug}/members`, { intent: "invite", email: invitee.email, role: "VIEWER" })).text());
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true } });
    await client.post(`/w/${workspace.slug}/members`, { intent: "revoke-invitation", invitationId: invitation.id });
    expect((await (await signedIn(invitee)).post(link, {})).status).toBe(404);
  });
});

describe("roles", () => {
  it("the owner changes and removes roles", async () => {
    const { workspace, client } = await workspaceWithMember();
    const editor = await createUser();
    const m = await addMember(workspace.id, editor.id, "EDITOR");
    expect((await client.post(`/w/${workspace.slug}/members`, { intent: "change-role", membershipId: m.id, role: "VIEWER" })).status).toBe(200);
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: m.id } })).role).toBe("VIEWER");
    expect((await client.post(`/w/${workspace.slug}/members`, { intent: "remove", membershipId: m.id })).status).toBe(200);
    expect(await prisma.membership.findUnique({ where: { id: m.id } })).toBeNull();
    const actions = await prisma.auditEvent.findMany({ where: { workspaceId: workspace.id }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["member.removed", "member.role_changed"]);
  });

  it("the last owner can neither step down nor leave", async () => {
    const { workspace, membership, client } = await workspaceWithMember();
    const demote = await client.post(`/w/${workspace.slug}/members`, { intent: "change-role", membershipId: membership.id, role: "EDITOR" });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain("A workspace needs at least one owner");
    expect((await client.post(`/w/${workspace.slug}/members`, { intent: "remove", membershipId: membership.id })).status).toBe(409);
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("OWNER");
  });

  it("an owner may step down once there is another owner", async () => {
    const { workspace, membership, client } = await workspaceWithMember();
    const other = await createUser();
    const m = await addMember(workspace.id, other.id, "EDITOR");
    await client.post(`/w/${workspace.slug}/members`, { intent: "change-role", membershipId: m.id, role: "OWNER" });
    const response = await client.post(`/w/${workspace.slug}/members`, { intent: "change-role", membershipId: membership.id, role: "EDITOR" });
    expect(response.status).toBe(200);
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const first = await workspaceWithMember();
    const second = await createUser();
    const m2 = await addMember(first.workspace.id, second.id, "OWNER");
    const secondClient = await signedIn(second);
    const path = `/w/${first.workspace.slug}/members`;
    const results = await Promise.all([
      first.client.post(path, { intent: "change-role", membershipId: m2.id, role: "EDITOR" }),
      secondClient.post(path, { intent: "change-role", membershipId: first.membership.id, role: "EDITOR" }),
    ]);
    // The loser is refused either as the last owner (409) or, when the winner was quicker, as no longer an owner (403).
    const [won, lost] = results.map((r) => r.status).sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    expect(await prisma.membership.count({ where: { workspaceId: first.workspace.id, role: "OWNER" } })).toBe(1);
  });
});
