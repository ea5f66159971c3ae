// Carrying out the approval workflow (app/domain/post-workflow.ts) on stored posts: the
// decision is pure, this file loads what it needs, writes the result in one transaction
// with its audit record, and then puts the variants on or off the schedule.
import type { Role } from "~/domain/permissions";
import { type ApprovalPolicy, type PostStatus, type Transition, type WorkflowAction, type WorkflowPost, transition } from "~/domain/post-workflow";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { scheduleVariant, unscheduleVariant } from "./scheduling.server";

export type WorkspaceRef = { id: string; timeZone: string; approvalsRequired: number; editorsMaySchedule: boolean; keepApprovalOnMove: boolean };
export type Actor = { id: string; role: Role; name?: string };

export const policyOf = (w: Pick<WorkspaceRef, "approvalsRequired" | "editorsMaySchedule" | "keepApprovalOnMove">): ApprovalPolicy => ({
  approvalsRequired: Math.min(2, Math.max(0, w.approvalsRequired)) as 0 | 1 | 2,
  editorsMaySchedule: w.editorsMaySchedule,
  keepApprovalOnMove: w.keepApprovalOnMove,
});

const liveStatuses = new Set(["PUBLISHING", "PUBLISHED"]);

/** The post as the workflow sees it, or null when it is not in this workspace. */
export async function loadWorkflowPost(db: Prisma.TransactionClient | typeof prisma, workspaceId: string, postId: string, blocked = false) {
  const post = await db.post.findFirst({
    where: { id: postId, workspaceId },
    select: {
      id: true,
      status: true,
      authorId: true,
      revision: true,
      scheduledAt: true,
      overrideReason: true,
      variants: { select: { id: true, status: true } },
      approvals: { select: { approverId: true, approverName: true, decision: true, revision: true } },
    },
  });
  if (!post) return null;
  const current = post.approvals.filter((a) => a.revision === post.revision && a.decision === "APPROVED");
  const approvedBy = [...new Set(current.map((a) => a.approverId ?? `client:${a.approverName ?? ""}`))];
  const workflow: WorkflowPost = {
    status: post.status as PostStatus,
    authorId: post.authorId,
    approvals: approvedBy.length,
    approvedBy,
    hasTime: post.scheduledAt !== null && post.scheduledAt.getTime() > Date.now(),
    live: post.variants.some((v) => liveStatuses.has(v.status)),
    blocked,
  };
  return { post, workflow };
}

/**
 * The post locked for this transaction, then loaded: one change at a time per post, so two
 * approvers at once cannot both be "the last", nor an edit slip between.
 */
export async function lockWorkflowPost(tx: Prisma.TransactionClient, workspaceId: string, postId: string, blocked = false) {
  await tx.$executeRaw`SELECT 1 FROM "Post" WHERE id = ${postId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  return loadWorkflowPost(tx, workspaceId, postId, blocked);
}

/** After the transaction: the variants follow the post onto or off the schedule. */
export async function followSchedule(workspaceId: string, postId: string, result: Extract<Transition, { ok: true }>) {
  const variants = await prisma.variant.findMany({ where: { postId, workspaceId }, select: { id: true, status: true, scheduledAt: true } });
  if (result.unschedules) {
    for (const v of variants) if (v.status === "SCHEDULED" || v.status === "FAILED" || v.status === "UNKNOWN") await unscheduleVariant(workspaceId, v.id, "DRAFT");
  }
  if (result.schedules) {
    for (const v of variants) if (v.scheduledAt && !liveStatuses.has(v.status)) await scheduleVariant(workspaceId, v.id, v.scheduledAt);
  }
}

export type WorkflowOutcome = { ok: true; status: PostStatus } | { ok: false; reason: string; httpStatus: 404 | 409 };

/**
 * Applies one decision of a person (approve, request changes, schedule, …) to a post.
 * `comment` lands on the post's thread; `blocked` is whether its rules block it now.
 */
export async function decide(
  workspace: WorkspaceRef,
  actor: Actor,
  postId: string,
  action: WorkflowAction,
  options: { comment?: string; blocked?: boolean; clientName?: string } = {},
): Promise<WorkflowOutcome> {
  const outcome = await prisma.$transaction(async (tx) => {
    const loaded = await lockWorkflowPost(tx, workspace.id, postId, options.blocked);
    if (!loaded) return { ok: false as const, reason: "This post was not found in this workspace.", httpStatus: 404 as const };
    const { post, workflow } = loaded;
    const result = transition(workflow, action, actor, policyOf(workspace));
    if (!result.ok) return { ok: false as const, reason: result.reason, httpStatus: 409 as const };
    if (action.kind === "approve" || action.kind === "request-changes") {
      await tx.approval.create({
        data: {
          postId,
          approverId: options.clientName ? null : actor.id,
          approverName: options.clientName ?? null,
          decision: action.kind === "approve" ? "APPROVED" : "CHANGES_REQUESTED",
          comment: options.comment ?? null,
          revision: post.revision,
        },
      });
    }
    if (options.comment) await tx.comment.create({ data: { postId, authorId: options.clientName ? null : actor.id, authorName: options.clientName ?? null, body: options.comment } });
    await tx.post.update({ where: { id: postId }, data: { status: result.status, revision: result.clearsApprovals ? { increment: 1 } : undefined }, select: { id: true } });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: options.clientName ? null : actor.id,
      action: `post.${action.kind}`,
      targetType: "post",
      targetId: postId,
      data: { from: workflow.status, to: result.status, ...(options.clientName ? { client: options.clientName } : {}), ...(options.comment ? { comment: options.comment } : {}) },
    });
    return { ok: true as const, result };
  });
  if (!outcome.ok) return outcome;
  await followSchedule(workspace.id, postId, outcome.result);
  return { ok: true, status: outcome.result.status };
}

export async function addComment(workspaceId: string, actorId: string, postId: string, body: string) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { id: true } });
  if (!post) return false;
  await prisma.$transaction(async (tx) => {
    await tx.comment.create({ data: { postId, authorId: actorId, body } });
    await recordAudit(tx, { workspaceId, actorId, action: "post.commented", targetType: "post", targetId: postId });
  });
  return true;
}

/** The review queue: posts waiting for a decision, those the person has not yet approved first. */
export async function listReviewQueue(workspaceId: string, userId: string) {
  const posts = await prisma.post.findMany({
    where: { workspaceId, status: "IN_REVIEW" },
    orderBy: [{ scheduledAt: { sort: "asc", nulls: "last" } }],
    select: {
      id: true,
      title: true,
      category: true,
      scheduledAt: true,
      revision: true,
      authorId: true,
      author: { select: { name: true } },
      variants: { select: { id: true, text: true, channel: { select: { name: true, network: true } } } },
      approvals: { select: { approverId: true, revision: true, decision: true } },
    },
  });
  return posts.map((post) => ({
    ...post,
    approvedByMe: post.approvals.some((a) => a.approverId === userId && a.revision === post.revision && a.decision === "APPROVED"),
    approvals: post.approvals.filter((a) => a.revision === post.revision && a.decision === "APPROVED").length,
    mine: post.authorId === userId,
  }));
}
