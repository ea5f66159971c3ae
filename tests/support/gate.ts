// Putting test posts on the schedule the only way there is: through the gate, as an owner
// of their workspace would.
import { type Actor, type WorkspaceRef, act } from "~/models/post-gate.server";
import { prisma } from "~/utils/db.server";
import { addMember, createUser } from "./fixtures";

async function ownerOf(workspaceId: string): Promise<{ workspace: WorkspaceRef; actor: Actor }> {
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true } });
  const existing = await prisma.membership.findFirst({ where: { workspaceId, role: "OWNER" }, select: { userId: true } });
  const userId = existing?.userId ?? (await createUser()).id;
  if (!existing) await addMember(workspaceId, userId, "OWNER");
  return { workspace, actor: { kind: "member", id: userId, role: "OWNER" } };
}

async function gate(workspaceId: string, postId: string, action: Parameters<typeof act>[3], options: Parameters<typeof act>[4] = {}) {
  const { workspace, actor } = await ownerOf(workspaceId);
  const outcome = await act(workspace, actor, postId, action, options);
  if (!outcome.ok) throw new Error(`The gate refused ${action.kind}: ${JSON.stringify(outcome.refusal)} ${JSON.stringify(outcome.check?.own.map((v) => v.message.en))}`);
  return outcome;
}

/** An owner schedules the post (at a new time first, when one is given). */
export async function schedule(workspaceId: string, postId: string, at?: Date) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { status: true } });
  if (at && post.status === "SCHEDULED") return gate(workspaceId, postId, { kind: "move", to: "future" }, { at });
  if (at) await gate(workspaceId, postId, { kind: "move", to: "future" }, { at });
  return gate(workspaceId, postId, { kind: "schedule" });
}

export const cancel = (workspaceId: string, postId: string) => gate(workspaceId, postId, { kind: "cancel" });
export const unschedule = (workspaceId: string, postId: string) => gate(workspaceId, postId, { kind: "unschedule" });
export const publishNow = (workspaceId: string, postId: string, variantId: string) => gate(workspaceId, postId, { kind: "variant-publish-now", variantId });
