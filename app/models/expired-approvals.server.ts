// Expired approvals: posts whose time passed before they were approved (approval-deadline.ts).
// The gate never put them on the schedule; they wait here for a new time or a cancellation,
// each carried out through the gate like any other move.
import { prisma } from "~/utils/db.server";
import { approvalsMissing } from "~/domain/post-gate";
import { movePost } from "./post-editor.server";
import { type Actor, type WorkspaceRef, act, gatePostOf, loadGateRow, policyOf } from "./post-gate.server";

export function listExpired(workspaceId: string, now = new Date()) {
  return prisma.post.findMany({
    where: { workspaceId, status: { in: ["IN_REVIEW", "APPROVED"] }, scheduledAt: { lte: now } },
    orderBy: { scheduledAt: "desc" },
    take: 200,
    select: {
      id: true,
      title: true,
      status: true,
      scheduledAt: true,
      revision: true,
      author: { select: { name: true } },
      approvals: { where: { decision: "APPROVED" }, select: { revision: true } },
      variants: { where: { status: { not: "CANCELLED" } }, select: { channel: { select: { name: true } } } },
    },
  });
}

/**
 * A new time for an expired post: moved through the gate, and — when it was approved already
 * and this person may schedule it — put back on the schedule, so one click is enough.
 */
export async function rescheduleExpired(workspace: WorkspaceRef, actor: Actor, postId: string, date: string, time: string) {
  const moved = await movePost(workspace, actor, postId, date, time);
  if (!moved.ok || moved.status !== "APPROVED") return moved;
  const scheduled = await act(workspace, actor, postId, { kind: "schedule" });
  return scheduled.ok ? scheduled : moved;
}

/** How many approvals a post still lacks (for "approved; it still needs N more"). */
export async function approvalsStillMissing(workspace: WorkspaceRef, postId: string) {
  const row = await loadGateRow(prisma, workspace.id, postId);
  return row ? approvalsMissing(gatePostOf(row), policyOf(workspace)) : 0;
}

export async function postTitle(workspaceId: string, postId: string) {
  return (await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { title: true } }))?.title ?? null;
}
