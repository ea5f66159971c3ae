// The variants of a date range, in the workspace's zone, as rows of the plan CSV format:
// every channel of every post planned in the range, in time order, with the post's id and
// series so that a plan comes back as itself.
import { DateTime } from "luxon";
import type { ExportRow } from "~/domain/plan-csv";
import { prisma } from "~/utils/db.server";
import { seriesOf } from "./plan-check.server";

export async function planExportRows(workspace: { id: string; timeZone: string }, from: string, to: string): Promise<ExportRow[]> {
  const zone = workspace.timeZone;
  const start = DateTime.fromISO(from, { zone }).startOf("day");
  const end = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf("day");
  const variants = await prisma.variant.findMany({
    where: { workspaceId: workspace.id, scheduledAt: { gte: start.toJSDate(), lt: end.toJSDate() }, status: { not: "CANCELLED" }, post: { status: { not: "CANCELLED" } } },
    orderBy: [{ scheduledAt: "asc" }, { postId: "asc" }],
    select: {
      postId: true,
      text: true,
      link: true,
      mediaUrls: true,
      scheduledAt: true,
      channel: { select: { name: true } },
      post: { select: { title: true, category: true, seriesId: true } },
    },
  });
  return variants.map((v) => {
    const local = DateTime.fromJSDate(v.scheduledAt!, { zone });
    return {
      date: local.toISODate()!,
      time: local.toFormat("HH:mm"),
      timezone: zone,
      channel: v.channel.name,
      category: v.post.category,
      title: v.post.title,
      text: v.text,
      link: v.link ?? "",
      media: v.mediaUrls.join(" "),
      id: v.postId,
      series: seriesOf(v.post) ?? "",
    };
  });
}
