// The sweeper does not trust Redis to remember: every run it (1) re-creates the job of any
// due variant whose job is gone (Redis restarted or flushed, job lost), and (2) recovers
// variants whose publishing lease expired (the worker died mid-publish): the network is
// asked when it can say, otherwise a person is asked "did this go out?".
import type { Logger } from "pino";
import { adapters } from "../app/channels/registry.server.ts";
import type { NetworkKind } from "../app/domain/networks.ts";
import { prisma } from "../app/utils/db.server.ts";
import { decrypt } from "../app/utils/encryption.server.ts";
import { enqueuePublish, getPublishQueue, publishJobId } from "../app/utils/queues.server.ts";
import { HOLD_PAUSED, settle } from "./publish.ts";

export const SWEEP_EVERY_MS = 30_000;
const LOOKAHEAD_MS = 60_000;
const BATCH = 500;

export async function sweep(logger: Logger, now = new Date()) {
  const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
  const due = await prisma.variant.findMany({
    where: {
      status: "SCHEDULED",
      scheduledAt: { lte: horizon },
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: horizon } }],
      AND: [{ OR: [{ failureClass: null }, { failureClass: { not: HOLD_PAUSED } }] }],
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
    await enqueuePublish(variant.id, variant.scheduleVersion, variant.attempts, variant.nextAttemptAt ?? variant.scheduledAt!);
    requeued++;
  }

  const expired = await prisma.variant.findMany({
    where: { status: "PUBLISHING", leaseUntil: { lt: now } },
    take: BATCH,
    select: { id: true, attemptId: true, scheduleVersion: true, attempts: true, text: true, link: true, mediaUrls: true, scheduledAt: true, publishKey: true, channel: { select: { network: true, credentials: true, settings: true } } },
  });
  for (const variant of expired) {
    const adapter = adapters[variant.channel.network as NetworkKind];
    let credentials: Record<string, string> = {};
    try {
      credentials = variant.channel.credentials ? (JSON.parse(decrypt(variant.channel.credentials)) as Record<string, string>) : {};
    } catch {
      credentials = {};
    }
    const found = adapter?.lookup
      ? await adapter
          .lookup({ text: variant.text, link: variant.link, mediaUrls: variant.mediaUrls, publishKey: variant.publishKey ?? variant.id, credentials, settings: (variant.channel.settings ?? {}) as Record<string, unknown>, scheduledAt: variant.scheduledAt ?? now })
          .catch(() => null)
      : null;
    const message = "the worker stopped while publishing";
    await settle(
      variant.id,
      variant.attemptId!,
      variant.scheduleVersion,
      variant.attempts,
      found?.found
        ? { kind: "published", externalId: found.externalId, url: found.url }
        : found
          ? { kind: "retry", message: `${message}; the network has no such post` }
          : { kind: "unknown", message },
    );
  }
  if (requeued || expired.length) logger.info({ requeued, recovered: expired.length }, "sweep");
  return { requeued, recovered: expired.length };
}
