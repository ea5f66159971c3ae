// Workspaces: always reached through the signed-in user's membership.
import { defaultMixRules } from "~/domain/mix-rules-settings";
import type { Role } from "~/domain/permissions";
import { slugify } from "~/domain/slug";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export function listWorkspacesOf(userId: string) {
  return prisma.membership.findMany({
    where: { userId },
    orderBy: { workspace: { name: "asc" } },
    select: { role: true, workspace: { select: { id: true, name: true, slug: true, timeZone: true, pausedAt: true } } },
  });
}

export async function findMembership(userId: string, slug: string) {
  const membership = await prisma.membership.findFirst({
    where: { userId, workspace: { slug } },
    select: {
      role: true,
      workspace: {
        select: { id: true, name: true, slug: true, timeZone: true, pausedAt: true, pauseReason: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true, ownersNeedTwoFactor: true },
      },
    },
  });
  return membership && { role: membership.role as Role, workspace: membership.workspace };
}

async function freeSlug(name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await prisma.workspace.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((w) => w.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createWorkspace(ownerId: string, input: { name: string; timeZone: string }, attempt = 1): Promise<{ id: string; slug: string }> {
  const slug = await freeSlug(input.name);
  return insertWorkspace(ownerId, input, slug).catch((error: unknown) => {
    // Brands of the same name created at the same moment: each loser takes the next free slug.
    if (isUniqueViolation(error) && attempt < 5) return createWorkspace(ownerId, input, attempt + 1);
    throw error;
  });
}

function insertWorkspace(ownerId: string, input: { name: string; timeZone: string }, slug: string) {
  return prisma.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({
      data: {
        name: input.name,
        slug,
        timeZone: input.timeZone,
        mixRules: defaultMixRules(),
        memberships: { create: { userId: ownerId, role: "OWNER" } },
      },
      select: { id: true, slug: true },
    });
    await recordAudit(tx, { workspaceId: workspace.id, actorId: ownerId, action: "workspace.created", targetType: "workspace", targetId: workspace.id, data: input });
    return workspace;
  });
}

export function updateWorkspace(workspaceId: string, actorId: string, input: { name: string }) {
  return prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspaceId }, data: input, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.updated", targetType: "workspace", targetId: workspaceId, data: input });
  });
}

export function updateApprovalPolicy(workspaceId: string, actorId: string, policy: { approvalsRequired: number; editorsMaySchedule: boolean; keepApprovalOnMove: boolean; approvalReminderHours: number }) {
  return prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspaceId }, data: policy, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.approval_policy", targetType: "workspace", targetId: workspaceId, data: policy });
  });
}

/** A new secret calendar-feed token (the old one stops working), or none: the feed is off. */
export async function setCalendarFeed(workspaceId: string, actorId: string, tokenHash: string | null) {
  await prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspaceId }, data: { calendarFeedHash: tokenHash }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: tokenHash ? "feed.created" : "feed.revoked", targetType: "workspace", targetId: workspaceId });
  });
}

/** Whether owners must have two-factor sign-in on before acting in the workspace (audited). */
export function setOwnersNeedTwoFactor(workspaceId: string, actorId: string, required: boolean) {
  return prisma.$transaction([
    prisma.workspace.update({ where: { id: workspaceId }, data: { ownersNeedTwoFactor: required }, select: { id: true } }),
    prisma.auditEvent.create({ data: { workspaceId, actorId, action: "workspace.two-factor-policy", targetType: "workspace", targetId: workspaceId, data: { ownersNeedTwoFactor: required } } }),
  ]);
}
