// Changing a workspace's time zone, as the owner chose (app/domain/zone-change.ts): the preview
// of what moves, and the change itself in one transaction — the zone, every planned variant
// that keeps its local time (a scheduled one gets a new schedule version, so its old job finds
// nothing to do), and the series that follow the workspace's zone.
import { expand } from "~/domain/series-schedule";
import { type PlannedVariant, type ZoneChangeMode, planZoneChange } from "~/domain/zone-change";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { memberActor, refreshVerdict } from "./post-gate.server";
import { type QueueChange, applyQueueChanges, holdClasses, scheduleVariants } from "./scheduling.server";
import { HORIZON_DAYS, materialiseSeries, openOccurrences, removeOccurrences, ruleOf, seriesSelect } from "./series.server";

/** Variants still to go out, after now: the only ones a zone change may move. */
async function plannedVariants(db: Pick<typeof prisma, "variant">, workspaceId: string, now: Date): Promise<(PlannedVariant & { title: string; status: string; hold: { failureClass: string; lastError: string | null } | null })[]> {
  const rows = await db.variant.findMany({
    where: { workspaceId, scheduledAt: { gt: now }, status: { in: ["DRAFT", "SCHEDULED", "FAILED", "UNKNOWN"] }, post: { status: { notIn: ["CANCELLED", "PUBLISHED"] } } },
    orderBy: { scheduledAt: "asc" },
    select: { id: true, postId: true, scheduledAt: true, status: true, failureClass: true, lastError: true, post: { select: { title: true, series: { select: { timeZone: true } } } } },
  });
  const held = (v: (typeof rows)[number]) => (v.failureClass && (holdClasses as readonly string[]).includes(v.failureClass) ? { failureClass: v.failureClass, lastError: v.lastError } : null);
  return rows.map((v) => ({ variantId: v.id, postId: v.postId, at: v.scheduledAt!, seriesZone: v.post.series?.timeZone ?? null, title: v.post.title, status: v.status, hold: held(v) }));
}

export type ZoneChangePreview = {
  from: string;
  to: string;
  mode: ZoneChangeMode;
  /** Posts that move in UTC (keeping their local time), each with its first variant's times. */
  moving: { postId: string; title: string; from: Date; to: Date }[];
  /** Posts that keep their instant although local times are kept: their new local time has passed, or their series keeps its own zone. */
  kept: { postId: string; title: string; at: Date; reason: "passed" | "own-series-zone" }[];
  /** Posts whose series, on the new zone's clock, no longer names their date (it skips a time the new zone does not have that day, and the count moves on): they leave the plan. */
  leaving: { postId: string; title: string; at: Date }[];
  /** Planned posts in all (with keep-instants, none moves: they read differently now). */
  planned: { postId: string; title: string; at: Date }[];
  series: { id: string; title: string; time: string; timeZone: string }[];
};

const byPost = <T extends { postId: string }>(items: readonly T[]) => [...new Map(items.map((i) => [i.postId, i])).values()];

export async function previewZoneChange(workspaceId: string, from: string, to: string, mode: ZoneChangeMode, now = new Date()): Promise<ZoneChangePreview> {
  const planned = await plannedVariants(prisma, workspaceId, now);
  const titles = new Map(planned.map((v) => [v.postId, v.title]));
  const { moves, kept } = planZoneChange(planned, from, to, mode, now);
  const leaving = mode === "keep-local" ? await unnamedOn(workspaceId, from, to, now) : [];
  const series = await prisma.series.findMany({ where: { workspaceId, timeZone: from }, orderBy: { title: "asc" }, select: { id: true, title: true, time: true, timeZone: true } });
  return {
    from,
    to,
    mode,
    moving: byPost(moves).map((m) => ({ postId: m.postId, title: titles.get(m.postId) ?? "", from: m.from, to: m.to })),
    kept: byPost(kept).map((k) => ({ postId: k.postId, title: titles.get(k.postId) ?? "", at: k.at, reason: k.reason })),
    leaving,
    planned: byPost(planned).map((p) => ({ postId: p.postId, title: p.title, at: p.at })),
    series,
  };
}

/**
 * Changes the zone; returns how many posts moved and how many left the plan (their series
 * skips a time the new zone does not have that day). The workspace row is locked so two
 * changes cannot interleave.
 */
export async function changeTimeZone(workspaceId: string, actorId: string, to: string, mode: ZoneChangeMode, now = new Date()) {
  const outcome = await prisma.$transaction(async (tx) => {
    const [workspace] = await tx.$queryRaw<{ timeZone: string }[]>`SELECT "timeZone" FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
    const from = workspace!.timeZone;
    if (from === to) return { moved: 0, queue: [] as QueueChange[], posts: [] as string[], from };
    const planned = await plannedVariants(tx, workspaceId, now);
    const { moves } = planZoneChange(planned, from, to, mode, now);
    const byId = new Map(planned.map((v) => [v.variantId, v]));
    const queue: QueueChange[] = [];
    for (const move of moves) {
      const variant = byId.get(move.variantId)!;
      if (variant.status === "SCHEDULED") {
        queue.push(...(await scheduleVariants(tx, workspaceId, [move.variantId], move.to)));
        // A variant held for a person (a pause, the rules at the claim) stays held at its new time: a zone change decides nothing about it.
        if (variant.hold) await tx.variant.update({ where: { id: move.variantId }, data: variant.hold, select: { id: true } });
      } else await tx.variant.update({ where: { id: move.variantId }, data: { scheduledAt: move.to }, select: { id: true } });
    }
    const posts = [...new Set(moves.map((m) => m.postId))];
    // A post's time is its first variant's.
    if (posts.length) {
      await tx.$executeRaw`
        UPDATE "Post" p SET "scheduledAt" = t.first
        FROM (SELECT "postId", min("scheduledAt") AS first FROM "Variant" WHERE "postId" = ANY(${posts}) AND status <> 'CANCELLED' GROUP BY "postId") t
        WHERE p.id = t."postId"`;
    }
    await tx.workspace.update({ where: { id: workspaceId }, data: { timeZone: to }, select: { id: true } });
    // Series on the workspace's zone follow it when local times are kept; with instants kept they stay on the old zone.
    if (mode === "keep-local") await tx.series.updateMany({ where: { workspaceId, timeZone: from }, data: { timeZone: to } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.time-zone", targetType: "workspace", targetId: workspaceId, data: { from, to, mode, moved: posts.length } });
    return { moved: posts.length, queue, posts, from };
  });
  await applyQueueChanges(outcome.queue);
  const scheduled = new Set(outcome.queue.map((q) => q.variantId));
  if (scheduled.size) {
    const cleared = await prisma.post.findMany({ where: { id: { in: outcome.posts }, status: "SCHEDULED" }, select: { id: true } });
    for (const post of cleared) await refreshVerdict(workspaceId, post.id);
  }
  // A series now on the new zone's clock may name other dates (a time one zone skips and the
  // other has): its posts follow its rule, as after any change of it.
  const unnamed = mode === "keep-local" ? await unnamedOn(workspaceId, to, to, now) : [];
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true } });
  const { removed } = await removeOccurrences(workspace, memberActor({ id: actorId }, "OWNER"), unnamed.map((p) => p.postId), "zone-changed");
  if (mode === "keep-local") for (const s of await prisma.series.findMany({ where: { workspaceId, timeZone: to }, select: { id: true } })) await materialiseSeries(new Date(), HORIZON_DAYS, s.id);
  return { moved: outcome.moved, removed };
}

/** Open posts of the series on zone `from` whose date their rule would not name on zone `to`'s clock. */
async function unnamedOn(workspaceId: string, from: string, to: string, now: Date) {
  const series = await prisma.series.findMany({ where: { workspaceId, timeZone: from }, select: seriesSelect });
  const leaving: { postId: string; title: string; at: Date }[] = [];
  for (const s of series) {
    const named = new Set(expand({ ...ruleOf(s), timeZone: to }, { to: new Date(now.getTime() + (HORIZON_DAYS + 400) * 86_400_000) }).occurrences.map((o) => o.key));
    for (const post of await openOccurrences(workspaceId, s.id, now)) {
      // A post dated before the rule's start was made by the rule as it was before "this and
      // following" started it again: it keeps that rule, as everywhere else.
      if (post.occurrenceKey && post.occurrenceKey < s.startDate) continue;
      if (!post.occurrenceKey || !named.has(post.occurrenceKey)) leaving.push({ postId: post.id, title: post.title, at: post.scheduledAt! });
    }
  }
  return leaving;
}
