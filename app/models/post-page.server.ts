// Everything the post page shows: the post, its variants and states, its discussion and
// its activity log, with the workflow's view of it.
import { approvalsMissing } from "~/domain/post-workflow";
import { prisma } from "~/utils/db.server";
import { type WorkspaceRef, loadWorkflowPost, policyOf } from "./post-workflow.server";

export async function loadPostPage(workspace: WorkspaceRef, postId: string) {
  const [post, loaded] = await Promise.all([
    prisma.post.findFirst({
      where: { id: postId, workspaceId: workspace.id },
      select: {
        id: true,
        title: true,
        body: true,
        category: true,
        campaignTag: true,
        status: true,
        scheduledAt: true,
        recurrenceRule: true,
        recurrenceParentId: true,
        overrideReason: true,
        authorId: true,
        author: { select: { name: true } },
        variants: {
          orderBy: { channel: { name: "asc" } },
          select: { id: true, text: true, link: true, mediaUrls: true, scheduledAt: true, status: true, externalUrl: true, lastError: true, failureClass: true, channel: { select: { name: true, network: true } } },
        },
        comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, authorName: true, author: { select: { name: true } } } },
      },
    }),
    loadWorkflowPost(prisma, workspace.id, postId),
  ]);
  if (!post || !loaded) return null;
  const activity = await prisma.auditEvent.findMany({
    where: { workspaceId: workspace.id, targetType: "post", targetId: postId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, action: true, createdAt: true, data: true, actor: { select: { name: true } } },
  });
  return { post, workflow: loaded.workflow, missing: approvalsMissing(loaded.workflow, policyOf(workspace)), activity };
}

/** Whether a post of this workspace exists, and whether the variant is one of its own. */
export async function findPostVariant(workspaceId: string, postId: string, variantId: string) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { variants: { where: { id: variantId }, select: { id: true } } } });
  return post && { hasVariant: post.variants.length > 0 };
}
