// The sweeper does not trust Redis to remember: every run it (1) re-creates the job of any
// due variant whose job is gone (Redis restarted or flushed, job lost), and (2) recovers
// variants whose publishing lease expired (the worker died mid-publish): the network is
// asked when it can say, otherwise a person is asked "did this go out?".
import type { Logger } from "pino";
import { adapterFor } from "../app/channels/adapters.server.ts";
import type { NetworkKind } from "../app/channels/networks.ts";
import { prisma } from "../app/utils/db.server.ts";
import { enqueuePublish, getPublishQueue, publishJobId } from "../app/utils/queues.server.ts";
import { holdClasses } from "../app/models/scheduling.server.ts";
import { loadVariant, requestFor, resolveUnknown, settle } from "./publish.ts";

// Only variants already this late are checked: a job that is merely waiting for its time
// costs nothing to leave alone, and checking every upcoming one would load the worker
// exactly when many posts are due.
const GRACE_MS = 5_000;
const BATCH = 500;

export async function sweep(logger: Logger, now = new Date()) {
  const horizon = new Date(now.getTime() - GRACE_MS);
  const due = await prisma.variant.findMany({
    where: {
      status: "SCHEDULED",
      scheduledAt: { lte: horizon },
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: horizon } }],
      AND: [{ OR: [{ failureClass: null }, { failureClass: { notIn: [...holdClasses] } }] }],
      workspace: { pausedAt: null },
    },
    orderBy: { scheduledAt: "asc" },
    take: BATCH,
    select: { id: true, scheduleVersion: true, attempts: true, scheduledAt: true, nextAttemptAt: true },
  });
  const queue = getPublishQueue();
  let requeued = 0;
  for (const variant of due) {
    const job = await queue.getJob(publishJobId(variant.id, variant.scheduleVersion, variant.attempts));
    const state = job ? await job.getState() : null;
    if (state === "waiting" || state === "delayed" || state === "active" || state === "paused") continue;
    await job?.remove().catch(() => {});
    await enqueuePublish(variant.id, variant.scheduleVersion, variant.attempts, now);
    requeued++;
  }

  const expired = await prisma.variant.findMany({
    where: { status: "PUBLISHING", leaseUntil: { lt: now } },
    take: BATCH,
    select: { id: true, attemptId: true },
  });
  for (const { id, attemptId } of expired) {
    const variant = await loadVariant(id);
    if (!variant || !attemptId) continue;
    const adapter = adapterFor(variant.channel.network as NetworkKind);
    const unknown = { kind: "unknown" as const, message: "the worker stopped while publishing" };
    const outcome = adapter ? await resolveUnknown(adapter, requestFor(variant), variant.firstAttemptAt ?? now, unknown) : unknown;
    await settle(id, attemptId, variant.scheduleVersion, variant.attempts, outcome);
  }
  if (requeued || expired.length) logger.info({ requeued, recovered: expired.length }, "sweep");
  return { requeued, recovered: expired.length };
}
