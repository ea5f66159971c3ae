// Client approval links: a date range of one workspace, shown to whoever holds the link,
// who may approve posts or ask for changes under their own name — nothing else.
import { DateTime } from "luxon";
import { prisma } from "~/utils/db.server";
import { hashToken, isTokenShaped, newSecretToken } from "~/utils/secret-token.server";
import { recordAudit } from "./audit.server";
import { type WorkspaceRef, decide } from "./post-workflow.server";

export async function createShareLink(workspace: { id: string; timeZone: string }, actorId: string, input: { label: string; from: string; to: string; days: number }) {
  const token = newSecretToken();
  const fromDate = DateTime.fromISO(input.from, { zone: workspace.timeZone }).startOf("day").toJSDate();
  const toDate = DateTime.fromISO(input.to, { zone: workspace.timeZone }).plus({ days: 1 }).startOf("day").toJSDate();
  await prisma.$transaction(async (tx) => {
    const link = await tx.shareLink.create({
      data: { workspaceId: workspace.id, tokenHash: hashToken(token), label: input.label, fromDate, toDate, expiresAt: new Date(Date.now() + input.days * 86_400_000), createdById: actorId },
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId: workspace.id, actorId, action: "share.created", targetType: "share-link", targetId: link.id, data: { label: input.label, from: input.from, to: input.to } });
  });
  return token;
}

export function listShareLinks(workspaceId: string) {
  return prisma.shareLink.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, select: { id: true, label: true, fromDate: true, toDate: true, expiresAt: true, revokedAt: true } });
}

export async function revokeShareLink(workspaceId: string, actorId: string, linkId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.shareLink.updateMany({ where: { id: linkId, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "share.revoked", targetType: "share-link", targetId: linkId });
    return count > 0;
  });
}

/** The link behind a token, if it is well-formed, known, not revoked and not expired. */
export async function openShareLink(token: string | undefined) {
  if (!isTokenShaped(token)) return null;
  const link = await prisma.shareLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      fromDate: true,
      toDate: true,
      expiresAt: true,
      revokedAt: true,
      workspace: { select: { id: true, name: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true } },
    },
  });
  if (!link || link.revokedAt || link.expiresAt < new Date()) return null;
  return link;
}

export function listSharedPosts(link: { fromDate: Date; toDate: Date; workspace: { id: string } }) {
  return prisma.post.findMany({
    where: { workspaceId: link.workspace.id, scheduledAt: { gte: link.fromDate, lt: link.toDate }, status: { notIn: ["CANCELLED", "DRAFT"] } },
    orderBy: { scheduledAt: "asc" },
    select: {
      id: true,
      title: true,
      status: true,
      scheduledAt: true,
      variants: { select: { id: true, text: true, link: true, mediaUrls: true, channel: { select: { name: true, network: true } } } },
    },
  });
}

/** A client's decision on one post of the link's range; any other post is "not found". */
export async function clientDecision(link: NonNullable<Awaited<ReturnType<typeof openShareLink>>>, input: { postId: string; decision: "approve" | "request-changes"; name: string; comment?: string }) {
  const inRange = await prisma.post.findFirst({
    where: { id: input.postId, workspaceId: link.workspace.id, scheduledAt: { gte: link.fromDate, lt: link.toDate }, status: { notIn: ["CANCELLED", "DRAFT"] } },
    select: { id: true },
  });
  if (!inRange) return { ok: false as const, reason: "This post is not part of this link.", httpStatus: 404 as const };
  const workspace: WorkspaceRef = link.workspace;
  // The client decides as an approver without an account; their name is what identifies them.
  return decide(workspace, { id: `client:${input.name}`, role: "APPROVER" }, input.postId, { kind: input.decision }, { comment: input.comment || undefined, clientName: input.name });
}
