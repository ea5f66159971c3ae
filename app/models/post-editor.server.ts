// Saving a post from the editor, and moving one in the calendar. Everything is checked
// before anything is written (channels and category of this workspace, the local time on
// DST change days, the rules); the gate decides each step of the save — new words, new
// details, a new time, then what the person asked (save, submit, schedule) — and the post
// and its variants are written with the gate's outcome in one transaction.
import { resolveLocalTime } from "~/domain/local-time";
import type { PostCheck } from "~/domain/mix-rules";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { can } from "~/domain/permissions";
import { type GateAction, type GateDecision, type GatePost, type Passed, type PostStatus, type Refusal, decide, isCleared, needsVerdict } from "~/domain/post-gate";
import type { PostForm } from "~/domain/post-form";
import type { Prisma } from "~/generated/prisma/client";
import { channelRuleIds } from "~/domain/violations";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { eventsOfStep, recordEvents } from "./notification-events.server";
import { findAttachable, setAltText, writeVariantMedia } from "./media.server";
import { checkDraftPost, variantFingerprint, verdictOf } from "./plan-check.server";
import { type Actor, type GateOutcome, type WorkspaceRef, act, afterCommit, gatePostOf, lockGateRow, policyOf, syncPostTime } from "./post-gate.server";
import { type QueueChange, scheduleVariants, unscheduleVariants } from "./scheduling.server";
import type { SeriesReport } from "./series.server";

export type DstChoice = { earlier: string; later: string };
export type SaveResult =
  | { ok: true; postId: string; status: PostStatus; check: PostCheck; series?: SeriesReport }
  | { ok: false; httpStatus: 404 | 409 | 422; fieldErrors: Record<string, string[]>; message: string; refusal?: Refusal; dstChoice?: DstChoice; check?: PostCheck };

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

type VariantContent = { channelId: string; text: string; link: string | null; mediaUrls: string[]; attachments: { id: string; alt: string }[] };
type StoredVariant = Omit<VariantContent, "attachments"> & { media: { mediaId: string; media: { altText: string } }[] };
// What approvers sign off: the words, links and media (which items, in order, with their
// alt text) of each channel. Title, category and campaign tag are the team's own details.
const wordsKey = (variants: readonly VariantContent[]) =>
  JSON.stringify([...variants].sort((a, b) => a.channelId.localeCompare(b.channelId)).map((v) => [v.channelId, v.text, v.link, v.mediaUrls, v.attachments.map((a) => [a.id, a.alt])]));
const contentOfStored = (v: StoredVariant): VariantContent => ({ ...v, attachments: v.media.map((m) => ({ id: m.mediaId, alt: m.media.altText })) });

/**
 * The library items each variant of a form attaches, as the rules read them (with the alt
 * text the form gives them), and which variants name an item that is not this workspace's.
 */
export async function attachedFacts(workspaceId: string, variants: readonly PostForm["variants"][number][]) {
  const found = await findAttachable(workspaceId, variants.flatMap((v) => v.attachments.map((a) => a.id)));
  const unknown = variants.flatMap((v, i) => (v.attachments.some((a) => !found.has(a.id)) ? [i] : []));
  const media = variants.map((v) => v.attachments.flatMap((a) => (found.has(a.id) ? [{ ...found.get(a.id)!, altText: a.alt }] : [])));
  return { unknown, media };
}

/** What a save does to the schedule: only what the gate decided, never more. */
type ScheduleEffect = "schedule" | "unschedule" | null;

/** Runs the gate over the steps of one save, each on the post as the step before left it. */
function decideSteps(
  start: GatePost,
  actions: GateAction[],
  actor: Actor,
  workspace: WorkspaceRef,
  verdict: { blocking: boolean },
): { status: PostStatus; newRevision: boolean; effect: ScheduleEffect } | Refusal {
  let post = start;
  let newRevision = false;
  let effect: ScheduleEffect = null;
  for (const action of actions) {
    const decision: GateDecision = decide(post, action, actor, policyOf(workspace), needsVerdict(post, action) ? verdict : null);
    if (!decision.ok) return decision.refusal;
    newRevision ||= Boolean(decision.newRevision);
    effect = effectOf(decision, effect);
    post = { ...post, status: decision.status, approvedBy: decision.newRevision ? [] : post.approvedBy };
  }
  return { status: post.status, newRevision, effect };
}

const effectOf = (decision: Passed, before: ScheduleEffect): ScheduleEffect => (decision.schedules ? "schedule" : decision.unschedules ? "unschedule" : before);

/** A series made with its first post, in the same transaction: the series' columns and channels, and the first occurrence's key. */
export type NewSeries = { data: Omit<Prisma.SeriesUncheckedCreateInput, "channels">; channels: Omit<Prisma.SeriesChannelUncheckedCreateInput, "seriesId">[]; key: string };
export type SaveOptions = {
  /** The instant, when a series' rule already placed it (its own answer for DST change days). */
  at?: Date;
  series?: NewSeries;
};

/** Saves one post as the editor describes it (a series' edits go through app/models/series-editor.server.ts). */
export async function savePost(workspace: WorkspaceRef, actor: Actor & { kind: "member" }, postId: string | null, form: PostForm, options: SaveOptions = {}): Promise<SaveResult> {
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

  let at: Date | null = options.at ?? null;
  if (!at && form.date && form.time) {
    const resolved = instantFor(form.date, form.time, workspace.timeZone, form.dst);
    if ("error" in resolved) return invalid({ time: [resolved.error] }, resolved.error, { dstChoice: resolved.choice });
    at = resolved.at;
  }
  const existing = postId
    ? await prisma.post.findFirst({ where: { id: postId, workspaceId: workspace.id }, select: { seriesId: true, overrideReason: true, overrideRules: true } })
    : null;
  if (postId && !existing) return { ok: false, httpStatus: 404, fieldErrors: {}, message: "This post was not found in this workspace." };

  // An item from another workspace is refused as a missing one would be, before anything is written.
  const attached = await attachedFacts(workspace.id, form.variants);
  if (attached.unknown.length) {
    return invalid(Object.fromEntries(attached.unknown.map((i) => [`variants[${i}].attachments`, ["This media item is not in this workspace's library"]])), "A media item is not in this workspace's library.");
  }
  const content = form.variants.map((v) => ({ channelId: v.channelId, text: v.text, link: v.link || null, mediaUrls: v.media ?? [], attachments: v.attachments }));
  const seriesId = existing?.seriesId ?? (options.series ? "new-series" : null);
  const check = await checkDraftPost(workspace.id, {
    postId: postId ?? "new",
    title: form.title,
    category: form.category,
    seriesId,
    at,
    variants: content.map((v, i) => ({ ...v, media: attached.media[i] })),
  });
  const blockingMixRules = [...new Set(check.own.filter((v) => v.severity === "block" && !channelRuleIds.includes(v.ruleId)).map((v) => v.ruleId))];
  const overriding = Boolean(form.overrideReason) && blockingMixRules.length > 0;
  if (overriding && !can(actor.role, "rules:override")) {
    return { ok: false, httpStatus: 409, fieldErrors: { overrideReason: ["Only an owner can override a blocking rule"] }, message: "Only an owner can override a blocking rule.", check };
  }

  const outcome = await prisma.$transaction(async (tx) => {
    const queue: QueueChange[] = [];
    const row = postId ? await lockGateRow(tx, workspace.id, postId) : null;
    if (postId && !row) return { ok: false as const, httpStatus: 404 as const, refusal: null };
    const stored = row ? gatePostOf(row) : null;
    const wordsChanged = !row || wordsKey(row.variants.filter((v) => v.status !== "CANCELLED").map(contentOfStored)) !== wordsKey(content);
    // An override covers the post as the owner saw it: new words need a new one.
    const overrideRules = overriding ? blockingMixRules : wordsChanged ? [] : (existing?.overrideRules ?? []);
    const verdict = verdictOf(check.own, overrideRules);
    const start: GatePost = stored ?? { status: "DRAFT", authorId: actor.id, approvedBy: [], time: "none", variants: [] };
    const when = at === null ? "none" : at.getTime() > Date.now() ? "future" : "past";
    const timeChanged = Boolean(row) && (row!.scheduledAt?.getTime() ?? null) !== (at?.getTime() ?? null);
    const actions: GateAction[] = [];
    if (!row) actions.push({ kind: "create" });
    else {
      const detailsChanged = row.title !== form.title || row.category !== form.category;
      if (wordsChanged) actions.push({ kind: "edit-content" });
      else if (detailsChanged || overriding) actions.push({ kind: "edit-details" });
      // A new time is a move; no time at all takes a post on the schedule off it.
      if (timeChanged && at) actions.push({ kind: "move", to: when === "future" ? "future" : "past" });
      else if (timeChanged && isCleared(start.status)) actions.push({ kind: "unschedule" });
    }
    const steps = decideSteps({ ...start, time: row ? start.time : when }, actions, actor, workspace, verdict);
    if ("code" in steps) return { ok: false as const, httpStatus: 409 as const, refusal: steps };
    // What the person asked for, on the post as it now stands (at its new time).
    const now: GatePost = { ...start, status: steps.status, time: when, approvedBy: steps.newRevision ? [] : start.approvedBy };
    const intent: GateAction | null =
      form.intent === "submit" && (now.status === "DRAFT" || now.status === "CHANGES_REQUESTED") ? { kind: "submit" } : form.intent === "schedule" && now.status !== "SCHEDULED" ? { kind: "schedule" } : null;
    let status = steps.status;
    let effect = steps.effect;
    if (intent) {
      const decision = decide(now, intent, actor, policyOf(workspace), verdict);
      if (!decision.ok) return { ok: false as const, httpStatus: (decision.refusal.code === "needs-future-time" || decision.refusal.code === "needs-time" ? 422 : 409) as 409 | 422, refusal: decision.refusal };
      status = decision.status;
      effect = effectOf(decision, effect);
    }

    // A new series is made with its first post, which is its first occurrence.
    const series = options.series
      ? { seriesId: (await tx.series.create({ data: { ...options.series.data, channels: { create: options.series.channels } }, select: { id: true } })).id, occurrenceKey: options.series.key }
      : {};
    const columns = {
      ...series,
      title: form.title,
      body: form.body,
      category: form.category,
      campaignTag: form.campaignTag ?? null,
      scheduledAt: at,
      overrideReason: overrideRules.length ? (overriding ? form.overrideReason! : (existing?.overrideReason ?? null)) : null,
      overrideRules,
      status,
    };
    let id = postId;
    if (row) {
      // Channels taken off the post go (unless they already went out).
      const keep = new Set(content.map((v) => v.channelId));
      const dropped = row.variants.filter((v) => !keep.has(v.channelId) && v.status !== "PUBLISHING" && v.status !== "PUBLISHED").map((v) => v.id);
      queue.push(...(await unscheduleVariants(tx, workspace.id, dropped, "CANCELLED")));
      await tx.variant.deleteMany({ where: { id: { in: dropped } } });
      await tx.post.update({ where: { id: row.id }, data: { ...columns, revision: steps.newRevision ? { increment: 1 } : undefined }, select: { id: true } });
    } else {
      id = (await tx.post.create({ data: { workspaceId: workspace.id, authorId: actor.id, ...columns }, select: { id: true } })).id;
    }
    // A variant keeps its own time (a per-variant reschedule) unless the post's time changed.
    const liveChannels = new Set(row?.variants.filter((v) => v.status === "PUBLISHING" || v.status === "PUBLISHED").map((v) => v.channelId));
    for (const v of content) {
      if (liveChannels.has(v.channelId)) continue;
      const values = { text: v.text, link: v.link, mediaUrls: v.mediaUrls, ...variantFingerprint(v.text) };
      const variant = await tx.variant.upsert({
        where: { postId_channelId: { postId: id!, channelId: v.channelId } },
        create: { workspaceId: workspace.id, postId: id!, channelId: v.channelId, ...values, scheduledAt: at },
        update: timeChanged ? { ...values, scheduledAt: at } : values,
        select: { id: true },
      });
      const storedWords = row?.variants.find((stored) => stored.channelId === v.channelId);
      await writeVariantMedia(tx, variant.id, v.attachments.map((a) => a.id), Boolean(storedWords) && (storedWords!.text !== v.text || storedWords!.link !== v.link));
      // Alt text belongs to the item (every post that carries it says the same); the ids were found in this workspace above.
      for (const a of v.attachments) await setAltText(tx, workspace.id, a.id, a.alt);
    }
    // The schedule changes only as the gate decided: on it (again, with the new words or time
    // and a new version), or off it. A save that changed nothing the gate judges leaves every
    // variant as it was — a held, failed or unknown one included.
    const variantIds = (await tx.variant.findMany({ where: { postId: id!, status: { notIn: ["PUBLISHING", "PUBLISHED", "CANCELLED"] } }, select: { id: true } })).map((v) => v.id);
    if (effect === "schedule") queue.push(...(await scheduleVariants(tx, workspace.id, variantIds)));
    else if (effect === "unschedule") queue.push(...(await unscheduleVariants(tx, workspace.id, variantIds, "DRAFT")));
    await syncPostTime(tx, id!);
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: actor.id,
      action: "post.saved",
      targetType: "post",
      targetId: id!,
      data: { from: stored?.status ?? null, to: status, steps: [...actions, ...(intent ? [intent] : [])].map((a) => a.kind), role: actor.role, blocking: verdict.blocking, revision: (row?.revision ?? 1) + (steps.newRevision ? 1 : 0) },
    });
    // The step the person asked for is a step of the activity log of its own ("submitted it for review").
    if (intent) await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.id, action: `post.${intent.kind}`, targetType: "post", targetId: id!, data: { from: now.status, to: status, role: actor.role } });
    const revision = (row?.revision ?? 1) + (steps.newRevision ? 1 : 0);
    await recordEvents(
      tx,
      eventsOfStep({
        workspaceId: workspace.id,
        post: { id: id!, title: form.title, authorId: row ? row.authorId : actor.id, scheduledAt: at },
        revision,
        from: stored?.status ?? "DRAFT",
        to: status,
        action: intent?.kind ?? "save",
        newRevision: Boolean(steps.newRevision),
        actor: { kind: "member", id: actor.id },
      }),
    );
    if (overriding) {
      await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.id, action: "rules.overridden", targetType: "post", targetId: id!, data: { reason: form.overrideReason!, rules: overrideRules } });
    }
    return { ok: true as const, postId: id!, status, queue };
  });
  if (!outcome.ok) {
    if (!outcome.refusal) return { ok: false, httpStatus: 404, fieldErrors: {}, message: "This post was not found in this workspace.", check };
    return { ok: false, httpStatus: outcome.httpStatus, fieldErrors: {}, message: outcome.refusal.code, refusal: outcome.refusal, check };
  }
  await afterCommit(workspace.id, outcome.postId, outcome.status, outcome.queue);
  return { ok: true, postId: outcome.postId, status: outcome.status, check };
}

export type MoveResult = GateOutcome | { ok: false; httpStatus: 422; refusal: null; check: null; message: string; dstChoice?: DstChoice };

/** Drag and drop (or the keyboard's move form): a new local date and time for the whole post. */
export async function movePost(workspace: WorkspaceRef, actor: Actor, postId: string, date: string, time: string, dst?: "earlier" | "later"): Promise<MoveResult> {
  const resolved = instantFor(date, time, workspace.timeZone, dst);
  if ("error" in resolved) return { ok: false, httpStatus: 422, refusal: null, check: null, message: resolved.error, dstChoice: resolved.choice };
  return act(workspace, actor, postId, { kind: "move", to: resolved.at.getTime() > Date.now() ? "future" : "past" }, { at: resolved.at });
}
