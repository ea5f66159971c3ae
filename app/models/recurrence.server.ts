// Materialising recurring posts: each occurrence within the horizon becomes an ordinary
// draft post (with the series' variants), approvable and editable on its own. Idempotent:
// an occurrence that exists is never made again (unique series × time).
import { decide } from "~/domain/post-gate";
import { occurrences } from "~/domain/recurrence";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { variantFingerprint } from "./plan-check.server";

export const HORIZON_DAYS = 90;

/** Every series (the worker, hourly), or one that was just saved (`seriesId`). */
export async function materialiseRecurringPosts(now = new Date(), horizonDays = HORIZON_DAYS, seriesId?: string) {
  const to = new Date(now.getTime() + horizonDays * 86_400_000);
  const series = await prisma.post.findMany({
    where: { id: seriesId, recurrenceRule: { not: null }, recurrenceParentId: null, scheduledAt: { not: null }, status: { not: "CANCELLED" } },
    select: {
      id: true,
      workspaceId: true,
      authorId: true,
      title: true,
      category: true,
      campaignTag: true,
      scheduledAt: true,
      recurrenceRule: true,
      workspace: { select: { timeZone: true } },
      variants: { select: { channelId: true, text: true, link: true, mediaUrls: true } },
      occurrences: { where: { scheduledAt: { gte: now, lt: to } }, select: { scheduledAt: true } },
    },
  });
  let created = 0;
  // Each date is a new draft of its own, approved on its own: the gate says what Rytm may make.
  const draft = decide({ status: "DRAFT", authorId: null, approvedBy: [], time: "future", variants: [] }, { kind: "create" }, { kind: "system" }, { approvalsRequired: 1, editorsMaySchedule: false, keepApprovalOnMove: true }, null);
  if (!draft.ok) return { series: series.length, created };
  for (const parent of series) {
    const existing = new Set(parent.occurrences.map((o) => o.scheduledAt!.getTime()));
    const from = new Date(Math.max(now.getTime(), parent.scheduledAt!.getTime() + 1));
    for (const at of occurrences(parent.recurrenceRule!, parent.scheduledAt!, parent.workspace.timeZone, from, to)) {
      if (existing.has(at.getTime())) continue;
      try {
        await prisma.post.create({
          data: {
            workspaceId: parent.workspaceId,
            authorId: parent.authorId,
            recurrenceParentId: parent.id,
            title: parent.title,
            category: parent.category,
            campaignTag: parent.campaignTag,
            status: draft.status,
            scheduledAt: at,
            variants: {
              create: parent.variants.map((v) => ({ workspaceId: parent.workspaceId, channelId: v.channelId, text: v.text, link: v.link, mediaUrls: v.mediaUrls, scheduledAt: at, ...variantFingerprint(v.text) })),
            },
          },
          select: { id: true },
        });
        created++;
      } catch (error) {
        // Another worker made it a moment ago.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  return { series: series.length, created };
}
