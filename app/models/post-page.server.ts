// Everything the post page shows: the post, its variants and states, its discussion and
// activity, the rules' verdict where it stands, and which actions the gate would let this
// person take — the buttons are shown by asking the same gate the actions ask.
import { type GateAction, type GateActor, type GatePost, type Refusal, approvalsMissing, decide } from "~/domain/post-gate";
import { prisma } from "~/utils/db.server";
import { loadSeries, summarise } from "./series.server";
import { attachmentsOf, variantAttachments } from "./media.server";
import { checkPostNow } from "./plan-check.server";
import { type WorkspaceRef, gatePostOf, gateSelect, loadGateRow, policyOf } from "./post-gate.server";

export const postButtons = ["submit", "schedule", "unschedule", "cancel", "approve", "request-changes", "move", "edit-content"] as const;
export const variantButtons = ["variant-publish-now", "variant-reschedule", "variant-cancel", "variant-mark-published"] as const;

/** A button: shown when the gate allows the action; shown disabled, with the reason, when only the rules or missing approvals stand in the way. */
export type ButtonState = { allowed: boolean; refusal: Refusal | null };

/**
 * What the gate would let this person do now, given the verdict where the post stands. A
 * move or a new time is asked about a time ahead with a clean verdict: whether the target
 * passes is only known once it is chosen.
 */
export function allowedActions(post: GatePost, actor: GateActor, workspace: WorkspaceRef, blocking: boolean) {
  const policy = policyOf(workspace);
  const ask = (action: GateAction, verdict = { blocking }): ButtonState => {
    const decision = decide(post, action, actor, policy, verdict);
    if (decision.ok) return { allowed: true, refusal: null };
    const explained = decision.refusal.code === "blocked" || decision.refusal.code === "needs-approvals";
    return { allowed: false, refusal: explained ? decision.refusal : null };
  };
  const buttons = Object.fromEntries(
    postButtons.map((kind) => [kind, kind === "move" ? ask({ kind, to: "future" }, { blocking: false }) : ask({ kind } as GateAction)]),
  ) as Record<(typeof postButtons)[number], ButtonState>;
  const variants = Object.fromEntries(
    post.variants.map((v) => [
      v.id,
      Object.fromEntries(
        variantButtons.map((kind) => [kind, kind === "variant-reschedule" ? ask({ kind, variantId: v.id, to: "future" }, { blocking: false }) : ask({ kind, variantId: v.id } as GateAction)]),
      ) as Record<(typeof variantButtons)[number], ButtonState>,
    ]),
  );
  return { buttons, variants };
}

export async function loadPostPage(workspace: WorkspaceRef, postId: string, actor: GateActor) {
  const [post, row, checked] = await Promise.all([
    prisma.post.findFirst({
      where: { id: postId, workspaceId: workspace.id },
      select: {
        id: true,
        revision: true,
        title: true,
        body: true,
        category: true,
        campaignTag: true,
        status: true,
        scheduledAt: true,
        seriesId: true,
        occurrenceKey: true,
        overrideReason: true,
        overrideRules: true,
        authorId: true,
        author: { select: { name: true } },
        variants: {
          orderBy: { channel: { name: "asc" } },
          select: {
            id: true,
            text: true,
            link: true,
            mediaUrls: true,
            media: variantAttachments,
            scheduledAt: true,
            status: true,
            externalUrl: true,
            lastError: true,
            failureClass: true,
            channel: { select: { name: true, network: true } },
          },
        },
        comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, authorName: true, visibleToClient: true, author: { select: { name: true } } } },
      },
    }),
    loadGateRow(prisma, workspace.id, postId),
    checkPostNow(workspace.id, postId),
  ]);
  if (!post || !row || !checked) return null;
  const gatePost = gatePostOf(row);
  const activity = await prisma.auditEvent.findMany({
    where: { workspaceId: workspace.id, targetType: "post", targetId: postId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, action: true, createdAt: true, data: true, actor: { select: { name: true } } },
  });
  const series = post.seriesId ? await loadSeries(prisma, workspace.id, post.seriesId) : null;
  return {
    // BigInt sizes do not cross JSON: the items as the page shows them.
    post: { ...post, variants: post.variants.map((v) => ({ ...v, media: attachmentsOf(v.media) })) },
    series: series && summarise(series, post),
    gatePost,
    missing: approvalsMissing(gatePost, policyOf(workspace)),
    check: { own: checked.own, consequences: checked.consequences, blocking: checked.verdict.blocking },
    allowed: allowedActions(gatePost, actor, workspace, checked.verdict.blocking),
    activity,
  };
}

/** Whether a post of this workspace exists, and whether the variant is one of its own. */
export async function findPostVariant(workspaceId: string, postId: string, variantId: string) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { variants: { where: { id: variantId }, select: { id: true } } } });
  return post && { hasVariant: post.variants.length > 0 };
}

/** The post a variant of this workspace belongs to (the pause page acts on variants). */
export async function postOfVariant(workspaceId: string, variantId: string) {
  const variant = await prisma.variant.findFirst({ where: { id: variantId, workspaceId }, select: { postId: true } });
  return variant?.postId ?? null;
}

/**
 * For the variants waiting on the pause page: what the gate would let this person do with
 * each, judged with the post's last stored verdict (the action itself asks afresh).
 */
export async function variantChoices(workspace: WorkspaceRef, actor: GateActor, variants: readonly { id: string; post: { id: string } }[]) {
  const postIds = [...new Set(variants.map((v) => v.post.id))];
  const rows = await prisma.post.findMany({ where: { id: { in: postIds }, workspaceId: workspace.id }, select: { ...gateSelect, verdictBlocking: true } });
  const allowed = new Map(rows.map((row) => [row.id, allowedActions(gatePostOf(row), actor, workspace, row.verdictBlocking ?? false)]));
  return Object.fromEntries(variants.map((v) => [v.id, allowed.get(v.post.id)?.variants[v.id] ?? null]));
}

/** A post's time after a decision (what a confirmation names). */
export async function postTimeOf(workspaceId: string, postId: string) {
  return (await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { scheduledAt: true } }))?.scheduledAt ?? null;
}
