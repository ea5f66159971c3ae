// Publishing one variant, exactly once. The job is only a timer: the variant row decides.
// 1. A stale job (older schedule version, variant no longer SCHEDULED) does nothing.
// 2. The worker claims the variant with a compare-and-set (SCHEDULED → PUBLISHING, its
//    attempt id, a lease), which also checks the pause at that moment: two workers, a
//    stalled job or a duplicate job can never both publish. Then it asks the gate again:
//    if the plan changed since the post was cleared and it now breaks a blocking rule, the
//    variant is held with the reason for a person, not sent.
// 3. The job wakes PUBLISH_LEAD_MS early, so the claim is done before the time, and hands the
//    request to the sending thread (whose event loop nothing else keeps busy): just before the
//    time it looks again at the pause and the channel's budget, and sends the post on time.
// 4. The adapter's outcome is written only while the claim is still ours.
import { randomUUID } from "node:crypto";
import type Bull from "bull";
import type { Logger } from "pino";
import { adapterFor } from "../app/channels/adapters.server.ts";
import { type FreshCredentials, expiresSoon, freshCredentials, isSignedIn } from "../app/channels/token-refresh.server.ts";
import { HOLD_NEEDS_RECONNECT } from "../app/models/channel.server.ts";
import { type ApprovalPolicy, type PostStatus, decide } from "../app/domain/post-gate.ts";
import { refreshVerdict } from "../app/models/post-gate.server.ts";
import { holdClasses } from "../app/models/scheduling.server.ts";
import type { ChannelAdapter, PublishRequest } from "../app/channels/adapter.server.ts";
import { type NetworkKind, networkModules } from "../app/channels/networks.ts";
import { httpUrlOrNull } from "../app/domain/http-url.ts";
import { MAX_ATTEMPTS, type PublishOutcome, retryDelayMs } from "../app/domain/publish-outcome.ts";
import { prisma } from "../app/utils/db.server.ts";
import { decrypt } from "../app/utils/encryption.server.ts";
import { env } from "../app/utils/env.server.ts";
import { type PublishJob, enqueuePublish } from "../app/utils/queues.server.ts";
import { channelBudget } from "./channel-throttle.ts";
import { uploadVariantMedia } from "./publish-media.ts";
import { sendAt } from "./sender.ts";

export const HOLD_PAUSED = "paused";

// What the sweeper needs to settle a variant whose worker died (the publish path claims
// and reads in one statement instead).
const variantSelect = {
  id: true,
  text: true,
  link: true,
  mediaUrls: true,
  scheduledAt: true,
  scheduleVersion: true,
  attempts: true,
  firstAttemptAt: true,
  publishKey: true,
  channel: { select: { id: true, network: true, enabled: true, credentials: true, settings: true, credentialsVersion: true, needsReconnect: true } },
} as const;

export function loadVariant(variantId: string) {
  return prisma.variant.findUnique({ where: { id: variantId }, select: variantSelect });
}

type Channel = { id: string; network: string; enabled: boolean; credentials: string | null; settings: unknown; credentialsVersion: number; needsReconnect: boolean };
type Publishable = { id: string; text: string; link: string | null; mediaUrls: string[]; publishKey: string | null; scheduledAt: Date | null; firstAttemptAt: Date | null; attempts: number; channel: Channel };

// Decrypted once per cached channel object, not once per post.
const decrypted = new WeakMap<Channel, Record<string, string>>();
// Credentials this process refreshed or read after a refresh, newer than a cached channel row.
const refreshed = new Map<string, { version: number; credentials: Record<string, string> }>();
function credentialsOf(channel: Channel): Record<string, string> {
  const newer = refreshed.get(channel.id);
  if (newer && newer.version > channel.credentialsVersion) return newer.credentials;
  let credentials = decrypted.get(channel);
  if (credentials) return credentials;
  credentials = {};
  if (channel.credentials) {
    const plain = decrypt(channel.credentials);
    try {
      credentials = JSON.parse(plain) as Record<string, string>;
    } catch {
      credentials = { token: plain };
    }
  }
  decrypted.set(channel, credentials);
  return credentials;
}

export function requestFor(variant: Publishable, isRetry = variant.attempts > 0): PublishRequest {
  const credentials = credentialsOf(variant.channel);
  const settings = (variant.channel.settings ?? {}) as Record<string, unknown>;
  return {
    text: variant.text,
    link: variant.link,
    mediaUrls: variant.mediaUrls,
    publishKey: variant.publishKey ?? variant.id,
    credentials,
    settings,
    scheduledAt: variant.scheduledAt ?? new Date(),
    isRetry,
    firstAttemptAt: variant.firstAttemptAt ?? undefined,
    timeoutMs: typeof settings.timeoutMs === "number" ? settings.timeoutMs : undefined,
  };
}

// Channels change rarely and every job needs one: a few seconds of caching spares the
// database a query per post when many are due at once.
const CHANNEL_TTL_MS = 5_000;
const channels = new Map<string, { at: number; channel: Channel | null }>();
async function channelById(id: string): Promise<Channel | null> {
  const cached = channels.get(id);
  if (cached && Date.now() - cached.at < CHANNEL_TTL_MS) return cached.channel;
  const channel = await prisma.channel.findUnique({ where: { id }, select: { id: true, network: true, enabled: true, credentials: true, settings: true, credentialsVersion: true, needsReconnect: true } });
  channels.set(id, { at: Date.now(), channel });
  return channel;
}

/** The version of the credentials a request of this channel carries. */
const versionOf = (channel: Channel) => Math.max(channel.credentialsVersion, refreshed.get(channel.id)?.version ?? -1);

/** Connected by signing in (decisions 0033, 0036): refreshed by Rytm, and a refusal means reconnecting. A pasted token keeps failing as an auth failure. */
const signedIn = (channel: Channel) => isSignedIn(credentialsOf(channel));

function remember(channelId: string, fresh: FreshCredentials) {
  if (fresh.kind === "ok" && fresh.version > (refreshed.get(channelId)?.version ?? -1)) refreshed.set(channelId, { version: fresh.version, credentials: fresh.credentials });
  // A reconnect or a refusal is read from the database by the next job, not from this cache.
  if (fresh.kind === "needs-reconnect") channels.delete(channelId);
}

/** The channel's sign-in was refused: the claim is given back and the variant waits for a reconnect (not failed, not an attempt). */
async function holdForReconnect(variantId: string, attemptId: string) {
  await prisma.$executeRaw`
    UPDATE "Variant" SET status = 'SCHEDULED', "attemptId" = NULL, "leaseUntil" = NULL, attempts = attempts - 1,
      "failureClass" = ${HOLD_NEEDS_RECONNECT}, "lastError" = 'Held: the channel needs reconnecting; the network no longer accepts its sign-in.', "updatedAt" = now()
    WHERE id = ${variantId} AND "attemptId" = ${attemptId} AND status = 'PUBLISHING'`;
}

type Claimed = Omit<Publishable, "channel"> & {
  postId: string;
  workspaceId: string;
  channelId: string;
  firstAttemptAt: Date;
  nextAttemptAt: Date | null;
  postStatus: PostStatus;
  /** The post's stored verdict, and whether the plan is unchanged since it was taken. */
  verdictFresh: boolean;
  verdictBlocking: boolean | null;
  /** How many library items the variant carries (uploaded before the post is sent). */
  mediaCount: number;
};

/**
 * The claim, in one statement: SCHEDULED → PUBLISHING for this schedule version, only if
 * the workspace is not paused, the variant is not held, it has a time, and that time (or its
 * retry time) is at most the lead away: the job wakes early so that the claim is done when the time comes.
 */
async function claim(variantId: string, version: number, attemptId: string): Promise<Claimed | null> {
  const { PUBLISH_LEASE_SECONDS, PUBLISH_LEAD_MS } = env();
  const leaseUntil = new Date(Date.now() + PUBLISH_LEASE_SECONDS * 1000);
  const earliest = new Date(Date.now() + PUBLISH_LEAD_MS + 1000);
  const rows = await prisma.$queryRaw<Claimed[]>`
    UPDATE "Variant" v
    SET status = 'PUBLISHING', "attemptId" = ${attemptId}, "leaseUntil" = ${leaseUntil}, attempts = v.attempts + 1,
        "firstAttemptAt" = COALESCE(v."firstAttemptAt", now()), "updatedAt" = now()
    FROM "Workspace" w, "Post" p
    WHERE v.id = ${variantId} AND v."scheduleVersion" = ${version} AND v.status = 'SCHEDULED'
      AND w.id = v."workspaceId" AND w."pausedAt" IS NULL AND p.id = v."postId"
      AND (v."failureClass" IS NULL OR v."failureClass" <> ALL(${[...holdClasses]}::text[]))
      AND (v."nextAttemptAt" IS NULL OR v."nextAttemptAt" <= ${earliest})
      AND v."scheduledAt" IS NOT NULL AND v."scheduledAt" <= ${earliest}
    RETURNING v.id, v."postId", v."workspaceId", v."channelId", v.text, v.link, v."mediaUrls", v."scheduledAt", v.attempts, v."firstAttemptAt", v."nextAttemptAt", v."publishKey",
      p.status AS "postStatus", (p."verdictVersion" IS NOT DISTINCT FROM w."planVersion") AS "verdictFresh", p."verdictBlocking",
      (SELECT count(*) FROM "VariantMedia" vm WHERE vm."variantId" = v.id)::int AS "mediaCount"`;
  return rows[0] ?? null;
}

// The claim's question needs no approval policy: only whether the post is cleared and what the rules say now.
const claimPolicy: ApprovalPolicy = { approvalsRequired: 0, editorsMaySchedule: false, keepApprovalOnMove: true };

/**
 * The gate, asked again at the claim: the stored verdict while the plan is unchanged since it
 * was taken, else a fresh one. A refusal gives the claim back and holds the variant with the
 * reason, listed for a person (the pause page and the post).
 */
async function askGate(claimed: Claimed, attemptId: string): Promise<string | null> {
  let blocking = claimed.verdictFresh && claimed.verdictBlocking !== null ? claimed.verdictBlocking : null;
  let reasons = "";
  if (blocking === null) {
    const checked = await refreshVerdict(claimed.workspaceId, claimed.postId);
    blocking = checked?.verdict.blocking ?? true;
    reasons = (checked?.own ?? []).filter((v) => v.severity === "block").map((v) => v.message.en).join(" ");
  }
  const post = { status: claimed.postStatus, authorId: null, approvedBy: [], time: "future" as const, variants: [{ id: claimed.id, status: "SCHEDULED" as const, held: false }] };
  const decision = decide(post, { kind: "claim", variantId: claimed.id }, { kind: "system" }, claimPolicy, { blocking });
  if (decision.ok) return null;
  const reason = decision.refusal.code === "blocked" ? `Held: the plan changed and the post now breaks a blocking rule. ${reasons}`.trim() : `Held: the post is not cleared for publishing (${decision.refusal.code}).`;
  await prisma.$executeRaw`
    UPDATE "Variant" SET status = 'SCHEDULED', "attemptId" = NULL, "leaseUntil" = NULL, attempts = attempts - 1,
      "failureClass" = 'held-rules', "lastError" = ${reason}, "updatedAt" = now()
    WHERE id = ${claimed.id} AND "attemptId" = ${attemptId} AND status = 'PUBLISHING'`;
  return reason;
}

export type PublishResult = { skipped: string } | { outcome: PublishOutcome["kind"] };

export function publishProcessor(logger: Logger) {
  return async (job: Bull.Job<PublishJob>): Promise<PublishResult> => {
    const { variantId, version } = job.data;
    const attemptId = randomUUID();
    let claimed = await claim(variantId, version, attemptId);
    if (!claimed) {
      // Woken early and not claimable (a pause, say): look again when its time has come.
      const early = await msUntilDue(variantId, version);
      if (early > 0) {
        await sleep(early);
        claimed = await claim(variantId, version, attemptId);
      }
    }
    if (claimed) {
      const held = await askGate(claimed, attemptId);
      if (held) {
        logger.info({ variantId, event: "held", reason: held }, "the gate refused at the claim: variant held");
        return { skipped: "held by the gate" };
      }
    }
    if (!claimed) {
      // Not claimable: stale, claimed elsewhere, not due yet, held — or due while paused, which holds it.
      const held = await prisma.variant.updateMany({
        where: { id: variantId, status: "SCHEDULED", scheduleVersion: version, workspace: { pausedAt: { not: null } } },
        data: { failureClass: HOLD_PAUSED, lastError: "Held: publishing was paused at its time." },
      });
      if (held.count) logger.info({ variantId, event: "held" }, "workspace paused: variant held");
      return { skipped: held.count ? "paused" : "not claimable" };
    }
    let channel = await channelById(claimed.channelId);
    // A channel whose sign-in was refused, or whose token expires soon (refreshed first, by one process).
    if (channel?.needsReconnect || (channel && signedIn(channel) && expiresSoon(channel.network, credentialsOf(channel)))) {
      const fresh = await freshCredentials(claimed.channelId);
      remember(claimed.channelId, fresh);
      if (fresh.kind === "needs-reconnect") {
        await holdForReconnect(variantId, attemptId);
        logger.info({ variantId, channelId: claimed.channelId, event: "held" }, "the channel needs reconnecting: variant held");
        return { skipped: "needs reconnect" };
      }
      // Reconnected since the cache read it: read it again.
      if (channel.needsReconnect) channel = await prisma.channel.findUnique({ where: { id: claimed.channelId }, select: variantSelect.channel.select });
    }
    const variant = { ...claimed, channel: channel! };
    const request = channel?.enabled ? requestFor(variant, claimed.attempts > 1) : null;
    const sentWith = channel ? versionOf(channel) : 0;
    if (request && claimed.mediaCount > 0) {
      // Uploaded now, in the lead before the time, each item once (workers/publish-media.ts).
      const network = channel!.network as NetworkKind;
      const prepared = await uploadVariantMedia(variantId, adapterFor(network), networkModules[network].name, request);
      if ("kind" in prepared) {
        await settle(variantId, attemptId, version, claimed.attempts, prepared);
        logger.info({ variantId, channelId: claimed.channelId, network, attempt: claimed.attempts, outcome: prepared.kind, reason: prepared.kind === "published" ? undefined : prepared.message }, "publish attempt: media not uploaded");
        return { outcome: prepared.kind };
      }
      request.media = prepared.media;
    }
    const sent = await onTime(claimed, channel, request, attemptId);
    if (sent === "paused") {
      logger.info({ variantId, event: "held" }, "workspace paused before the time: variant held");
      return { skipped: "paused" };
    }
    if (!sent.sent) {
      // Over the channel's budget: give the claim back, as if this attempt had not begun.
      const { wait } = sent;
      const retryAt = new Date(Date.now() + wait);
      const released = await prisma.$executeRaw`
        UPDATE "Variant" SET status = 'SCHEDULED', "attemptId" = NULL, "leaseUntil" = NULL, attempts = attempts - 1, "nextAttemptAt" = ${retryAt},
          "lastError" = ${`Waiting for the channel's posting limit to allow it (${Math.ceil(wait / 1000)} s).`}, "updatedAt" = now()
        WHERE id = ${variantId} AND "attemptId" = ${attemptId} AND status = 'PUBLISHING'`;
      if (released) await enqueuePublish(variantId, version, claimed.attempts - 1, retryAt, `throttled-${attemptId}`);
      return { skipped: "channel rate limit" };
    }
    const adapter = channel ? adapterFor(channel.network as NetworkKind) : undefined;
    let outcome = sent.outcome;
    if (outcome.kind === "failed" && outcome.failureClass === "auth" && channel && request && signedIn(channel)) {
      // Refused before anything was posted: refresh (once, across processes) and send again now.
      const fresh = await freshCredentials(channel.id, sentWith);
      remember(channel.id, fresh);
      if (fresh.kind === "needs-reconnect") {
        await holdForReconnect(variantId, attemptId);
        logger.info({ variantId, channelId: channel.id, event: "held" }, "the network refused the channel's sign-in: variant held until it is reconnected");
        return { skipped: "needs reconnect" };
      }
      if (fresh.kind === "unavailable") outcome = { kind: "retry", message: fresh.message };
      else {
        const again = await sendAt(channel.network as NetworkKind, { ...request, credentials: fresh.credentials }, Date.now(), null);
        if (again.sent) outcome = again.outcome;
      }
    }
    if (outcome.kind === "unknown" && adapter && request) outcome = await resolveUnknown(adapter, request, claimed.firstAttemptAt, outcome);
    await settle(variantId, attemptId, version, claimed.attempts, outcome);
    // Where lateness arises: `readyMs` is when the last look ended, relative to the time
    // (negative: ahead of it); `lateMs` when the request left.
    logger.info(
      {
        variantId, channelId: claimed.channelId, network: channel?.network, attempt: claimed.attempts, outcome: outcome.kind,
        readyMs: sent.readyAt - sent.at, lateMs: sent.sentAt - sent.at, ms: Date.now() - sent.sentAt, ...(outcome.kind !== "published" ? { reason: outcome.message } : {}),
      },
      "publish attempt",
    );
    return { outcome: outcome.kind };
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type OnTime = { at: number; readyAt: number } & ({ sent: true; outcome: PublishOutcome; sentAt: number } | { sent: false; wait: number });

/**
 * Claimed a moment early: the sending thread waits until just before the variant's time, takes
 * the last look there (the pause's Redis flag — only if a pause could have come since the
 * claim — and the channel's budget, waiting for one that opens within a moment) and sends at
 * the time. A flag that is up, or no answer from Redis, is settled here against PostgreSQL:
 * paused means the claim is given back, held.
 */
async function onTime(claimed: Claimed, channel: Channel | null, request: PublishRequest | null, attemptId: string): Promise<OnTime | "paused"> {
  const at = Math.max(claimed.scheduledAt?.getTime() ?? 0, claimed.nextAttemptAt?.getTime() ?? 0);
  const lookAt = at - env().PUBLISH_PREFLIGHT_MS;
  if (!channel || !request) {
    if (await pausedMeanwhile(claimed.id, attemptId)) return "paused";
    const message = channel ? "The channel is disabled." : "The channel no longer exists.";
    return { at, readyAt: Date.now(), sent: true, outcome: { kind: "failed", failureClass: "config", message }, sentAt: Date.now() };
  }
  const network = channel.network as NetworkKind;
  const look = { at: lookAt, workspaceId: lookAt > Date.now() ? claimed.workspaceId : null, channel: { id: channel.id, network, settings: channel.settings } };
  const sent = await sendAt(network, request, at, look);
  if (sent.sent) return { at, ...sent };
  if ("lookFailed" in sent || sent.flaggedPaused) {
    if (await pausedMeanwhile(claimed.id, attemptId)) {
      if ("tookBudget" in sent && sent.tookBudget) await channelBudget(channel.id, network, channel.settings).giveBack();
      return "paused";
    }
    // A stale flag (the pause already lifted) or Redis silent: send now, without another look.
    const now = await sendAt(network, request, at, null);
    return now.sent ? { at, ...now } : { at, readyAt: now.readyAt, sent: false, wait: 0 };
  }
  return { at, readyAt: sent.readyAt, sent: false, wait: sent.wait };
}

/** How long until a still-scheduled variant of this version is due, if that is within the lead (else 0). */
async function msUntilDue(variantId: string, version: number) {
  const row = await prisma.variant.findFirst({ where: { id: variantId, scheduleVersion: version, status: "SCHEDULED" }, select: { scheduledAt: true, nextAttemptAt: true } });
  const due = Math.max(row?.scheduledAt?.getTime() ?? 0, row?.nextAttemptAt?.getTime() ?? 0) - Date.now();
  return due > 0 && due <= env().PUBLISH_LEAD_MS + 1000 ? due : 0;
}

/** If the workspace was paused while this claim waited for its time, give the claim back, held. */
async function pausedMeanwhile(variantId: string, attemptId: string) {
  const released = await prisma.$executeRaw`
    UPDATE "Variant" v SET status = 'SCHEDULED', "attemptId" = NULL, "leaseUntil" = NULL, attempts = v.attempts - 1,
      "failureClass" = ${HOLD_PAUSED}, "lastError" = 'Held: publishing was paused at its time.', "updatedAt" = now()
    FROM "Workspace" w
    WHERE v.id = ${variantId} AND v."attemptId" = ${attemptId} AND v.status = 'PUBLISHING' AND w.id = v."workspaceId" AND w."pausedAt" IS NOT NULL`;
  return released > 0;
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
    // The hot path, in one statement: the variant, and its post's roll-up. The roll-up reads
    // the variants as they were before this statement, so this variant counts as published.
    const [counted] = await prisma.$queryRaw<{ total: number }[]>`
      WITH settled AS (
        UPDATE "Variant" SET status = 'PUBLISHED', "externalId" = ${outcome.externalId}, "externalUrl" = ${httpUrlOrNull(outcome.url)}, "publishedAt" = now(),
          "attemptId" = NULL, "leaseUntil" = NULL, "lastError" = NULL, "failureClass" = NULL, "updatedAt" = now()
        WHERE id = ${variantId} AND "attemptId" = ${attemptId} AND status = 'PUBLISHING'
        RETURNING "postId"
      ), counts AS (
        SELECT v."postId", count(*) FILTER (WHERE v.status <> 'CANCELLED') AS total,
               count(*) FILTER (WHERE v.status = 'PUBLISHED' OR v.id = ${variantId}) AS published,
               count(*) FILTER (WHERE v.status IN ('FAILED', 'UNKNOWN') AND v.id <> ${variantId}) AS failed
        FROM "Variant" v WHERE v."postId" IN (SELECT "postId" FROM settled)
        GROUP BY v."postId"
      ), rolled AS (
        UPDATE "Post" p SET status = CASE WHEN s.published = s.total THEN 'PUBLISHED'::"PostStatus" ELSE 'FAILED'::"PostStatus" END, "updatedAt" = now()
        FROM counts s
        WHERE p.id = s."postId" AND p.status IN ('SCHEDULED', 'FAILED') AND (s.published = s.total OR s.failed > 0)
        RETURNING p.id
      )
      SELECT total::int FROM counts`;
    // A statement sees the plan as it was when it began: two channels of one post settling at
    // once would each miss the other. Rolled up again after the commit, the later one sees both.
    if ((counted?.total ?? 0) > 1) await rollUpPost(variantId);
    return;
  }
  if (outcome.kind === "retry" && attempt < MAX_ATTEMPTS) {
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

/**
 * A cleared post is published when every variant not cancelled is, failed when one failed or
 * is unknown (one statement; the same roll-up as the gate's, app/domain/post-gate.ts).
 */
async function rollUpPost(variantId: string) {
  await prisma.$executeRaw`
    UPDATE "Post" p SET status = CASE WHEN s.published = s.total THEN 'PUBLISHED'::"PostStatus" ELSE 'FAILED'::"PostStatus" END, "updatedAt" = now()
    FROM (
      SELECT v."postId", count(*) FILTER (WHERE v.status <> 'CANCELLED') AS total,
             count(*) FILTER (WHERE v.status = 'PUBLISHED') AS published,
             count(*) FILTER (WHERE v.status IN ('FAILED', 'UNKNOWN')) AS failed
      FROM "Variant" v WHERE v."postId" = (SELECT "postId" FROM "Variant" WHERE id = ${variantId})
      GROUP BY v."postId"
    ) s
    WHERE p.id = s."postId" AND p.status IN ('SCHEDULED', 'FAILED') AND (s.published = s.total OR s.failed > 0)`;
}
