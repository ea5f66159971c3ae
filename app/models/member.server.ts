// Members and invitations of one workspace. Every function takes the workspace id from
// the guard, and every query filters by it, so an id from another workspace finds nothing.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export const INVITATION_DAYS = 14;

export class MemberRuleError extends Error {}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function listMembers(workspaceId: string) {
  return prisma.membership.findMany({
    where: { workspaceId },
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

export function listOpenInvitations(workspaceId: string) {
  return prisma.invitation.findMany({
    where: { workspaceId, acceptedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

/** Creates an invitation and returns its token; only its hash is stored. */
export async function inviteMember(workspaceId: string, actorId: string, input: { email: string; role: Role }) {
  const already = await prisma.membership.findFirst({ where: { workspaceId, user: { email: input.email } }, select: { id: true } });
  if (already) throw new MemberRuleError(`${input.email} is already a member of this workspace.`);
  const token = randomBytes(24).toString("base64url");
  await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actorId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId, actorId, action: "member.invited", targetType: "invitation", targetId: invitation.id, data: input });
  });
  return token;
}

export async function revokeInvitation(workspaceId: string, actorId: string, invitationId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.deleteMany({ where: { id: invitationId, workspaceId, acceptedAt: null } });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "member.invitation_revoked", targetType: "invitation", targetId: invitationId });
    return count > 0;
  });
}

// Member changes of one workspace take turns on its row, so two owners demoting each
// other at the same moment cannot leave the workspace without an owner.
async function lockWorkspace(tx: Prisma.TransactionClient, workspaceId: string) {
  await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
}

async function assertOwnerRemains(tx: Prisma.TransactionClient, workspaceId: string, leavingMembershipId: string) {
  const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER", id: { not: leavingMembershipId } } });
  if (owners === 0) throw new MemberRuleError("A workspace needs at least one owner: make someone else owner first.");
}

/** Returns false when no such member exists in this workspace. */
export function changeRole(workspaceId: string, actorId: string, membershipId: string, role: Role) {
  return prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, select: { role: true } });
    if (!member) return false;
    if (member.role === "OWNER" && role !== "OWNER") await assertOwnerRemains(tx, workspaceId, membershipId);
    await tx.membership.update({ where: { id: membershipId }, data: { role }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "member.role_changed", targetType: "membership", targetId: membershipId, data: { from: member.role, to: role } });
    return true;
  });
}

/** Returns false when no such member exists in this workspace. */
export function removeMember(workspaceId: string, actorId: string, membershipId: string) {
  return prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, select: { role: true, userId: true } });
    if (!member) return false;
    if (member.role === "OWNER") await assertOwnerRemains(tx, workspaceId, membershipId);
    await tx.membership.delete({ where: { id: membershipId }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "member.removed", targetType: "membership", targetId: membershipId, data: { userId: member.userId, role: member.role } });
    return true;
  });
}

export function findInvitation(token: string) {
  return prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, workspace: { select: { id: true, name: true, slug: true } } },
  });
}

export type Invitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

export function invitationProblem(invitation: Invitation | null, user: { email: string }): string | null {
  if (!invitation || invitation.acceptedAt) return "This invitation link is not valid any more. Ask the workspace owner for a new one.";
  if (invitation.expiresAt <= new Date()) return "This invitation has expired. Ask the workspace owner for a new one.";
  if (invitation.email !== user.email)
    return `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign in with the invited address.`;
  return null;
}

export function acceptInvitation(invitation: Invitation, userId: string) {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count === 0) return false;
    await tx.membership.upsert({
      where: { userId_workspaceId: { userId, workspaceId: invitation.workspace.id } },
      create: { userId, workspaceId: invitation.workspace.id, role: invitation.role },
      update: {},
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId: invitation.workspace.id, actorId: userId, action: "member.joined", targetType: "invitation", targetId: invitation.id, data: { role: invitation.role } });
    return true;
  });
}
