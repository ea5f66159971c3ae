// What the calendar shows for a range: posts with their channels and states, and the mix
// picture. Rule violations are checked by a separate request (plan-check route) so the
// calendar itself stays fast on a full month.
import type { CalendarQuery, CalendarRange } from "~/domain/calendar-range";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { summariseMix } from "~/domain/mix-summary";
import { postStatuses } from "~/domain/post-workflow";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

export async function loadCalendar(workspaceId: string, range: CalendarRange, filters: CalendarQuery) {
  const where: Prisma.PostWhereInput = { workspaceId, scheduledAt: { gte: range.from, lt: range.to } };
  if (filters.category) where.category = filters.category;
  if (filters.tag) where.campaignTag = filters.tag;
  if (filters.status && (postStatuses as readonly string[]).includes(filters.status)) where.status = filters.status as (typeof postStatuses)[number];
  if (filters.channel) where.variants = { some: { channelId: filters.channel } };
  const [workspace, posts, tags] = await Promise.all([
    prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { mixRules: true, channels: { orderBy: { name: "asc" }, select: { id: true, name: true, network: true, enabled: true } } },
    }),
    prisma.post.findMany({
      where,
      orderBy: { scheduledAt: "asc" },
      select: {
        id: true,
        title: true,
        category: true,
        campaignTag: true,
        status: true,
        scheduledAt: true,
        variants: { select: { id: true, status: true, externalUrl: true, channelId: true } },
      },
    }),
    prisma.post.findMany({ where: { workspaceId, campaignTag: { not: null } }, distinct: ["campaignTag"], select: { campaignTag: true }, take: 100 }),
  ]);
  const rules = mixRulesSchema.parse(workspace.mixRules ?? {});
  const mix = summariseMix(
    posts.filter((p) => p.status !== "CANCELLED").map((p) => ({ id: p.id, category: p.category, at: p.scheduledAt!.getTime(), channelIds: p.variants.map((v) => v.channelId) })),
    { channels: workspace.channels, categories: rules.categories, rules, from: range.from.getTime(), to: range.to.getTime() },
  );
  return {
    posts: posts.map((p) => ({ ...p, scheduledAt: p.scheduledAt!.toISOString() })),
    channels: workspace.channels,
    categories: rules.categories,
    onePer: rules.selfPromotion.onePer,
    quietDays: rules.quietChannel.days,
    tags: tags.map((t) => t.campaignTag!).sort(),
    mix,
  };
}
