// What the calendar shows for a range: posts with their channels and states, and the mix
// picture. A busy day shows its first posts and how many more there are (a month of a big
// brand can hold thousands); the mix picture still counts every post. Rule violations are
// checked by a separate request (plan-check route) so the calendar itself stays fast.
import type { CalendarQuery, CalendarRange, CalendarView } from "~/domain/calendar-range";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { summariseMix } from "~/domain/mix-summary";
import { type PostStatus, postStatuses } from "~/domain/post-gate";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/** Posts shown per day before "+N more": a month cell, a week column, a list day. */
export const perDay: Record<CalendarView, number> = {
  month: 4,
  week: 24,
  list: 50,
};

type Row = {
  id: string;
  title: string;
  category: string;
  campaignTag: string | null;
  status: PostStatus;
  scheduledAt: Date;
  day: string;
  dayTotal: number;
  variants: {
    id: string;
    status: string;
    externalUrl: string | null;
    channelId: string;
    failureClass: string | null;
  }[];
};

// One statement. Time lives with the variants: a post appears at each time one of its
// channels goes out (usually one), with those channels; a post without channels at its own
// time. Entries are ranked within their local day, the first few kept, variants folded in.
function postsInRange(workspaceId: string, zone: string, range: CalendarRange, filters: CalendarQuery) {
  const where = [Prisma.sql`TRUE`];
  if (filters.category) where.push(Prisma.sql`p.category = ${filters.category}`);
  if (filters.tag) where.push(Prisma.sql`p."campaignTag" = ${filters.tag}`);
  if (filters.status && (postStatuses as readonly string[]).includes(filters.status)) where.push(Prisma.sql`p.status = ${filters.status}::"PostStatus"`);
  const channel = filters.channel ? Prisma.sql`AND v."channelId" = ${filters.channel}` : Prisma.empty;
  const withoutChannels = filters.channel
    ? Prisma.empty
    : // Disjoint from the variants' slots (only posts without a channel), so no de-duplication is needed.
      Prisma.sql`UNION ALL
      SELECT p.id, p."scheduledAt" AS at FROM "Post" p
      WHERE p."workspaceId" = ${workspaceId} AND p."scheduledAt" >= ${range.from} AND p."scheduledAt" < ${range.to}
        AND NOT EXISTS (SELECT 1 FROM "Variant" v WHERE v."postId" = p.id AND v.status <> 'CANCELLED')`;
  return prisma.$queryRaw<Row[]>`
    WITH slots AS (
      SELECT v."postId" AS id, v."scheduledAt" AS at FROM "Variant" v
      WHERE v."workspaceId" = ${workspaceId} AND v."scheduledAt" >= ${range.from} AND v."scheduledAt" < ${range.to} AND v.status <> 'CANCELLED' ${channel}
      GROUP BY v."postId", v."scheduledAt"
      ${withoutChannels}
    ), ranked AS (
      SELECT p.id, p.title, p.category, p."campaignTag", p.status, s.at AS "scheduledAt",
        to_char((s.at AT TIME ZONE 'UTC') AT TIME ZONE ${zone}, 'YYYY-MM-DD') AS day
      FROM slots s JOIN "Post" p ON p.id = s.id
      WHERE ${Prisma.join(where, " AND ")}
    ), counted AS (
      SELECT r.*, row_number() OVER (PARTITION BY r.day ORDER BY r."scheduledAt", r.id) AS rank, count(*) OVER (PARTITION BY r.day)::int AS "dayTotal"
      FROM ranked r
    )
    SELECT c.id, c.title, c.category, c."campaignTag", c.status, c."scheduledAt", c.day, c."dayTotal",
      COALESCE(json_agg(json_build_object('id', v.id, 'status', v.status, 'externalUrl', v."externalUrl", 'channelId', v."channelId", 'failureClass', v."failureClass") ORDER BY v."channelId")
        FILTER (WHERE v.id IS NOT NULL), '[]') AS variants
    FROM counted c LEFT JOIN "Variant" v ON v."postId" = c.id AND v."scheduledAt" = c."scheduledAt" AND v.status <> 'CANCELLED'
    WHERE c.rank <= ${perDay[range.view]}
    GROUP BY c.id, c.title, c.category, c."campaignTag", c.status, c."scheduledAt", c.day, c."dayTotal"
    ORDER BY c."scheduledAt", c.id`;
}

// The mix picture per channel, folded by PostgreSQL: counts by category and the times in
// order, from one scan of the range's variants (a month can hold 10,000).
function mixByChannel(workspaceId: string, range: CalendarRange) {
  return prisma.$queryRaw<{ channelId: string; counts: Record<string, number>; times: number[] }[]>`
    WITH planned AS MATERIALIZED (
      SELECT v."channelId", p.category, v."scheduledAt"
      FROM "Variant" v JOIN "Post" p ON p.id = v."postId"
      WHERE v."workspaceId" = ${workspaceId} AND v."scheduledAt" >= ${range.from} AND v."scheduledAt" < ${range.to} AND p.status <> 'CANCELLED' AND v.status <> 'CANCELLED'
    )
    SELECT c."channelId", c.counts, t.times
    FROM (
      SELECT "channelId", jsonb_object_agg(category, n) AS counts
      FROM (SELECT "channelId", category, count(*)::int AS n FROM planned GROUP BY 1, 2) per_category
      GROUP BY 1
    ) c
    JOIN (
      SELECT "channelId", array_agg((extract(epoch FROM "scheduledAt") * 1000)::float8 ORDER BY "scheduledAt") AS times
      FROM planned
      GROUP BY 1
    ) t ON t."channelId" = c."channelId"`;
}

export async function loadCalendar(workspaceId: string, zone: string, range: CalendarRange, filters: CalendarQuery) {
  const [workspace, posts, perChannel, tags] = await Promise.all([
    prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: {
        mixRules: true,
        channels: {
          orderBy: { name: "asc" },
          select: { id: true, name: true, network: true, enabled: true },
        },
      },
    }),
    postsInRange(workspaceId, zone, range, filters),
    mixByChannel(workspaceId, range),
    prisma.$queryRaw<{ tag: string }[]>`SELECT DISTINCT "campaignTag" AS tag FROM "Post" WHERE "workspaceId" = ${workspaceId} AND "campaignTag" IS NOT NULL ORDER BY 1 LIMIT 100`,
  ]);
  const rules = mixRulesSchema.parse(workspace.mixRules ?? {});
  const mix = summariseMix(perChannel, {
    channels: workspace.channels,
    categories: rules.categories,
    rules,
    from: range.from.getTime(),
    to: range.to.getTime(),
    now: Date.now(),
  });
  const more: Record<string, number> = {};
  for (const post of posts) more[post.day] = post.dayTotal - perDay[range.view];
  for (const day of Object.keys(more)) if (more[day]! <= 0) delete more[day];
  return {
    posts: posts.map(({ day: _day, dayTotal: _total, ...p }) => ({
      ...p,
      scheduledAt: p.scheduledAt.toISOString(),
    })),
    more,
    channels: workspace.channels,
    categories: rules.categories,
    onePer: rules.selfPromotion.onePer,
    quietDays: rules.quietChannel.days,
    tags: tags.map((t) => t.tag),
    mix,
  };
}
