// "All my brands": a person's plan across every workspace they belong to, in two
// statements whatever the number of brands — their memberships, then the range's posts of
// exactly those workspaces (the membership is joined in SQL, so a brand left or never
// joined cannot appear, and nothing is asked once per brand).
import { type AllBrandsQuery, type AllBrandsView, allBrandsPerDay } from "~/domain/all-brands";
import type { Role } from "~/domain/permissions";
import type { PostStatus } from "~/domain/post-gate";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/** The person's brands, by name: what the legend, the filters and the pause form list. */
export async function listBrandsOf(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: [{ workspace: { name: "asc" } }, { workspaceId: "asc" }],
    select: { role: true, workspace: { select: { id: true, name: true, slug: true, timeZone: true, pausedAt: true, pauseReason: true, ownersNeedTwoFactor: true } } },
  });
  return memberships.map((m) => ({ role: m.role as Role, ...m.workspace }));
}

export type BrandPost = {
  id: string;
  workspaceId: string;
  title: string;
  status: PostStatus;
  scheduledAt: Date;
  day: string;
  dayTotal: number;
  channels: { name: string; network: string; status: string }[];
};

/**
 * The range's posts of the given workspaces where `userId` is a member, ranked within the
 * person's local day. As on one brand's calendar, time lives with the variants: a post
 * appears at each time one of its channels goes out, a post without channels at its own.
 */
export function brandPostsInRange(userId: string, workspaceIds: readonly string[], zone: string, range: { from: Date; to: Date }, view: AllBrandsView, filters: AllBrandsQuery) {
  if (workspaceIds.length === 0) return Promise.resolve([] as BrandPost[]);
  const status = filters.status ? Prisma.sql`AND p.status = ${filters.status}::"PostStatus"` : Prisma.empty;
  const network = filters.network ? Prisma.sql`JOIN "Channel" c ON c.id = v."channelId" AND c.network = ${filters.network}::"NetworkKind"` : Prisma.empty;
  const withoutChannels = filters.network
    ? Prisma.empty
    : // Disjoint from the variants' slots (only posts without a channel), so no de-duplication is needed.
      Prisma.sql`UNION ALL
      SELECT p.id, p."scheduledAt" AS at FROM "Post" p JOIN mine ON mine.id = p."workspaceId"
      WHERE p."scheduledAt" >= ${range.from} AND p."scheduledAt" < ${range.to}
        AND NOT EXISTS (SELECT 1 FROM "Variant" v WHERE v."postId" = p.id AND v.status <> 'CANCELLED')`;
  return prisma.$queryRaw<BrandPost[]>`
    WITH mine AS MATERIALIZED (
      SELECT m."workspaceId" AS id FROM "Membership" m
      WHERE m."userId" = ${userId} AND m."workspaceId" = ANY(${workspaceIds as string[]}::text[])
    ), slots AS (
      SELECT v."postId" AS id, v."scheduledAt" AS at
      FROM "Variant" v JOIN mine ON mine.id = v."workspaceId" ${network}
      WHERE v."scheduledAt" >= ${range.from} AND v."scheduledAt" < ${range.to} AND v.status <> 'CANCELLED'
      GROUP BY v."postId", v."scheduledAt"
      ${withoutChannels}
    ), ranked AS (
      SELECT p.id, p."workspaceId", p.title, p.status, s.at AS "scheduledAt",
        to_char((s.at AT TIME ZONE 'UTC') AT TIME ZONE ${zone}, 'YYYY-MM-DD') AS day
      FROM slots s JOIN "Post" p ON p.id = s.id
      WHERE TRUE ${status}
    ), counted AS (
      SELECT r.*, row_number() OVER (PARTITION BY r.day ORDER BY r."scheduledAt", r.id) AS rank, count(*) OVER (PARTITION BY r.day)::int AS "dayTotal"
      FROM ranked r
    )
    SELECT k.id, k."workspaceId", k.title, k.status, k."scheduledAt", k.day, k."dayTotal",
      COALESCE(json_agg(json_build_object('name', c.name, 'network', c.network, 'status', v.status) ORDER BY c.name) FILTER (WHERE v.id IS NOT NULL), '[]') AS channels
    FROM counted k
      LEFT JOIN "Variant" v ON v."postId" = k.id AND v."scheduledAt" = k."scheduledAt" AND v.status <> 'CANCELLED'
      LEFT JOIN "Channel" c ON c.id = v."channelId"
    WHERE k.rank <= ${allBrandsPerDay[view]}
    GROUP BY k.id, k."workspaceId", k.title, k.status, k."scheduledAt", k.day, k."dayTotal"
    ORDER BY k."scheduledAt", k.id`;
}
