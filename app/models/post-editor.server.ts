// Saving a post from the editor, and moving one in the calendar. Everything is checked
// before anything is written (channels and category of this workspace, the local time on
// DST change days, the rules); the workflow decides the post's state; the variants then
// follow onto or off the schedule.
import { resolveLocalTime } from "~/domain/local-time";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { type PostForm, recurrenceOf } from "~/domain/post-form";
import { type PostStatus, type Transition, type WorkflowAction, transition } from "~/domain/post-workflow";
import { toRRule } from "~/domain/recurrence";
import { type Violation, isBlocking } from "~/domain/violations";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { checkDraftPost, variantFingerprint } from "./plan-check.server";
import { type Actor, type WorkspaceRef, followSchedule, lockWorkflowPost, policyOf } from "./post-workflow.server";
import { materialiseRecurringPosts } from "./recurrence.server";

export type DstChoice = { earlier: string; later: string };
export type SaveResult =
  | { ok: true; postId: string; status: PostStatus; violations: Violation[] }
  | { ok: false; httpStatus: 404 | 409 | 422; fieldErrors: Record<string, string[]>; message: string; dstChoice?: DstChoice; violations?: Violation[] };

const invalid = (fieldErrors: Record<string, string[]>, message = "Some fields need attention.", extra: Partial<Extract<SaveResult, { ok: false }>> = {}): SaveResult => ({
  ok: false,
  httpStatus: 422,
  fieldErrors,
  message,
  ...extra,
});

/** A wall-clock date and time → an instant, or what to ask the person on a DST change day. */
export function instantFor(date: string, time: string, zone: string, dst?: "earlier" | "later"): { at: Date } | { error: string; choice?: DstChoice } {
  const local = resolveLocalTime(date, time, zone);
  if (local.kind === "ok") return { at: local.instant };
  if (local.kind === "ambiguous") {
    if (dst) return { at: dst === "earlier" ? local.instant : local.later };
    return { error: `${time} happens twice on ${date} in ${zone} (the clocks go back). Choose which one.`, choice: { earlier: local.instant.toISOString(), later: local.later.toISOString() } };
  }
  // A skipped time: the hour before the jump, or the same clock time after it.
  const [h, m] = time.split(":").map(Number) as [number, number];
  const before = resolveLocalTime(date, `${String(h - 1).padStart(2, "0")}:${String(m).padStart(2, "0")}`, zone);
  const after = resolveLocalTime(date, `${String(h + 1).padStart(2, "0")}:${String(m).padStart(2, "0")}`, zone);
  if (before.kind !== "ok" || after.kind !== "ok") return { error: local.message };
  if (dst) return { at: dst === "earlier" ? before.instant : after.instant };
  return { error: `${local.message}. Choose the hour before or after the change.`, choice: { earlier: before.instant.toISOString(), later: after.instant.toISOString() } };
}

async function workspaceCatalog(workspaceId: string) {
  const workspace = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { mixRules: true, channels: { select: { id: true, name: true, network: true, enabled: true } } },
  });
  return { categories: mixRulesSchema.parse(workspace.mixRules ?? {}).categories, channels: workspace.channels };
}

type Content = { title: string; body: string; category: string; campaignTag: string | null; variants: { channelId: string; text: string; link: string | null; mediaUrls: string[] }[] };
const contentKey = (c: Content) =>
  JSON.stringify([c.title, c.body, c.category, c.campaignTag, [...c.variants].sort((a, b) => a.channelId.localeCompare(b.channelId)).map((v) => [v.channelId, v.text, v.link, v.mediaUrls])]);

export async function savePost(workspace: WorkspaceRef, actor: Actor, postId: string | null, form: PostForm): Promise<SaveResult> {
  const catalog = await workspaceCatalog(workspace.id);
  const errors: Record<string, string[]> = {};
  if (!catalog.categories.some((c) => c.id === form.category)) errors.category = [`"${form.category}" is not a category of this workspace`];
  const channels = new Map(catalog.channels.map((c) => [c.id, c]));
  form.variants.forEach((v, i) => {
    const channel = channels.get(v.channelId);
    if (!channel) errors[`variants[${i}].channelId`] = ["This channel is not connected to this workspace"];
    else if (!channel.enabled && form.intent !== "save") errors[`variants[${i}].channelId`] = [`${channel.name} is disabled`];
  });
  if (Object.keys(errors).length) return invalid(errors);

  let at: Date | null = null;
  if (form.date && form.time) {
    const resolved = instantFor(form.date, form.time, workspace.timeZone, form.dst);
    if ("error" in resolved) return invalid({ time: [resolved.error] }, resolved.error, { dstChoice: resolved.choice });
    at = resolved.at;
    if (form.intent === "schedule" && at.getTime() <= Date.now()) return invalid({ date: ["Choose a time in the future"] });
  }
  const recurrence = recurrenceOf(form);
  if (recurrence && postId) {
    const existing = await prisma.post.findFirst({ where: { id: postId, workspaceId: workspace.id }, select: { recurrenceParentId: true } });
    if (existing?.recurrenceParentId) return invalid({ repeat: ["This post is one occurrence of a series; change the repetition on the first post"] });
  }

  const content: Content = {
    title: form.title,
    body: form.body,
    category: form.category,
    campaignTag: form.campaignTag ?? null,
    variants: form.variants.map((v) => ({ channelId: v.channelId, text: v.text, link: v.link || null, mediaUrls: v.media ?? [] })),
  };
  const violations = at
    ? await checkDraftPost(workspace.id, { postId: postId ?? "new", category: form.category, at, variants: content.variants })
    : [];
  const blocking = isBlocking(violations);
  const overriding = blocking && Boolean(form.overrideReason);
  if (overriding && actor.role !== "OWNER") return { ok: false, httpStatus: 409, fieldErrors: { overrideReason: ["Only an owner can override a blocking rule"] }, message: "Only an owner can override a blocking rule.", violations };

  const outcome = await prisma.$transaction(async (tx) => {
    let status: PostStatus = "DRAFT";
    const steps: Extract<Transition, { ok: true }>[] = [];
    let contentChanged = true;
    if (postId) {
      const loaded = await lockWorkflowPost(tx, workspace.id, postId, blocking && !overriding);
      if (!loaded) return { ok: false as const, httpStatus: 404 as const, reason: "This post was not found in this workspace." };
      const stored = await tx.post.findUniqueOrThrow({
        where: { id: postId },
        select: { title: true, body: true, category: true, campaignTag: true, variants: { select: { channelId: true, text: true, link: true, mediaUrls: true } } },
      });
      contentChanged = contentKey(stored) !== contentKey(content);
      const moved = (loaded.post.scheduledAt?.getTime() ?? null) !== (at?.getTime() ?? null);
      let workflow = loaded.workflow;
      const actions: WorkflowAction[] = [...(contentChanged ? [{ kind: "edit-content" as const }] : []), ...(moved ? [{ kind: "move" as const }] : [])];
      for (const action of actions) {
        const step = transition(workflow, action, actor, policyOf(workspace));
        if (!step.ok) return { ok: false as const, httpStatus: 409 as const, reason: step.reason };
        steps.push(step);
        workflow = { ...workflow, status: step.status, ...(step.clearsApprovals ? { approvals: 0, approvedBy: [] } : {}) };
      }
      status = workflow.status;
      const intentStep = intentTransition(form, { ...workflow, hasTime: at !== null && at.getTime() > Date.now() }, actor, workspace);
      if (intentStep && !intentStep.ok) return { ok: false as const, httpStatus: 409 as const, reason: intentStep.reason };
      if (intentStep) {
        steps.push(intentStep);
        status = intentStep.status;
      }
      const keep = new Set(content.variants.map((v) => v.channelId));
      await tx.variant.deleteMany({ where: { postId, workspaceId: workspace.id, channelId: { notIn: [...keep] }, status: { notIn: ["PUBLISHING", "PUBLISHED"] } } });
      await tx.post.update({
        where: { id: postId },
        data: {
          ...postColumns(content, at, recurrence ? toRRule(recurrence) : null, overriding ? form.overrideReason! : null),
          status,
          revision: steps.some((s) => s.clearsApprovals) || contentChanged ? { increment: 1 } : undefined,
        },
        select: { id: true },
      });
    } else {
      const fresh = { status: "DRAFT" as const, authorId: actor.id, approvals: 0, approvedBy: [], hasTime: at !== null && at.getTime() > Date.now(), live: false, blocked: blocking && !overriding };
      const intentStep = intentTransition(form, fresh, actor, workspace);
      if (intentStep && !intentStep.ok) return { ok: false as const, httpStatus: 409 as const, reason: intentStep.reason };
      if (intentStep) {
        steps.push(intentStep);
        status = intentStep.status;
      }
      const created = await tx.post.create({
        data: { workspaceId: workspace.id, authorId: actor.id, ...postColumns(content, at, recurrence ? toRRule(recurrence) : null, overriding ? form.overrideReason! : null), status },
        select: { id: true },
      });
      postId = created.id;
    }
    for (const v of content.variants) {
      const columns = { text: v.text, link: v.link, mediaUrls: v.mediaUrls, scheduledAt: at, ...variantFingerprint(v.text) };
      await tx.variant.upsert({
        where: { postId_channelId: { postId: postId!, channelId: v.channelId } },
        create: { workspaceId: workspace.id, postId: postId!, channelId: v.channelId, ...columns },
        update: columns,
        select: { id: true },
      });
    }
    await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.id, action: steps.length || contentChanged ? "post.saved" : "post.touched", targetType: "post", targetId: postId!, data: { status, intent: form.intent } });
    if (overriding) {
      await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.id, action: "rules.overridden", targetType: "post", targetId: postId!, data: { reason: form.overrideReason!, rules: violations.filter((v) => v.severity === "block").map((v) => v.ruleId) } });
    }
    return { ok: true as const, postId: postId!, status, steps };
  });
  if (!outcome.ok) return { ok: false, httpStatus: outcome.httpStatus, fieldErrors: {}, message: outcome.reason, violations };
  for (const step of outcome.steps) await followSchedule(workspace.id, outcome.postId, step);
  if (recurrence && at) await materialiseRecurringPosts(new Date(), undefined, outcome.postId);
  return { ok: true, postId: outcome.postId, status: outcome.status, violations };
}

function postColumns(content: Content, at: Date | null, recurrenceRule: string | null, overrideReason: string | null) {
  return { title: content.title, body: content.body, category: content.category, campaignTag: content.campaignTag, scheduledAt: at, recurrenceRule, overrideReason };
}

function intentTransition(form: PostForm, post: Parameters<typeof transition>[0], actor: Actor, workspace: WorkspaceRef) {
  if (form.intent === "save") return null;
  if (form.intent === "submit" && (post.status === "DRAFT" || post.status === "CHANGES_REQUESTED")) return transition(post, { kind: "submit" }, actor, policyOf(workspace));
  if (form.intent === "submit") return null;
  return transition(post, { kind: "schedule" }, actor, policyOf(workspace));
}

export type MoveResult = { ok: true; status: PostStatus; violations: Violation[] } | { ok: false; httpStatus: 404 | 409 | 422; message: string; dstChoice?: DstChoice; violations?: Violation[] };

/** Drag and drop (or the keyboard's move form): a new local date and time for the whole post. */
export async function movePost(workspace: WorkspaceRef, actor: Actor, postId: string, date: string, time: string, dst?: "earlier" | "later"): Promise<MoveResult> {
  const resolved = instantFor(date, time, workspace.timeZone, dst);
  if ("error" in resolved) return { ok: false, httpStatus: 422, message: resolved.error, dstChoice: resolved.choice };
  const at = resolved.at;
  const post = await prisma.post.findFirst({
    where: { id: postId, workspaceId: workspace.id },
    select: { category: true, status: true, variants: { select: { channelId: true, text: true, link: true, mediaUrls: true } } },
  });
  if (!post) return { ok: false, httpStatus: 404, message: "This post was not found in this workspace." };
  const scheduling = post.status === "SCHEDULED" || post.status === "APPROVED";
  if (scheduling && at.getTime() <= Date.now()) return { ok: false, httpStatus: 422, message: "Choose a time in the future for an approved or scheduled post." };
  const violations = await checkDraftPost(workspace.id, { postId, category: post.category, at, variants: post.variants });
  if (isBlocking(violations) && scheduling) return { ok: false, httpStatus: 409, message: "At that time the post would break a blocking rule.", violations };

  const outcome = await prisma.$transaction(async (tx) => {
    const loaded = await lockWorkflowPost(tx, workspace.id, postId);
    if (!loaded) return { ok: false as const, reason: "This post was not found in this workspace." };
    const step = transition(loaded.workflow, { kind: "move" }, actor, policyOf(workspace));
    if (!step.ok) return { ok: false as const, reason: step.reason };
    await tx.post.update({ where: { id: postId }, data: { scheduledAt: at, status: step.status, revision: step.clearsApprovals ? { increment: 1 } : undefined }, select: { id: true } });
    await tx.variant.updateMany({ where: { postId, workspaceId: workspace.id, status: { notIn: ["PUBLISHING", "PUBLISHED"] } }, data: { scheduledAt: at } });
    await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.id, action: "post.moved", targetType: "post", targetId: postId, data: { from: loaded.post.scheduledAt?.toISOString() ?? null, to: at.toISOString(), status: step.status } });
    return { ok: true as const, step };
  });
  if (!outcome.ok) return { ok: false, httpStatus: 409, message: outcome.reason };
  await followSchedule(workspace.id, postId, outcome.step);
  return { ok: true, status: outcome.step.status, violations };
}
