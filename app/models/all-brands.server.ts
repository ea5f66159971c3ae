// "All my brands": a person's plan across every workspace they belong to, in two
// statements whatever the number of brands — their memberships, then the range's posts of
// exactly those workspaces (the membership is joined in SQL, so a brand left or never
// joined cannot appear, and nothing is asked once per brand).
import { type AllBrandsQuery, type AllBrandsView, allBrandsPerDay, dayStartsOf } from "~/domain/all-brands";
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
export async function brandPostsInRange(userId: string, workspaceIds: readonly string[], zone: string, range: { from: Date; to: Date; days: string[] }, view: AllBrandsView, filters: AllBrandsQuery): Promise<BrandPost[]> {
  if (workspaceIds.length === 0) return [];
  const network = filters.network ? Prisma.sql`AND c.network = ${filters.network}::"NetworkKind"` : Prisma.empty;
  const channelJoin = filters.network ? Prisma.sql`JOIN "Channel" c ON c.id = v."channelId" ${network}` : Prisma.empty;
  // Only the rows kept are looked up (title, state, channels), each through LATERAL … LIMIT 1
  // on the primary key or the (postId, channelId) index: the planner, unsure how many rows a
  // window keeps, otherwise hashes whole tables.
  const withoutChannels = filters.network
    ? Prisma.empty
    : // Disjoint from the variants' slots (only posts without a channel), so no de-duplication is needed.
      Prisma.sql`UNION ALL
      SELECT p.id, p."workspaceId", p."scheduledAt" AS at
      FROM "Post" p JOIN mine ON mine.id = p."workspaceId"
        LEFT JOIN LATERAL (SELECT 1 AS found FROM "Variant" v WHERE v."postId" = p.id AND v.status <> 'CANCELLED' LIMIT 1) any_variant ON TRUE
      WHERE p."scheduledAt" >= ${range.from} AND p."scheduledAt" < ${range.to} AND any_variant.found IS NULL`;
  const status = filters.status
    ? Prisma.sql`JOIN LATERAL (SELECT 1 FROM "Post" p WHERE p.id = s.id AND p.status = ${filters.status}::"PostStatus" LIMIT 1) wanted ON TRUE`
    : Prisma.empty;
  // A slot's day is the bucket between the days' edges in the person's zone: the same answer
  // as converting each time to the zone, without a zone conversion per row.
  const rows = await prisma.$queryRaw<(Omit<BrandPost, "day"> & { bucket: number })[]>`
    WITH mine AS MATERIALIZED (
      SELECT m."workspaceId" AS id FROM "Membership" m
      WHERE m."userId" = ${userId} AND m."workspaceId" = ANY(${workspaceIds as string[]}::text[])
    ), slots AS (
      SELECT v."postId" AS id, v."workspaceId", v."scheduledAt" AS at
      FROM "Variant" v JOIN mine ON mine.id = v."workspaceId" ${channelJoin}
      WHERE v."scheduledAt" >= ${range.from} AND v."scheduledAt" < ${range.to} AND v.status <> 'CANCELLED'
      GROUP BY v."postId", v."workspaceId", v."scheduledAt"
      ${withoutChannels}
    ), counted AS (
      SELECT s.*, width_bucket(s.at, ${dayStartsOf(range.days, zone)}::timestamp[]) AS bucket FROM slots s ${status}
    ), ranked AS (
      SELECT c.*, row_number() OVER (PARTITION BY c.bucket ORDER BY c.at, c.id) AS rank, count(*) OVER (PARTITION BY c.bucket)::int AS "dayTotal"
      FROM counted c
    )
    SELECT r.id, r."workspaceId", p.title, p.status, r.at AS "scheduledAt", r.bucket, r."dayTotal", COALESCE(ch.channels, '[]') AS channels
    FROM ranked r
      JOIN LATERAL (SELECT p.title, p.status FROM "Post" p WHERE p.id = r.id LIMIT 1) p ON TRUE
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('name', c.name, 'network', c.network, 'status', v.status) ORDER BY c.name) AS channels
        FROM "Variant" v JOIN "Channel" c ON c.id = v."channelId" ${network}
        WHERE v."postId" = r.id AND v."scheduledAt" = r.at AND v.status <> 'CANCELLED'
      ) ch ON TRUE
    WHERE r.rank <= ${allBrandsPerDay[view]}
    ORDER BY r.at, r.id`;
  return rows.map(({ bucket, ...row }) => ({ ...row, day: range.days[bucket - 1]! }));
}
