// Recurring series in the database: making their occurrences ahead (idempotent by each
// occurrence's nominal date, so a moved, edited or cancelled occurrence is never made again),
// taking occurrences out when the rule no longer names them or the series is stopped, and
// reading a series for the editor and the post page.
import { DateTime } from "luxon";
import type { Prisma } from "~/generated/prisma/client";
import { type MissingChoice, type Repetition, type SeriesRule, type SeriesSummary, type Weekday, expand } from "~/domain/series-schedule";
import { type Refusal, decide } from "~/domain/post-gate";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { variantFingerprint } from "./plan-check.server";
import { type Actor, type WorkspaceRef, act, gatePostOf, lockGateRow, policyOf } from "./post-gate.server";
import { type QueueChange, applyQueueChanges, unscheduleVariants } from "./scheduling.server";

type Tx = Prisma.TransactionClient;

/** How far ahead occurrences exist as posts (the worker tops this up hourly). */
export const HORIZON_DAYS = 90;

export const seriesSelect = {
  id: true,
  workspaceId: true,
  authorId: true,
  freq: true,
  interval: true,
  byWeekday: true,
  startDate: true,
  time: true,
  timeZone: true,
  untilDate: true,
  count: true,
  missing: true,
  stoppedFrom: true,
  indexOffset: true,
  title: true,
  body: true,
  category: true,
  campaignTag: true,
  channels: { orderBy: { channelId: "asc" }, select: { channelId: true, texts: true, rotationFrom: true, link: true, mediaUrls: true } },
} satisfies Prisma.SeriesSelect;
export type SeriesRow = Prisma.SeriesGetPayload<{ select: typeof seriesSelect }>;

const dayBefore = (date: string) => DateTime.fromISO(date, { zone: "UTC" }).minus({ days: 1 }).toISODate()!;

/** The series' rule as the schedule reads it; a stop is an end date the day before. */
export function ruleOf(series: Omit<SeriesRow, "channels" | "id" | "workspaceId" | "authorId" | "title" | "body" | "category" | "campaignTag" | "indexOffset">): SeriesRule {
  const stop = series.stoppedFrom ? dayBefore(series.stoppedFrom) : null;
  const until = stop && (!series.untilDate || stop < series.untilDate) ? stop : series.untilDate;
  return {
    freq: series.freq as SeriesRule["freq"],
    interval: series.interval,
    byWeekday: series.byWeekday as Weekday[],
    startDate: series.startDate,
    time: series.time,
    timeZone: series.timeZone,
    until,
    count: series.count,
    missing: series.missing as MissingChoice,
  };
}

/** The repetition a person set (without a stop), as the editor shows it. */
export function repetitionOf(series: SeriesRow): Repetition {
  return {
    freq: series.freq as Repetition["freq"],
    interval: series.interval,
    byWeekday: series.byWeekday as Weekday[],
    until: series.untilDate,
    count: series.count === null ? null : series.count + series.indexOffset,
    missing: series.missing as MissingChoice,
  };
}

/** The text occurrence `index` (counted over the whole series) uses on a channel: the series' texts in turn. */
export function textFor(channel: { texts: string[]; rotationFrom: number }, index: number) {
  const n = channel.texts.length;
  return channel.texts[(((index - channel.rotationFrom) % n) + n) % n] ?? "";
}

/** An occurrence as the rule places it (its index over the whole series, what was adjusted), if the rule names it. */
export function occurrenceOf(series: SeriesRow, key: string) {
  const rule = ruleOf({ ...series, stoppedFrom: null });
  // A nominal date may not exist (31 February): its month's last day is near enough to start looking.
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  const near = DateTime.fromObject({ year, month, day: 1 }, { zone: series.timeZone });
  const from = near.set({ day: Math.min(day, near.daysInMonth ?? 28) }).minus({ days: 3 }).toJSDate();
  const found = expand(rule, { from, limit: 8 }).occurrences.find((o) => o.key === key);
  return found ? { ...found, index: found.index + series.indexOffset } : null;
}

/** Makes every occurrence within the horizon that has no post yet: one series, or all (the worker, hourly). */
export async function materialiseSeries(now = new Date(), horizonDays = HORIZON_DAYS, seriesId?: string) {
  const to = new Date(now.getTime() + horizonDays * 86_400_000);
  const all = await prisma.series.findMany({ where: { id: seriesId }, select: seriesSelect });
  // Each date is a new draft of its own, approved on its own: the gate says what Rytm may make.
  const draft = decide({ status: "DRAFT", authorId: null, approvedBy: [], time: "future", variants: [] }, { kind: "create" }, { kind: "system" }, { approvalsRequired: 1, editorsMaySchedule: false, keepApprovalOnMove: true }, null);
  let created = 0;
  if (!draft.ok) return { series: all.length, created };
  for (const series of all) {
    const { occurrences } = expand(ruleOf(series), { from: now, to });
    if (occurrences.length === 0) continue;
    const made = await prisma.post.findMany({ where: { seriesId: series.id, occurrenceKey: { in: occurrences.map((o) => o.key) } }, select: { occurrenceKey: true } });
    const exists = new Set(made.map((p) => p.occurrenceKey));
    for (const occurrence of occurrences) {
      if (exists.has(occurrence.key)) continue;
      const index = occurrence.index + series.indexOffset;
      try {
        await prisma.post.create({
          data: {
            workspaceId: series.workspaceId,
            authorId: series.authorId,
            seriesId: series.id,
            occurrenceKey: occurrence.key,
            title: series.title,
            body: series.body,
            category: series.category,
            campaignTag: series.campaignTag,
            status: draft.status,
            scheduledAt: occurrence.at,
            variants: {
              create: series.channels.map((c) => {
                const text = textFor(c, index);
                return { workspaceId: series.workspaceId, channelId: c.channelId, text, link: c.link, mediaUrls: c.mediaUrls, scheduledAt: occurrence.at, ...variantFingerprint(text) };
              }),
            },
          },
          select: { id: true },
        });
        created++;
      } catch (error) {
        // Another worker made it a moment ago: the unique (series, occurrence) pair says so.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  return { series: all.length, created };
}

export function loadSeries(db: Tx | typeof prisma, workspaceId: string, seriesId: string) {
  return db.series.findFirst({ where: { id: seriesId, workspaceId }, select: seriesSelect });
}

/** The occurrences a series change may touch: not yet out, not cancelled by a person, still ahead. */
export function openOccurrences(workspaceId: string, seriesId: string, now = new Date()) {
  return prisma.post.findMany({
    where: {
      workspaceId,
      seriesId,
      status: { notIn: ["CANCELLED", "PUBLISHED"] },
      scheduledAt: { gt: now },
      variants: { none: { status: { in: ["PUBLISHING", "PUBLISHED"] } } },
    },
    orderBy: { occurrenceKey: "asc" },
    select: { id: true, title: true, occurrenceKey: true, scheduledAt: true },
  });
}

export type Kept = { postId: string; title: string; refusal: Refusal };

/**
 * Takes occurrences out of the plan because the series no longer names them (its rule
 * changed, it ended sooner, it was stopped): each one the gate lets this person cancel is
 * taken off the schedule and deleted, so that a later rule naming the date again makes it
 * anew. An occurrence a person cancelled on its own stays, as the series' exception.
 */
export async function removeOccurrences(workspace: WorkspaceRef, actor: Actor, postIds: readonly string[], reason: string, stillNamed: ReadonlySet<string> = new Set()) {
  let removed = 0;
  const kept: Kept[] = [];
  for (const postId of postIds) {
    // A post whose date the rule still names (it was moved past a stop) is cancelled instead:
    // the cancellation stays as the series' exception, so the date is not made again.
    if (stillNamed.has(postId)) {
      const cancelled = await act(workspace, actor, postId, { kind: "cancel" });
      if (cancelled.ok) removed++;
      else if (cancelled.refusal) kept.push({ postId, title: "", refusal: cancelled.refusal });
      continue;
    }
    const outcome = await prisma.$transaction(async (tx) => {
      const row = await lockGateRow(tx, workspace.id, postId);
      if (!row) return { gone: true as const };
      const decision = decide(gatePostOf(row), { kind: "cancel" }, actor, policyOf(workspace), null);
      if (!decision.ok) return { refusal: decision.refusal, title: row.title };
      if (row.variants.some((v) => v.status === "PUBLISHING" || v.status === "PUBLISHED")) return { refusal: { code: "variant-state" } as Refusal, title: row.title };
      const queue: QueueChange[] = await unscheduleVariants(tx, workspace.id, row.variants.map((v) => v.id), "CANCELLED");
      await tx.post.delete({ where: { id: postId }, select: { id: true } });
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: actor.kind === "member" ? actor.id : null,
        action: "series.occurrence-removed",
        targetType: "post",
        targetId: postId,
        data: { reason, from: row.status, at: row.scheduledAt?.toISOString() ?? null },
      });
      return { queue };
    });
    if (outcome.queue) {
      await applyQueueChanges(outcome.queue);
      removed++;
    } else if (outcome.refusal) kept.push({ postId, title: outcome.title ?? "", refusal: outcome.refusal });
  }
  return { removed, kept };
}

/** What a series edit did beyond the post the person saved. */
export type SeriesReport = { updated: number; removed: number; created: number; kept: Kept[] };

export type StopResult = { removed: number; kept: Kept[]; from: string };

/** Stops a series from a local date on: nothing from it is made again, and its open occurrences from then on leave the plan. */
export async function stopSeries(workspace: WorkspaceRef, actor: Actor, seriesId: string, from: string): Promise<StopResult | null> {
  const series = await loadSeries(prisma, workspace.id, seriesId);
  if (!series) return null;
  const stoppedFrom = series.stoppedFrom && series.stoppedFrom < from ? series.stoppedFrom : from;
  await prisma.$transaction(async (tx) => {
    await tx.series.update({ where: { id: seriesId }, data: { stoppedFrom }, select: { id: true } });
    await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.kind === "member" ? actor.id : null, action: "series.stopped", targetType: "series", targetId: seriesId, data: { from: stoppedFrom } });
  });
  // The posts shown from that date on leave the plan; one moved there from an earlier date is cancelled (its date still belongs to the series).
  const zone = series.timeZone;
  const open = await openOccurrences(workspace.id, seriesId);
  const after = open.filter((p) => p.scheduledAt && DateTime.fromJSDate(p.scheduledAt, { zone }).toISODate()! >= stoppedFrom);
  const named = new Set(after.filter((p) => p.occurrenceKey && p.occurrenceKey < stoppedFrom).map((p) => p.id));
  return { ...(await removeOccurrences(workspace, actor, after.map((p) => p.id), "stopped", named)), from: stoppedFrom };
}

/**
 * Stops the series a post of this workspace belongs to (null when the post is not in one),
 * and names the post to show afterwards: this one, or (when it left the plan) the series'
 * last one still there.
 */
export async function stopSeriesOfPost(workspace: WorkspaceRef, actor: Actor, postId: string, from: string) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId: workspace.id }, select: { seriesId: true } });
  if (!post?.seriesId) return null;
  const stopped = await stopSeries(workspace, actor, post.seriesId, from);
  if (!stopped) return null;
  const still = await prisma.post.findFirst({ where: { id: postId, workspaceId: workspace.id }, select: { id: true } });
  const last = still ?? (await prisma.post.findFirst({ where: { seriesId: post.seriesId, workspaceId: workspace.id }, orderBy: { scheduledAt: "desc" }, select: { id: true } }));
  return { ...stopped, showPostId: last?.id ?? null };
}

/** A series as the post page tells it, seen from one of its posts. */
export function summarise(series: SeriesRow, post: { occurrenceKey: string | null; scheduledAt: Date | null }, now = new Date()): SeriesSummary {
  const occurrence = post.occurrenceKey ? occurrenceOf(series, post.occurrenceKey) : null;
  const from = post.scheduledAt && post.scheduledAt > now ? post.scheduledAt : now;
  const next = expand(ruleOf(series), { from, limit: 6 });
  const last = next.occurrences.at(-1);
  return {
    id: series.id,
    repetition: repetitionOf(series),
    anchor: series.startDate,
    time: series.time,
    timeZone: series.timeZone,
    stoppedFrom: series.stoppedFrom,
    occurrence: occurrence && {
      key: occurrence.key,
      number: occurrence.index + 1,
      adjustments: occurrence.adjustments,
      moved: post.scheduledAt !== null && post.scheduledAt.getTime() !== occurrence.at.getTime(),
    },
    upcoming: next.occurrences.map((o) => ({ key: o.key, date: o.date, time: o.time, adjustments: o.adjustments })),
    skipped: last ? next.skipped.filter((s) => s.key <= last.key) : next.skipped,
  };
}
