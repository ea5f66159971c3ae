// What a CSV export writes: every channel of every post planned in the range, in time order.
import { prisma } from "~/utils/db.server";

export function variantsForExport(workspaceId: string, from: Date, to: Date) {
  return prisma.variant.findMany({
    where: { workspaceId, scheduledAt: { gte: from, lt: to }, status: { not: "CANCELLED" }, post: { status: { not: "CANCELLED" } } },
    orderBy: [{ scheduledAt: "asc" }, { postId: "asc" }],
    select: {
      postId: true,
      text: true,
      link: true,
      mediaUrls: true,
      scheduledAt: true,
      channel: { select: { name: true } },
      post: { select: { title: true, category: true, recurrenceParentId: true, recurrenceRule: true } },
    },
  });
}
