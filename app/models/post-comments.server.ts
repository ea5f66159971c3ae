// The discussion on a post: comments by members (clients comment through their decisions).
// A comment's @mentions tell the members it names; the team may show a comment to the client.
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { mentionEvent, recordEvents } from "./notification-events.server";

export async function addComment(workspaceId: string, actorId: string, postId: string, body: string, visibleToClient = false) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { id: true, title: true } });
  if (!post) return false;
  await prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { postId, authorId: actorId, body, visibleToClient }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "post.commented", targetType: "post", targetId: postId, data: visibleToClient ? { visibleToClient } : {} });
    const mention = await mentionEvent(tx, { workspaceId, commentId: comment.id, actorId, post, body });
    if (mention) await recordEvents(tx, [mention]);
  });
  return true;
}
