// The discussion on a post: comments by members (clients comment through their decisions).
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export async function addComment(workspaceId: string, actorId: string, postId: string, body: string) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { id: true } });
  if (!post) return false;
  await prisma.$transaction(async (tx) => {
    await tx.comment.create({ data: { postId, authorId: actorId, body } });
    await recordAudit(tx, { workspaceId, actorId, action: "post.commented", targetType: "post", targetId: postId });
  });
  return true;
}
