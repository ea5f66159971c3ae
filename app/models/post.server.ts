// Posts of one workspace; the workspace id is part of every filter.
import { prisma } from "~/utils/db.server";

export function listPostsBetween(workspaceId: string, from: Date, to: Date) {
  return prisma.post.findMany({
    where: { workspaceId, scheduledAt: { gte: from, lt: to } },
    orderBy: { scheduledAt: "asc" },
    select: {
      id: true,
      title: true,
      category: true,
      campaignTag: true,
      status: true,
      scheduledAt: true,
      variants: { select: { id: true, status: true, externalUrl: true, channel: { select: { network: true, name: true } } } },
    },
  });
}

export function listUnscheduledPosts(workspaceId: string) {
  return prisma.post.findMany({
    where: { workspaceId, scheduledAt: null },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: { id: true, title: true, category: true, status: true },
  });
}

export function getPost(workspaceId: string, postId: string) {
  return prisma.post.findFirst({
    where: { id: postId, workspaceId },
    select: {
      id: true,
      title: true,
      category: true,
      campaignTag: true,
      status: true,
      scheduledAt: true,
      recurrenceRule: true,
      author: { select: { name: true } },
      variants: {
        orderBy: { channel: { network: "asc" } },
        select: {
          id: true,
          text: true,
          link: true,
          mediaUrls: true,
          scheduledAt: true,
          status: true,
          externalUrl: true,
          lastError: true,
          failureClass: true,
          channel: { select: { network: true, name: true } },
        },
      },
    },
  });
}
