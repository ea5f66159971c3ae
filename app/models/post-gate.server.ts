// Carrying out the gate (app/domain/post-gate.ts) on stored posts. Every path that changes
// where a post stands — the post page, the review queue, a client's link, drag and drop,
// the pause page, the editor, imports, series and the worker — comes through here: the
// post and its variants are locked, the rules' verdict is taken where the post would stand,
// the pure gate decides, and the decision is written (post, variants, approval, audit) in
// one transaction. The queue follows after the commit.
import type { PostCheck } from "~/domain/mix-rules";
import {
  type ApprovalPolicy,
  type GateAction,
  type GateActor,
  type GateDecision,
  type GatePost,
  type Passed,
  type PostStatus,
  type Refusal,
  type Verdict,
  type VariantStatus,
  decide,
  isCleared,
  needsVerdict,
} from "~/domain/post-gate";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { mediaFactsOf, variantMediaFacts } from "./media.server";
import { eventsOfStep, recordEvents } from "./notification-events.server";
import { checkDraftPost, checkPostNow, checkWorkspacePlan, planVersionOf, seriesOf, storeVerdict, verdictOf } from "./plan-check.server";
import { type QueueChange, applyQueueChanges, holdClasses, markVariantPublished, scheduleVariants, unscheduleVariants } from "./scheduling.server";

type Tx = Prisma.TransactionClient;

export type WorkspaceRef = { id: string; timeZone: string; approvalsRequired: number; editorsMaySchedule: boolean; keepApprovalOnMove: boolean };

export const policyOf = (w: Pick<WorkspaceRef, "approvalsRequired" | "editorsMaySchedule" | "keepApprovalOnMove">): ApprovalPolicy => ({
  approvalsRequired: Math.min(2, Math.max(0, w.approvalsRequired)) as 0 | 1 | 2,
  editorsMaySchedule: w.editorsMaySchedule,
  keepApprovalOnMove: w.keepApprovalOnMove,
});

/** A member, or a client through a link (with the name they typed, kept for the thread and the log). */
export type Actor = Extract<GateActor, { kind: "member" }> | (Extract<GateActor, { kind: "client" }> & { name: string }) | Extract<GateActor, { kind: "system" }>;

export const memberActor = (user: { id: string }, role: Extract<GateActor, { kind: "member" }>["role"]): Actor => ({ kind: "member", id: user.id, role });

export const gateSelect = {
  id: true,
  status: true,
  authorId: true,
  revision: true,
  title: true,
  category: true,
  scheduledAt: true,
  seriesId: true,
  overrideRules: true,
  variants: { orderBy: { channelId: "asc" }, select: { id: true, status: true, failureClass: true, scheduledAt: true, channelId: true, text: true, link: true, mediaUrls: true, media: variantMediaFacts } },
  approvals: { select: { approverId: true, shareLinkId: true, approverName: true, decision: true, revision: true } },
} satisfies Prisma.PostSelect;
export type GateRow = Prisma.PostGetPayload<{ select: typeof gateSelect }>;

/** The approver key of a stored approval (legacy client approvals, from before links counted, by their name). */
const keyOfApproval = (a: GateRow["approvals"][number]) => (a.approverId ? `user:${a.approverId}` : a.shareLinkId ? `link:${a.shareLinkId}` : `name:${a.approverName ?? ""}`);

/** The post as the gate sees it. */
export function gatePostOf(row: GateRow, now = Date.now()): GatePost {
  const current = row.approvals.filter((a) => a.revision === row.revision && a.decision === "APPROVED");
  return {
    status: row.status as PostStatus,
    authorId: row.authorId,
    approvedBy: [...new Set(current.map(keyOfApproval))],
    time: row.scheduledAt === null ? "none" : row.scheduledAt.getTime() > now ? "future" : "past",
    variants: row.variants.map((v) => ({ id: v.id, status: v.status as VariantStatus, held: (holdClasses as readonly string[]).includes(v.failureClass ?? "") })),
  };
}

export function loadGateRow(db: Tx | typeof prisma, workspaceId: string, postId: string) {
  return db.post.findFirst({ where: { id: postId, workspaceId }, select: gateSelect });
}

/**
 * The post and its variants locked for this transaction, then loaded: one change at a time
 * per post (two approvers cannot both be "the last"), and a worker's claim of one of its
 * variants waits until the decision is written, then sees it.
 */
export async function lockGateRow(tx: Tx, workspaceId: string, postId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Post" WHERE id = ${postId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  await tx.$executeRaw`SELECT 1 FROM "Variant" WHERE "postId" = ${postId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  return loadGateRow(tx, workspaceId, postId);
}

export type GateOptions = {
  /** A note on the post's thread (a reason for changes, a client's comment). */
  comment?: string;
  /** The new time of a move or of one variant's reschedule. */
  at?: Date;
  /** The published post's address, for "it did go out". */
  url?: string | null;
  /** The revision the person saw when they decided: a decision on a post changed since is refused as stale. */
  revision?: number;
};

export type GateOutcome =
  | { ok: true; status: PostStatus; check: PostCheck | null }
  | { ok: false; httpStatus: 404 | 409 | 422; refusal: Refusal | null; check: PostCheck | null };

const statusOfRefusal = (refusal: Refusal): 409 | 422 => (refusal.code === "needs-future-time" || refusal.code === "needs-time" ? 422 : 409);

/** The rules' verdict where the action would put the post (a move: at its new time), with the check behind it. */
async function verdictFor(workspaceId: string, row: GateRow, action: GateAction, options: GateOptions): Promise<{ verdict: Verdict; check: PostCheck }> {
  const variants = row.variants.filter((v) => v.status !== "CANCELLED");
  const movedVariant = action.kind === "variant-reschedule" || action.kind === "variant-publish-now" ? action.variantId : null;
  const at = (v: (typeof variants)[number]) => {
    if (action.kind === "move" && options.at && v.status !== "PUBLISHED" && v.status !== "PUBLISHING") return options.at;
    if (movedVariant === v.id) return options.at ?? new Date();
    return v.scheduledAt;
  };
  const check = await checkDraftPost(workspaceId, {
    postId: row.id,
    title: row.title,
    category: row.category,
    seriesId: seriesOf(row),
    at: action.kind === "move" && options.at ? options.at : row.scheduledAt,
    variants: variants.map((v) => ({ channelId: v.channelId, text: v.text, link: v.link, mediaUrls: v.mediaUrls, media: mediaFactsOf(v.media), at: at(v) })),
  });
  return { verdict: verdictOf(check.own, row.overrideRules), check };
}

/** The actions whose verdict depends on the rules: the verdict is taken before the transaction. */
const verdictActions: readonly GateAction["kind"][] = ["import", "submit", "approve", "schedule", "move", "edit-details", "edit-content", "variant-reschedule", "variant-publish-now", "claim"];

/** Whether two reads of a post are the same post for the rules: its version, time and category. */
const sameJudgedPost = (a: GateRow, b: GateRow) => a.revision === b.revision && a.category === b.category && (a.scheduledAt?.getTime() ?? null) === (b.scheduledAt?.getTime() ?? null);

/** One decision of a person (or of Rytm) on one post, carried out or refused with the reason. */
export async function act(workspace: WorkspaceRef, actor: Actor, postId: string, action: GateAction, options: GateOptions = {}): Promise<GateOutcome> {
  const before = await loadGateRow(prisma, workspace.id, postId);
  if (!before) return { ok: false, httpStatus: 404, refusal: null, check: null };
  const judged = verdictActions.includes(action.kind) ? await verdictFor(workspace.id, before, action, options) : null;
  const outcome = await prisma.$transaction(async (tx) => {
    const row = await lockGateRow(tx, workspace.id, postId);
    if (!row) return { ok: false as const, httpStatus: 404 as const, refusal: null };
    if (options.revision !== undefined && options.revision !== row.revision) return { ok: false as const, httpStatus: 409 as const, refusal: { code: "stale" as const } };
    // The verdict was taken before the lock: if the post changed meanwhile (words, time,
    // category), it judged another post, and the decision waits for a fresh look.
    if (judged && !sameJudgedPost(before, row)) return { ok: false as const, httpStatus: 409 as const, refusal: { code: "stale" as const } };
    const post = gatePostOf(row);
    const verdict = needsVerdict(post, action) ? (judged?.verdict ?? null) : null;
    const decision: GateDecision = decide(post, action, actor, policyOf(workspace), verdict);
    if (!decision.ok) return { ok: false as const, httpStatus: statusOfRefusal(decision.refusal), refusal: decision.refusal };
    const queue = await carryOut(tx, workspace.id, row, decision, actor, action, options, verdict);
    return { ok: true as const, status: decision.status, queue };
  });
  if (!outcome.ok) return { ...outcome, check: judged?.check ?? null };
  await afterCommit(workspace.id, postId, outcome.status, outcome.queue);
  return { ok: true, status: outcome.status, check: judged?.check ?? null };
}

/** After the commit: the queue follows, and a post on the schedule keeps a fresh verdict for the worker's claim. */
export async function afterCommit(workspaceId: string, postId: string, status: PostStatus, queue: readonly QueueChange[]) {
  await applyQueueChanges(queue);
  if (isCleared(status) && status !== "PUBLISHED") await refreshVerdict(workspaceId, postId);
}

/** Takes the post's verdict as the plan stands and stores it with the plan version it saw (read first, so a change meanwhile makes it stale, never wrongly fresh). */
export async function refreshVerdict(workspaceId: string, postId: string) {
  const version = await planVersionOf(workspaceId);
  const checked = await checkPostNow(workspaceId, postId);
  if (checked) await storeVerdict(postId, version, checked.verdict);
  return checked;
}

/** Writes a decision the gate passed: the post, its variants, the approval or comment, and the audit record. */
export async function carryOut(
  tx: Tx,
  workspaceId: string,
  row: GateRow,
  decision: Passed,
  actor: Actor,
  action: GateAction,
  options: GateOptions,
  verdict: Verdict | null,
): Promise<QueueChange[]> {
  const queue: QueueChange[] = [];
  const notOut = row.variants.filter((v) => v.status !== "PUBLISHING" && v.status !== "PUBLISHED");
  const client = actor.kind === "client" ? actor : null;
  const memberId = actor.kind === "member" ? actor.id : null;
  if (decision.records) {
    await tx.approval.create({
      data: {
        postId: row.id,
        approverId: memberId,
        shareLinkId: client?.linkId ?? null,
        approverName: client?.name ?? null,
        decision: decision.records === "approval" ? "APPROVED" : "CHANGES_REQUESTED",
        comment: options.comment ?? null,
        revision: row.revision,
      },
    });
  }
  if (options.comment) await tx.comment.create({ data: { postId: row.id, authorId: memberId, authorName: client?.name ?? null, body: options.comment } });
  if (action.kind === "move" && options.at) {
    await tx.variant.updateMany({ where: { id: { in: notOut.map((v) => v.id) } }, data: { scheduledAt: options.at } });
  }
  if (decision.unschedules) {
    const to = decision.status === "CANCELLED" ? "CANCELLED" : "DRAFT";
    queue.push(...(await unscheduleVariants(tx, workspaceId, notOut.map((v) => v.id), to)));
  }
  if (decision.schedules) queue.push(...(await scheduleVariants(tx, workspaceId, notOut.filter((v) => v.status !== "CANCELLED").map((v) => v.id))));
  if (decision.variant) {
    const { variantId, to } = decision.variant;
    if (to === "SCHEDULED") queue.push(...(await scheduleVariants(tx, workspaceId, [variantId], action.kind === "variant-publish-now" ? new Date() : options.at)));
    else if (to === "CANCELLED") queue.push(...(await unscheduleVariants(tx, workspaceId, [variantId], "CANCELLED")));
    else await markVariantPublished(tx, workspaceId, variantId, options.url ?? null);
  }
  await tx.post.update({
    where: { id: row.id },
    data: { status: decision.status, revision: decision.newRevision ? { increment: 1 } : undefined, ...(action.kind === "move" && options.at ? { scheduledAt: options.at } : {}) },
    select: { id: true },
  });
  await syncPostTime(tx, row.id);
  await recordStepEvents(tx, workspaceId, row, decision, actor, action, options);
  await recordAudit(tx, {
    workspaceId,
    actorId: memberId,
    action: `post.${action.kind}`,
    targetType: "post",
    targetId: row.id,
    data: {
      from: row.status,
      to: decision.status,
      revision: row.revision,
      ...(actor.kind === "member" ? { role: actor.role } : {}),
      ...(client ? { client: client.name, link: client.linkId } : {}),
      ...(actor.kind === "system" ? { system: true } : {}),
      ...(verdict ? { blocking: verdict.blocking } : {}),
      ...(decision.variant ? { variant: decision.variant.variantId } : {}),
      ...(options.at ? { at: options.at.toISOString() } : {}),
      ...(options.comment ? { comment: options.comment } : {}),
    },
  });
  return queue;
}

/** The notifications a step makes (review requested, a decision), written with it. */
async function recordStepEvents(tx: Tx, workspaceId: string, row: GateRow, decision: Passed, actor: Actor, action: GateAction, options: GateOptions) {
  if (!(decision.status === "IN_REVIEW" || action.kind === "approve" || action.kind === "request-changes")) return;
  const approvals =
    decision.records === "approval"
      ? { have: gatePostOf(row).approvedBy.length + 1, need: (await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { approvalsRequired: true } })).approvalsRequired }
      : undefined;
  const scheduledAt = action.kind === "move" && options.at ? options.at : row.scheduledAt;
  await recordEvents(
    tx,
    eventsOfStep({
      workspaceId,
      post: { id: row.id, title: row.title, authorId: row.authorId, scheduledAt },
      revision: row.revision + (decision.newRevision ? 1 : 0),
      from: row.status,
      to: decision.status,
      action: action.kind,
      newRevision: Boolean(decision.newRevision),
      actor: actor.kind === "client" ? { kind: "client", linkId: actor.linkId, name: actor.name } : actor.kind === "member" ? { kind: "member", id: actor.id } : { kind: "system" },
      comment: options.comment,
      approvals,
    }),
  );
}

/** A post's time is when its first channel goes out: one place for the calendar to read, kept by every change of a variant's time. */
export async function syncPostTime(tx: Tx, postId: string) {
  await tx.$executeRaw`
    UPDATE "Post" p SET "scheduledAt" = t.first
    FROM (SELECT min("scheduledAt") AS first FROM "Variant" WHERE "postId" = ${postId} AND status <> 'CANCELLED') t
    WHERE p.id = ${postId} AND t.first IS NOT NULL AND p."scheduledAt" IS DISTINCT FROM t.first`;
}

export type BulkOutcome = { postId: string; ok: boolean; status: PostStatus | null; refusal: Refusal | null };

/**
 * Several posts put on the schedule at once (a bulk action, an operator's script): each
 * judged by the gate like a single one, with the verdicts of the whole stretch of plan
 * taken in one evaluation and stored with the plan version read before it.
 */
export async function scheduleMany(workspace: WorkspaceRef, actor: Actor, postIds: readonly string[], batch = 100): Promise<BulkOutcome[]> {
  const version = await planVersionOf(workspace.id);
  const rows = await prisma.post.findMany({ where: { id: { in: [...postIds] }, workspaceId: workspace.id }, select: { id: true, scheduledAt: true } });
  const times = rows.flatMap((r) => (r.scheduledAt ? [r.scheduledAt.getTime()] : []));
  const violations = times.length ? await checkWorkspacePlan(workspace.id, new Date(Math.min(...times)), new Date(Math.max(...times) + 1)) : [];
  const own = new Map<string, typeof violations>();
  for (const v of violations) if (v.ruleId !== "quiet-channel" && v.postIds[0]) own.set(v.postIds[0], [...(own.get(v.postIds[0]) ?? []), v]);
  const outcomes: BulkOutcome[] = [];
  for (let i = 0; i < postIds.length; i += batch) {
    const queue = await prisma.$transaction(
      async (tx) => {
        const changes: QueueChange[] = [];
        for (const postId of postIds.slice(i, i + batch)) {
          const row = await lockGateRow(tx, workspace.id, postId);
          if (!row) {
            outcomes.push({ postId, ok: false, status: null, refusal: null });
            continue;
          }
          const verdict = verdictOf(own.get(postId) ?? [], row.overrideRules);
          const decision = decide(gatePostOf(row), { kind: "schedule" }, actor, policyOf(workspace), verdict);
          if (!decision.ok) {
            outcomes.push({ postId, ok: false, status: row.status as PostStatus, refusal: decision.refusal });
            continue;
          }
          changes.push(...(await carryOut(tx, workspace.id, row, decision, actor, { kind: "schedule" }, {}, verdict)));
          await tx.post.update({ where: { id: postId }, data: { verdictVersion: version, verdictBlocking: verdict.blocking }, select: { id: true } });
          outcomes.push({ postId, ok: true, status: decision.status, refusal: null });
        }
        return changes;
      },
      { timeout: 120_000 },
    );
    await applyQueueChanges(queue);
  }
  return outcomes;
}
