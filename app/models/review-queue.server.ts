// The approvers' queue: every post in review, earliest date first, with the rules' verdict
// and any owner's override shown beside it, and whether the gate would take this person's
// approval now.
import { type GateActor, decide } from "~/domain/post-gate";
import { prisma } from "~/utils/db.server";
import { checkWorkspacePlan, loadRuleSettings, verdictOf } from "./plan-check.server";
import { type WorkspaceRef, gatePostOf, gateSelect, policyOf } from "./post-gate.server";

export async function listReviewQueue(workspace: WorkspaceRef, actor: GateActor) {
  const [posts, rows] = await Promise.all([
    prisma.post.findMany({
      where: { workspaceId: workspace.id, status: "IN_REVIEW" },
      orderBy: [{ scheduledAt: { sort: "asc", nulls: "last" } }],
      select: {
        id: true,
        revision: true,
        title: true,
        category: true,
        scheduledAt: true,
        overrideReason: true,
        author: { select: { name: true } },
        variants: { where: { status: { not: "CANCELLED" } }, select: { id: true, text: true, link: true, mediaUrls: true, channel: { select: { name: true, network: true } } } },
      },
    }),
    prisma.post.findMany({ where: { workspaceId: workspace.id, status: "IN_REVIEW" }, select: gateSelect }),
  ]);
  const gateRows = new Map(rows.map((row) => [row.id, row]));
  // The verdicts as the calendar shows them: the plan around the queue's dates, checked once.
  const times = posts.flatMap((p) => (p.scheduledAt ? [p.scheduledAt.getTime()] : []));
  const violations = times.length
    ? await checkWorkspacePlan(workspace.id, new Date(Math.min(...times)), new Date(Math.max(...times) + 1), await loadRuleSettings(workspace.id))
    : [];
  const policy = policyOf(workspace);
  return posts.map((post) => {
    const row = gateRows.get(post.id)!;
    const gatePost = gatePostOf(row);
    const own = violations.filter((v) => v.postIds[0] === post.id);
    const decision = decide(gatePost, { kind: "approve" }, actor, policy, verdictOf(own, row.overrideRules));
    return {
      ...post,
      violations: own,
      approvals: gatePost.approvedBy.length,
      mine: actor.kind === "member" && row.authorId === actor.id,
      mayApprove: decision.ok,
      refusal: decision.ok ? null : decision.refusal,
    };
  });
}
