// Scheduling variants for the worker, and the crisis pause. PostgreSQL is the source of
// truth; the Bull job is only a timer, re-created by the sweeper if Redis loses it.
import type { NetworkKind } from "~/domain/networks";
import { newPublishKey } from "~/domain/publish-key";
import { prisma } from "~/utils/db.server";
import { enqueuePublish, getPublishQueue, publishJobId } from "~/utils/queues.server";
import { recordAudit } from "./audit.server";

/** Schedules (or reschedules) a variant at its time; any earlier job becomes stale. */
export async function scheduleVariant(workspaceId: string, variantId: string, at?: Date) {
  const current = await prisma.variant.findFirst({
    where: { id: variantId, workspaceId, status: { notIn: ["PUBLISHING", "PUBLISHED"] } },
    select: { scheduleVersion: true, scheduledAt: true, attempts: true, channel: { select: { network: true } } },
  });
  if (!current) return null;
  const version = current.scheduleVersion + 1;
  const scheduledAt = at ?? current.scheduledAt;
  if (!scheduledAt) throw new Error("A variant needs a time to be scheduled.");
  const updated = await prisma.variant.updateMany({
    where: { id: variantId, workspaceId, scheduleVersion: current.scheduleVersion, status: { notIn: ["PUBLISHING", "PUBLISHED"] } },
    data: {
      status: "SCHEDULED",
      scheduledAt,
      scheduleVersion: version,
      publishKey: newPublishKey(current.channel.network as NetworkKind, variantId, version),
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      failureClass: null,
      attemptId: null,
      leaseUntil: null,
      firstAttemptAt: null,
    },
  });
  if (updated.count === 0) return null;
  await removePendingJobs(variantId, current.scheduleVersion, current.attempts);
  await enqueuePublish(variantId, version, 0, scheduledAt);
  return { version, scheduledAt };
}

/**
 * Takes a variant off the schedule (back to draft) or cancels it — also a failed or unknown
 * one a person gives up on; a job that still runs finds nothing to do.
 */
export async function unscheduleVariant(workspaceId: string, variantId: string, status: "DRAFT" | "CANCELLED" = "DRAFT") {
  const from = status === "CANCELLED" ? (["SCHEDULED", "FAILED", "UNKNOWN"] as const) : (["SCHEDULED"] as const);
  const current = await prisma.variant.findFirst({ where: { id: variantId, workspaceId, status: { in: [...from] } }, select: { scheduleVersion: true, attempts: true } });
  if (!current) return false;
  const { count } = await prisma.variant.updateMany({
    where: { id: variantId, workspaceId, status: { in: [...from] }, scheduleVersion: current.scheduleVersion },
    data: { status, scheduleVersion: current.scheduleVersion + 1, nextAttemptAt: null },
  });
  if (count) await removePendingJobs(variantId, current.scheduleVersion, current.attempts);
  return count > 0;
}

// A schedule version has one job per attempt made so far; version 0 was never queued.
async function removePendingJobs(variantId: string, version: number, attempts: number) {
  if (version === 0) return;
  const queue = getPublishQueue();
  for (let attempt = 0; attempt <= attempts; attempt++) {
    const job = await queue.getJob(publishJobId(variantId, version, attempt));
    if (job && !(await job.isActive())) await job.remove().catch(() => {});
  }
}

export async function pauseWorkspace(workspaceId: string, actorId: string, reason: string) {
  await prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspaceId }, data: { pausedAt: new Date(), pauseReason: reason } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.paused", targetType: "workspace", targetId: workspaceId, data: { reason } });
  });
}

/** Lifts the pause. Nothing overdue is sent: it is held and returned for a person to decide. */
export async function resumeWorkspace(workspaceId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    await tx.variant.updateMany({
      where: { workspaceId, status: "SCHEDULED", scheduledAt: { lt: new Date() } },
      data: { failureClass: "paused", lastError: "Held: its time passed while publishing was paused." },
    });
    await tx.workspace.update({ where: { id: workspaceId }, data: { pausedAt: null, pauseReason: null } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.resumed", targetType: "workspace", targetId: workspaceId });
  });
  return listOverdue(workspaceId);
}

export function listOverdue(workspaceId: string, now = new Date()) {
  return prisma.variant.findMany({
    where: { workspaceId, status: "SCHEDULED", scheduledAt: { lt: now } },
    orderBy: { scheduledAt: "asc" },
    select: { id: true, scheduledAt: true, text: true, post: { select: { id: true, title: true } }, channel: { select: { name: true, network: true } } },
  });
}

/** A person's answer to "did this go out?": yes, here (optionally) is the post. */
export async function markPublished(workspaceId: string, actorId: string, variantId: string, url: string | null) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.variant.updateMany({
      where: { id: variantId, workspaceId, status: { in: ["UNKNOWN", "FAILED"] } },
      data: { status: "PUBLISHED", externalUrl: url, publishedAt: new Date(), failureClass: null, lastError: null, attemptId: null, leaseUntil: null },
    });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "variant.marked_published", targetType: "variant", targetId: variantId, data: { url } });
    return count > 0;
  });
}
