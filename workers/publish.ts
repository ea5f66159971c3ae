// Publishing one variant, exactly once. The job is only a timer: the variant row decides.
// 1. A stale job (older schedule version, variant no longer SCHEDULED) does nothing.
// 2. The worker claims the variant with a compare-and-set (SCHEDULED → PUBLISHING, its
//    attempt id, a lease), which also checks the pause at that moment: two workers, a
//    stalled job or a duplicate job can never both publish.
// 3. The adapter's outcome is written only while the claim is still ours.
import { randomUUID } from "node:crypto";
import type Bull from "bull";
import type { Logger } from "pino";
import { adapters } from "../app/channels/registry.server.ts";
import type { ChannelAdapter, PublishRequest } from "../app/channels/adapter.server.ts";
import type { NetworkKind } from "../app/domain/networks.ts";
import { MAX_ATTEMPTS, type PublishOutcome, retryDelayMs } from "../app/domain/publish-outcome.ts";
import { prisma } from "../app/utils/db.server.ts";
import { decrypt } from "../app/utils/encryption.server.ts";
import { env } from "../app/utils/env.server.ts";
import { type PublishJob, enqueuePublish } from "../app/utils/queues.server.ts";
import { channelWaitMs } from "./channel-throttle.ts";

export const HOLD_PAUSED = "paused";

const variantSelect = {
  id: true,
  postId: true,
  text: true,
  link: true,
  mediaUrls: true,
  scheduledAt: true,
  status: true,
  scheduleVersion: true,
  attempts: true,
  nextAttemptAt: true,
  firstAttemptAt: true,
  publishKey: true,
  workspace: { select: { pausedAt: true } },
  channel: { select: { id: true, network: true, enabled: true, credentials: true, settings: true } },
} as const;

export type Variant = NonNullable<Awaited<ReturnType<typeof loadVariant>>>;

export function loadVariant(variantId: string) {
  return prisma.variant.findUnique({ where: { id: variantId }, select: variantSelect });
}

export function requestFor(variant: Variant): PublishRequest {
  let credentials: Record<string, string> = {};
  if (variant.channel.credentials) {
    const plain = decrypt(variant.channel.credentials);
    try {
      credentials = JSON.parse(plain) as Record<string, string>;
    } catch {
      credentials = { token: plain };
    }
  }
  return {
    text: variant.text,
    link: variant.link,
    mediaUrls: variant.mediaUrls,
    publishKey: variant.publishKey ?? variant.id,
    credentials,
    settings: (variant.channel.settings ?? {}) as Record<string, unknown>,
    scheduledAt: variant.scheduledAt ?? new Date(),
    isRetry: variant.attempts > 0,
    timeoutMs: typeof variant.channel.settings === "object" && variant.channel.settings && "timeoutMs" in variant.channel.settings ? Number(variant.channel.settings.timeoutMs) : undefined,
  };
}

export type PublishResult = { skipped: string } | { outcome: PublishOutcome["kind"] };

export function publishProcessor(logger: Logger) {
  return async (job: Bull.Job<PublishJob>): Promise<PublishResult> => {
    const { variantId, version } = job.data;
    const variant = await loadVariant(variantId);
    if (!variant || variant.scheduleVersion !== version || variant.status !== "SCHEDULED") return { skipped: "stale" };
    if (variant.nextAttemptAt && variant.nextAttemptAt.getTime() > Date.now() + 1000) return { skipped: "not yet" };
    if (variant.workspace.pausedAt) {
      await prisma.variant.updateMany({ where: { id: variantId, status: "SCHEDULED", scheduleVersion: version }, data: { failureClass: HOLD_PAUSED, lastError: "Held: publishing was paused at its time." } });
      logger.info({ variantId, event: "held" }, "workspace paused: variant held");
      return { skipped: "paused" };
    }
    const wait = await channelWaitMs(variant.channel.id, variant.channel.network as NetworkKind, variant.channel.settings);
    if (wait > 0) {
      const at = new Date(Date.now() + wait);
      const { count } = await prisma.variant.updateMany({
        where: { id: variantId, status: "SCHEDULED", scheduleVersion: version },
        data: { nextAttemptAt: at, lastError: `Waiting for the channel's posting limit to allow it (${Math.ceil(wait / 1000)} s).` },
      });
      if (count) await enqueuePublish(variantId, version, variant.attempts, at, `throttled-${at.getTime()}`);
      return { skipped: "channel rate limit" };
    }
    const attemptId = randomUUID();
    const claimed = await prisma.variant.updateMany({
      where: { id: variantId, status: "SCHEDULED", scheduleVersion: version, workspace: { pausedAt: null } },
      data: {
        status: "PUBLISHING",
        attemptId,
        leaseUntil: new Date(Date.now() + env().PUBLISH_LEASE_SECONDS * 1000),
        attempts: { increment: 1 },
        firstAttemptAt: variant.firstAttemptAt ?? new Date(),
      },
    });
    if (claimed.count === 0) return { skipped: "claimed elsewhere or paused" };

    const started = Date.now();
    const adapter = adapters[variant.channel.network as NetworkKind];
    const request = requestFor(variant);
    let outcome: PublishOutcome = !variant.channel.enabled
      ? { kind: "failed", failureClass: "config", message: "The channel is disabled." }
      : adapter
        ? await adapter.publish(request).catch((error: Error) => ({ kind: "unknown" as const, message: `the adapter failed: ${error.message}` }))
        : { kind: "failed", failureClass: "config", message: `Publishing to ${variant.channel.network} is not available yet.` };
    if (outcome.kind === "unknown" && adapter) outcome = await resolveUnknown(adapter, request, variant.firstAttemptAt ?? new Date(started), outcome);
    const attempt = variant.attempts + 1;
    await settle(variantId, attemptId, version, attempt, outcome);
    logger.info(
      { variantId, channelId: variant.channel.id, network: variant.channel.network, attempt, outcome: outcome.kind, ms: Date.now() - started, ...(outcome.kind !== "published" ? { reason: outcome.message } : {}) },
      "publish attempt",
    );
    return { outcome: outcome.kind };
  };
}

/**
 * An attempt whose outcome is unknown is settled with the network where it can say: by
 * reading the post back under its key, or by sending again with the same idempotency key
 * while the network still remembers it. Otherwise it stays unknown, for a person.
 */
export async function resolveUnknown(adapter: ChannelAdapter, request: PublishRequest, firstAttemptAt: Date, outcome: PublishOutcome & { kind: "unknown" }): Promise<PublishOutcome> {
  if (adapter.lookup) {
    const found = await adapter.lookup(request).catch(() => null);
    if (found?.found) return { kind: "published", externalId: found.externalId, url: found.url };
    if (found) return { kind: "retry", message: `${outcome.message}; the network has no such post, so it is tried again` };
  }
  if (adapter.idempotentForMs && Date.now() - firstAttemptAt.getTime() < adapter.idempotentForMs) {
    return { kind: "retry", message: `${outcome.message}; sent again under the same idempotency key, which the network answers with the original post` };
  }
  return outcome;
}

/** Writes an attempt's outcome, only while this attempt still holds the claim. */
export async function settle(variantId: string, attemptId: string, version: number, attempt: number, outcome: PublishOutcome) {
  const mine = { id: variantId, attemptId, status: "PUBLISHING" as const };
  const released = { attemptId: null, leaseUntil: null };
  if (outcome.kind === "published") {
    await prisma.variant.updateMany({
      where: mine,
      data: { ...released, status: "PUBLISHED", externalId: outcome.externalId, externalUrl: outcome.url, publishedAt: new Date(), lastError: null, failureClass: null },
    });
  } else if (outcome.kind === "retry" && attempt < MAX_ATTEMPTS) {
    const at = new Date(Date.now() + retryDelayMs(attempt, outcome.retryAfterMs));
    const { count } = await prisma.variant.updateMany({ where: mine, data: { ...released, status: "SCHEDULED", nextAttemptAt: at, lastError: `Attempt ${attempt}: ${outcome.message}` } });
    if (count) await enqueuePublish(variantId, version, attempt, at);
  } else if (outcome.kind === "retry") {
    await prisma.variant.updateMany({ where: mine, data: { ...released, status: "FAILED", failureClass: "retries-exhausted", lastError: `Gave up after ${attempt} attempts; the last: ${outcome.message}` } });
  } else if (outcome.kind === "failed") {
    await prisma.variant.updateMany({ where: mine, data: { ...released, status: "FAILED", failureClass: outcome.failureClass, lastError: outcome.message } });
  } else {
    await prisma.variant.updateMany({
      where: mine,
      data: { ...released, status: "UNKNOWN", failureClass: "unknown-outcome", lastError: `Did this go out? ${outcome.message}. Check the channel, then mark it published or publish it again.` },
    });
  }
  if (outcome.kind !== "retry") await rollUpPost(variantId);
}

/** A post is published when all its variants are, failed when one failed or is unknown (one statement). */
async function rollUpPost(variantId: string) {
  await prisma.$executeRaw`
    UPDATE "Post" p SET status = CASE WHEN s.published = s.total THEN 'PUBLISHED'::"PostStatus" ELSE 'FAILED'::"PostStatus" END, "updatedAt" = now()
    FROM (
      SELECT v."postId", count(*) AS total,
             count(*) FILTER (WHERE v.status = 'PUBLISHED') AS published,
             count(*) FILTER (WHERE v.status IN ('FAILED', 'UNKNOWN')) AS failed
      FROM "Variant" v WHERE v."postId" = (SELECT "postId" FROM "Variant" WHERE id = ${variantId})
      GROUP BY v."postId"
    ) s
    WHERE p.id = s."postId" AND (s.published = s.total OR s.failed > 0)`;
}
