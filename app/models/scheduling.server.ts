// Variants on and off the publishing schedule, inside the gate's transaction, and the
// Bull jobs that follow after it commits. PostgreSQL is the source of truth; a job is only
// a timer, re-created by the sweeper if Redis loses it. Only the gate
// (app/models/post-gate.server.ts) calls these: nothing else puts a variant on the schedule.
import type { NetworkKind } from "~/channels/networks";
import { newPublishKey } from "~/domain/publish-key";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { setPauseFlag } from "~/utils/pause-flag.server";
import { enqueuePublish, getPublishQueue, publishJobId } from "~/utils/queues.server";
import { recordAudit } from "./audit.server";
import { recordEvents } from "./notification-events.server";

type Tx = Prisma.TransactionClient;

/** What the queue must do once the transaction has committed. */
export type QueueChange = { variantId: string; enqueue?: { version: number; at: Date }; dequeue?: { version: number; attempts: number } };

/** Hold reasons the claim refuses and the sweeper leaves alone, each waiting for a person. */
export const holdClasses = ["paused", "held-rules", "needs-reconnect"] as const;

/**
 * Puts variants on the schedule at `at` (or their own time), each with a new schedule
 * version: any earlier job becomes stale. Variants publishing or published are left alone.
 */
export async function scheduleVariants(tx: Tx, workspaceId: string, variantIds: readonly string[], at?: Date): Promise<QueueChange[]> {
  if (variantIds.length === 0) return [];
  const current = await tx.variant.findMany({
    where: { id: { in: [...variantIds] }, workspaceId, status: { notIn: ["PUBLISHING", "PUBLISHED"] } },
    select: { id: true, status: true, scheduleVersion: true, scheduledAt: true, attempts: true, channel: { select: { network: true } } },
  });
  const changes: QueueChange[] = [];
  for (const variant of current) {
    const scheduledAt = at ?? variant.scheduledAt;
    if (!scheduledAt) continue;
    const version = variant.scheduleVersion + 1;
    await tx.variant.update({
      where: { id: variant.id },
      data: {
        status: "SCHEDULED",
        scheduledAt,
        scheduleVersion: version,
        publishKey: newPublishKey(variant.channel.network as NetworkKind, variant.id, version),
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        failureClass: null,
        attemptId: null,
        leaseUntil: null,
        firstAttemptAt: null,
      },
      select: { id: true },
    });
    changes.push({
      variantId: variant.id,
      enqueue: { version, at: scheduledAt },
      dequeue: variant.scheduleVersion > 0 ? { version: variant.scheduleVersion, attempts: variant.attempts } : undefined,
    });
  }
  return changes;
}

/** Takes variants off the schedule (back to draft) or cancels them — also failed or unknown ones a person gives up on. */
export async function unscheduleVariants(tx: Tx, workspaceId: string, variantIds: readonly string[], to: "DRAFT" | "CANCELLED"): Promise<QueueChange[]> {
  if (variantIds.length === 0) return [];
  const from = to === "CANCELLED" ? (["DRAFT", "SCHEDULED", "FAILED", "UNKNOWN"] as const) : (["SCHEDULED", "FAILED", "UNKNOWN"] as const);
  const current = await tx.variant.findMany({
    where: { id: { in: [...variantIds] }, workspaceId, status: { in: [...from] } },
    select: { id: true, scheduleVersion: true, attempts: true },
  });
  for (const variant of current) {
    await tx.variant.update({
      where: { id: variant.id },
      data: { status: to, scheduleVersion: variant.scheduleVersion + 1, nextAttemptAt: null, attemptId: null, leaseUntil: null, failureClass: null },
      select: { id: true },
    });
  }
  return current.filter((v) => v.scheduleVersion > 0).map((v) => ({ variantId: v.id, dequeue: { version: v.scheduleVersion, attempts: v.attempts } }));
}

/** A person's answer to "did this go out?": yes, here (optionally) is the post. */
export async function markVariantPublished(tx: Tx, workspaceId: string, variantId: string, url: string | null) {
  const { count } = await tx.variant.updateMany({
    where: { id: variantId, workspaceId, status: { in: ["UNKNOWN", "FAILED"] } },
    data: { status: "PUBLISHED", externalUrl: url, publishedAt: new Date(), failureClass: null, lastError: null, attemptId: null, leaseUntil: null },
  });
  return count > 0;
}

/** After the transaction: stale jobs go, new ones come. */
export async function applyQueueChanges(changes: readonly QueueChange[]) {
  for (const change of changes) {
    if (change.dequeue) await removePendingJobs(change.variantId, change.dequeue.version, change.dequeue.attempts);
    if (change.enqueue) await enqueuePublish(change.variantId, change.enqueue.version, 0, change.enqueue.at);
  }
}

// A schedule version has one job per attempt made so far; version 0 was never queued.
async function removePendingJobs(variantId: string, version: number, attempts: number) {
  const queue = getPublishQueue();
  for (let attempt = 0; attempt <= attempts; attempt++) {
    const job = await queue.getJob(publishJobId(variantId, version, attempt));
    if (job && !(await job.isActive())) await job.remove().catch(() => {});
  }
}

export async function pauseWorkspace(workspaceId: string, actorId: string, reason: string) {
  // The flag first: from this moment no claimed variant is sent, even before the commit.
  await setPauseFlag(workspaceId, true);
  try {
    await prisma.$transaction(async (tx) => {
      const pausedAt = new Date();
      await tx.workspace.update({ where: { id: workspaceId }, data: { pausedAt, pauseReason: reason } });
      await recordAudit(tx, { workspaceId, actorId, action: "workspace.paused", targetType: "workspace", targetId: workspaceId, data: { reason } });
      await recordEvents(tx, [{ key: `paused:${workspaceId}:${pausedAt.getTime()}`, workspaceId, kind: "publishing-paused", actorId, data: { reason } }]);
    });
  } catch (error) {
    await setPauseFlag(workspaceId, false);
    throw error;
  }
}

/** Lifts the pause. Nothing overdue is sent: it is held and returned for a person to decide. */
export async function resumeWorkspace(workspaceId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    await tx.variant.updateMany({
      where: { workspaceId, status: "SCHEDULED", scheduledAt: { lt: new Date() }, failureClass: null },
      data: { failureClass: "paused", lastError: "Held: its time passed while publishing was paused." },
    });
    const { pausedAt } = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { pausedAt: true } });
    await tx.workspace.update({ where: { id: workspaceId }, data: { pausedAt: null, pauseReason: null } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.resumed", targetType: "workspace", targetId: workspaceId });
    const waiting = await tx.post.count({ where: { workspaceId, variants: { some: { status: "SCHEDULED", failureClass: "paused" } } } });
    const key = `resumed:${workspaceId}:${pausedAt?.getTime() ?? Date.now()}`;
    await recordEvents(tx, [{ key, workspaceId, kind: "publishing-resumed", actorId, data: { held: waiting } }]);
  });
  await setPauseFlag(workspaceId, false);
  return listNeedingAttention(workspaceId);
}

/** Variants waiting for a person: overdue after a pause, or held because the plan now breaks a blocking rule. */
export function listNeedingAttention(workspaceId: string, now = new Date()) {
  return prisma.variant.findMany({
    where: { workspaceId, status: "SCHEDULED", OR: [{ scheduledAt: { lt: now } }, { failureClass: { in: [...holdClasses] } }] },
    orderBy: { scheduledAt: "asc" },
    select: {
      id: true,
      scheduledAt: true,
      text: true,
      failureClass: true,
      lastError: true,
      post: { select: { id: true, title: true, status: true } },
      channel: { select: { name: true, network: true } },
    },
  });
}
