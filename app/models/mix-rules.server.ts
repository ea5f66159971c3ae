// A workspace's mix rules: read, previewed against the plan, and saved (owners).
import type { MixRules } from "~/domain/mix-rules-settings";
import { type Violation, uncoveredBlocking } from "~/domain/violations";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { checkWorkspacePlan, loadRuleSettings } from "./plan-check.server";

const DAY = 86_400_000;

export type BlockedPost = { postId: string; title: string; at: Date; status: string; violations: Violation[] };

/**
 * The planned posts of the next `days` days that rules would block: how the plan would look
 * under them, before anyone saves them.
 */
export async function postsBlockedUnder(workspaceId: string, rules: MixRules, days = 30, now = new Date()): Promise<BlockedPost[]> {
  const settings = { ...(await loadRuleSettings(workspaceId)), rules };
  const to = new Date(now.getTime() + days * DAY);
  const found = (await checkWorkspacePlan(workspaceId, now, to, settings)).filter((v) => v.severity === "block" && v.postIds[0]);
  const byPost = new Map<string, Violation[]>();
  for (const v of found) byPost.set(v.postIds[0]!, [...(byPost.get(v.postIds[0]!) ?? []), v]);
  const posts = await prisma.post.findMany({
    where: { workspaceId, id: { in: [...byPost.keys()] } },
    orderBy: { scheduledAt: "asc" },
    select: { id: true, title: true, scheduledAt: true, status: true, overrideRules: true },
  });
  // A rule an owner overrode on a post does not block it.
  return posts
    .map((p) => ({ postId: p.id, title: p.title, at: p.scheduledAt!, status: p.status, violations: uncoveredBlocking(byPost.get(p.id)!, p.overrideRules) }))
    .filter((p) => p.violations.length > 0);
}

export async function saveMixRules(workspaceId: string, actorId: string, rules: MixRules) {
  await prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspaceId }, data: { mixRules: rules }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "workspace.mix_rules", targetType: "workspace", targetId: workspaceId, data: rules });
  });
}
