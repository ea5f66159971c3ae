// What the calendar shows for a range: posts with their channels and states, and the mix
// picture. Rule violations are checked by a separate request (plan-check route) so the
// calendar itself stays fast on a full month.
import type { CalendarQuery, CalendarRange } from "~/domain/calendar-range";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { summariseMix } from "~/domain/mix-summary";
import { type PostStatus, postStatuses } from "~/domain/post-workflow";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Row = { id: string; title: string; category: string; campaignTag: string | null; status: PostStatus; scheduledAt: Date; variants: { id: string; status: string; externalUrl: string | null; channelId: string }[] };

// One statement, the variants folded in by PostgreSQL: a month can hold thousands of posts.
function postsInRange(workspaceId: string, range: CalendarRange, filters: CalendarQuery) {
  const where = [Prisma.sql`p."workspaceId" = ${workspaceId}`, Prisma.sql`p."scheduledAt" >= ${range.from}`, Prisma.sql`p."scheduledAt" < ${range.to}`];
  if (filters.category) where.push(Prisma.sql`p.category = ${filters.category}`);
  if (filters.tag) where.push(Prisma.sql`p."campaignTag" = ${filters.tag}`);
  if (filters.status && (postStatuses as readonly string[]).includes(filters.status)) where.push(Prisma.sql`p.status = ${filters.status}::"PostStatus"`);
  if (filters.channel) where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Variant" f WHERE f."postId" = p.id AND f."channelId" = ${filters.channel})`);
  return prisma.$queryRaw<Row[]>`
    SELECT p.id, p.title, p.category, p."campaignTag", p.status, p."scheduledAt",
      COALESCE(json_agg(json_build_object('id', v.id, 'status', v.status, 'externalUrl', v."externalUrl", 'channelId', v."channelId") ORDER BY v."channelId")
        FILTER (WHERE v.id IS NOT NULL), '[]') AS variants
    FROM "Post" p LEFT JOIN "Variant" v ON v."postId" = p.id
    WHERE ${Prisma.join(where, " AND ")}
    GROUP BY p.id
    ORDER BY p."scheduledAt", p.id`;
}

export async function loadCalendar(workspaceId: string, range: CalendarRange, filters: CalendarQuery) {
  const [workspace, posts, tags] = await Promise.all([
    prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { mixRules: true, channels: { orderBy: { name: "asc" }, select: { id: true, name: true, network: true, enabled: true } } },
    }),
    postsInRange(workspaceId, range, filters),
    prisma.$queryRaw<{ tag: string }[]>`SELECT DISTINCT "campaignTag" AS tag FROM "Post" WHERE "workspaceId" = ${workspaceId} AND "campaignTag" IS NOT NULL ORDER BY 1 LIMIT 100`,
  ]);
  const rules = mixRulesSchema.parse(workspace.mixRules ?? {});
  const mix = summariseMix(
    posts.filter((p) => p.status !== "CANCELLED").map((p) => ({ id: p.id, category: p.category, at: p.scheduledAt.getTime(), channelIds: p.variants.map((v) => v.channelId) })),
    { channels: workspace.channels, categories: rules.categories, rules, from: range.from.getTime(), to: range.to.getTime() },
  );
  return {
    posts: posts.map((p) => ({ ...p, scheduledAt: p.scheduledAt.toISOString() })),
    channels: workspace.channels,
    categories: rules.categories,
    onePer: rules.selfPromotion.onePer,
    quietDays: rules.quietChannel.days,
    tags: tags.map((t) => t.tag),
    mix,
  };
}
