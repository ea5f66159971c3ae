// Saving from the editor when a series is involved: a new series (its first post is its first
// occurrence), or an edit of one of its posts for "only this post", "this and following" or
// "all", as calendar apps ask. Every post an edit reaches is saved through the same single-post
// path (app/models/post-editor.server.ts), so the gate and the rules judge each one; the ones
// the gate refuses are reported, never changed behind its back.
import { DateTime } from "luxon";
import { type EditScope, type PostForm, repetitionOf } from "~/domain/post-form";
import { type Repetition, expand, placeLocal, toRRule } from "~/domain/series-schedule";
import { prisma } from "~/utils/db.server";
import { type SaveResult, savePost } from "./post-editor.server";
import type { Actor, WorkspaceRef } from "./post-gate.server";
import { HORIZON_DAYS, type Kept, type SeriesRow, loadSeries, materialiseSeries, occurrenceOf, openOccurrences, removeOccurrences, repetitionOf as storedRepetition, ruleOf, textFor } from "./series.server";

type Member = Actor & { kind: "member" };
type Content = { channelId: string; text: string; link: string | null; mediaUrls: string[]; alternates: string[] };

const invalid = (field: string, message: string): SaveResult => ({ ok: false, httpStatus: 422, fieldErrors: { [field]: [message] }, message });
const sameRepetition = (a: Repetition, b: Repetition) => toRRule(a) === toRRule(b) && a.missing === b.missing;
const contentOf = (form: PostForm): Content[] =>
  form.variants.map((v) => ({ channelId: v.channelId, text: v.text, link: v.link || null, mediaUrls: v.media ?? [], alternates: v.alternates }));
const localOf = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });

const postSelect = {
  id: true,
  seriesId: true,
  occurrenceKey: true,
  scheduledAt: true,
  title: true,
  body: true,
  category: true,
  campaignTag: true,
  variants: {
    where: { status: { not: "CANCELLED" as const } },
    select: { channelId: true, text: true, link: true, mediaUrls: true, media: { orderBy: { position: "asc" as const }, select: { mediaId: true, media: { select: { altText: true } } } } },
  },
};
// Each post of a series keeps the library items its own variants carry.
const ownAttachments = (v: { media: { mediaId: string; media: { altText: string } }[] } | undefined) => (v?.media ?? []).map((m) => ({ id: m.mediaId, alt: m.media.altText }));

/** The editor's save: one post, a new series, or an edit of a series' posts. */
export async function saveFromEditor(workspace: WorkspaceRef, actor: Member, postId: string | null, form: PostForm): Promise<SaveResult> {
  const repetition = repetitionOf(form);
  const existing = postId ? await prisma.post.findFirst({ where: { id: postId, workspaceId: workspace.id }, select: postSelect }) : null;
  if (postId && !existing) return { ok: false, httpStatus: 404, fieldErrors: {}, message: "This post was not found in this workspace." };
  const series = existing?.seriesId ? await loadSeries(prisma, workspace.id, existing.seriesId) : null;
  // Library items are carried by one post's variants; a series' later posts are made from its texts and addresses only.
  const attaches = form.variants.some((v) => v.attachments.length > 0);
  if (attaches && repetition && (!series || form.scope !== "this")) return invalid("repeat", "Media from the library goes on one post at a time: attach it to this post only, or use media addresses for the series.");
  if (!series) return repetition ? startSeries(workspace, actor, postId, form, repetition) : savePost(workspace, actor, postId, form);
  if (!repetition) return invalid("repeat", "To end a series, use “Stop the series” on its post, or set when it ends.");
  if (form.scope === "this") {
    if (!sameRepetition(repetition, storedRepetition(series))) return invalid("scope", "A new repetition applies to the series: choose “This and following posts” or “All posts”.");
    return savePost(workspace, actor, postId, form);
  }
  return editSeries(workspace, actor, existing!, series, form, repetition, form.scope);
}

/** A new series, or a one-off post that starts repeating: the post becomes the first occurrence. */
async function startSeries(workspace: WorkspaceRef, actor: Member, postId: string | null, form: PostForm, repetition: Repetition): Promise<SaveResult> {
  if (!form.date || !form.time) return invalid("date", "A repeating post needs its first date and time");
  const rule = { ...repetition, startDate: form.date, time: form.time, timeZone: workspace.timeZone };
  const first = expand(rule, { limit: 1 }).occurrences[0];
  if (!first) return invalid("repeat", "This repetition names no date that exists.");
  const content = contentOf(form);
  const result = await savePost(workspace, actor, postId, form, {
    at: first.at,
    series: {
      key: first.key,
      data: {
        workspaceId: workspace.id,
        authorId: actor.id,
        freq: repetition.freq,
        interval: repetition.interval,
        byWeekday: repetition.byWeekday,
        startDate: form.date,
        time: form.time,
        timeZone: workspace.timeZone,
        untilDate: repetition.until,
        count: repetition.count,
        missing: repetition.missing,
        title: form.title,
        body: form.body,
        category: form.category,
        campaignTag: form.campaignTag ?? null,
      },
      channels: content.map((c) => ({ channelId: c.channelId, texts: [c.text, ...c.alternates], rotationFrom: 0, link: c.link, mediaUrls: c.mediaUrls })),
    },
  });
  if (!result.ok) return result;
  const made = await prisma.post.findUniqueOrThrow({ where: { id: result.postId }, select: { seriesId: true } });
  const { created } = await materialiseSeries(new Date(), HORIZON_DAYS, made.seriesId!);
  return { ...result, series: { updated: 0, removed: 0, created, kept: [] } };
}

type Stored = NonNullable<Awaited<ReturnType<typeof loadPost>>>;
const loadPost = (workspaceId: string, postId: string) => prisma.post.findFirst({ where: { id: postId, workspaceId }, select: postSelect });

/** "This and following" or "all": the post itself, the series' template and rule, then every open post the scope reaches. */
async function editSeries(workspace: WorkspaceRef, actor: Member, post: Stored, series: SeriesRow, form: PostForm, repetition: Repetition, scope: Exclude<EditScope, "this">): Promise<SaveResult> {
  const zone = workspace.timeZone;
  const was = post.scheduledAt ? localOf(post.scheduledAt, zone) : null;
  if (was && form.date && form.date !== was.toISODate()) return invalid("date", "Only one post can move to another day: choose “Only this post”, or change the repetition.");
  const here = post.occurrenceKey ? occurrenceOf(series, post.occurrenceKey) : null;
  const index = here?.index ?? series.indexOffset;
  const ruleChanged = !sameRepetition(repetition, storedRepetition(series));
  // A new time for the series is the workspace's clock time: a series that kept its own zone
  // (a zone change that kept moments) comes over to the workspace's zone with it, each post
  // keeping its day — unless this post's day differs between the two clocks.
  const timeChanged = Boolean(form.time && was && form.time !== was.toFormat("HH:mm"));
  const seriesTime = timeChanged ? form.time! : series.time;
  const seriesZone = timeChanged ? zone : series.timeZone;
  if (timeChanged && post.scheduledAt && localOf(post.scheduledAt, series.timeZone).toISODate() !== was!.toISODate()) {
    return invalid("time", `This series repeats on ${series.timeZone} time, where this post falls on another day: change the time of this post only.`);
  }
  // "This and following" with a new rule or time starts the rule again from this post (the
  // earlier posts keep the rule they were made by); the count the person sees stays the
  // whole series', and the re-anchored rule counts from its new start.
  const reanchor = scope === "following" && (ruleChanged || timeChanged);
  const offset = reanchor ? index : series.indexOffset;
  if (repetition.count !== null && repetition.count <= offset) {
    return invalid("count", `This post is number ${index + 1} of the series: end after ${index + 1} or more, or use “Stop the series”.`);
  }
  // (From its nominal date: a monthly series on the 31st started again from its 30 April stays on the 31st.)
  const startDate = reanchor ? (here?.key ?? was?.toISODate() ?? series.startDate) : series.startDate;
  const newRule =
    ruleChanged || reanchor
      ? { freq: repetition.freq, interval: repetition.interval, byWeekday: repetition.byWeekday, untilDate: repetition.until, count: repetition.count === null ? null : repetition.count - offset, missing: repetition.missing, startDate, indexOffset: offset }
      : null;
  // A new rule or time must still name this post's date (else the post would stand outside its series).
  let newKey: string | null = null;
  if ((newRule || timeChanged) && here) {
    const rule = ruleOf({ ...series, ...newRule, time: seriesTime, timeZone: seriesZone });
    const around = expand(rule, { from: new Date(here.at.getTime() - 2 * 86_400_000), limit: 3 }).occurrences;
    const same = around.find((o) => o.key === here.key) ?? (scope === "following" ? around.find((o) => o.date === here.date) : undefined);
    if (!same) return invalid(newRule ? "repeat" : "time", "The series would leave out this post's date: choose a repetition or time that includes it, or use “Stop the series”.");
    newKey = same.key;
  }

  const saved = await savePost(workspace, actor, post.id, form);
  if (!saved.ok) return saved;
  if (newKey && newKey !== post.occurrenceKey) await prisma.post.update({ where: { id: post.id }, data: { occurrenceKey: newKey }, select: { id: true } });

  const content = contentOf(form);
  const before = new Map(post.variants.map((v) => [v.channelId, v]));
  const rotationHere = (channelId: string) => {
    const channel = series.channels.find((c) => c.channelId === channelId);
    return channel ? Array.from({ length: channel.texts.length - 1 }, (_, k) => textFor(channel, index + 1 + k)) : [];
  };
  const wordsChanged = new Set(
    content.filter((c) => before.get(c.channelId)?.text !== c.text || JSON.stringify(rotationHere(c.channelId)) !== JSON.stringify(c.alternates)).map((c) => c.channelId),
  );
  const extrasChanged = new Set(
    content.filter((c) => before.get(c.channelId)?.link !== c.link || JSON.stringify(before.get(c.channelId)?.mediaUrls) !== JSON.stringify(c.mediaUrls)).map((c) => c.channelId),
  );
  const dropped = post.variants.filter((v) => !content.some((c) => c.channelId === v.channelId)).map((v) => v.channelId);
  const details = {
    title: form.title !== post.title,
    body: form.body !== post.body,
    category: form.category !== post.category,
    campaignTag: (form.campaignTag ?? null) !== post.campaignTag,
  };

  // The template new occurrences start from, and the rule that names them.
  await prisma.$transaction(async (tx) => {
    await tx.series.update({
      where: { id: series.id },
      data: {
        title: form.title,
        body: form.body,
        category: form.category,
        campaignTag: form.campaignTag ?? null,
        ...(timeChanged ? { time: seriesTime, timeZone: seriesZone } : {}),
        ...newRule,
      },
      select: { id: true },
    });
    await tx.seriesChannel.deleteMany({ where: { seriesId: series.id, channelId: { in: dropped } } });
    for (const c of content) {
      const words = wordsChanged.has(c.channelId) ? { texts: [c.text, ...c.alternates], rotationFrom: index } : {};
      await tx.seriesChannel.upsert({
        where: { seriesId_channelId: { seriesId: series.id, channelId: c.channelId } },
        create: { seriesId: series.id, channelId: c.channelId, texts: [c.text, ...c.alternates], rotationFrom: index, link: c.link, mediaUrls: c.mediaUrls },
        update: { ...words, link: c.link, mediaUrls: c.mediaUrls },
        select: { id: true },
      });
    }
  });
  const updatedSeries = (await loadSeries(prisma, workspace.id, series.id))!;

  const now = new Date();
  const reached = (await openOccurrences(workspace.id, series.id, now)).filter((p) => p.id !== post.id && (scope === "all" || (p.occurrenceKey ?? "") > (post.occurrenceKey ?? "")));
  let removed = 0;
  const kept: Kept[] = [];
  let targets = reached;
  if (ruleChanged || timeChanged) {
    // Posts the new rule no longer names leave the plan (a shorter series, other weekdays, a time the clocks skip on their day).
    const last = reached.reduce((max, p) => Math.max(max, p.scheduledAt?.getTime() ?? 0), now.getTime());
    const named = new Set(expand(ruleOf(updatedSeries), { from: new Date(now.getTime() - 2 * 86_400_000), to: new Date(Math.max(last, now.getTime() + HORIZON_DAYS * 86_400_000) + 2 * 86_400_000) }).occurrences.map((o) => o.key));
    const gone = reached.filter((p) => !p.occurrenceKey || !named.has(p.occurrenceKey));
    const outcome = await removeOccurrences(workspace, actor, gone.map((p) => p.id), "rule-changed");
    removed = outcome.removed;
    kept.push(...outcome.kept);
    targets = reached.filter((p) => !gone.includes(p));
  }

  let updated = 0;
  const anyDetail = Object.values(details).some(Boolean);
  if (anyDetail || timeChanged || wordsChanged.size || extrasChanged.size || dropped.length) {
    for (const target of targets) {
      const current = await loadPost(workspace.id, target.id);
      if (!current?.scheduledAt) continue;
      const targetIndex = (current.occurrenceKey ? occurrenceOf(updatedSeries, current.occurrenceKey)?.index : undefined) ?? index;
      // Each post keeps its day (as its series' zone counts days) and takes the new time.
      const placed = timeChanged ? placeLocal(localOf(current.scheduledAt, series.timeZone).toISODate()!, seriesTime, seriesZone, "next-valid") : null;
      const at = placed && "at" in placed ? placed.at : current.scheduledAt;
      const local = localOf(at, zone);
      const own = new Map(current.variants.map((v) => [v.channelId, v]));
      const channel = (id: string) => updatedSeries.channels.find((c) => c.channelId === id)!;
      const variants = [
        ...content.map((c) => {
          const mine = own.get(c.channelId);
          const text = wordsChanged.has(c.channelId) || !mine ? textFor(channel(c.channelId), targetIndex) : mine.text;
          const extras = extrasChanged.has(c.channelId) || !mine ? { link: c.link ?? undefined, media: c.mediaUrls } : { link: mine.link ?? undefined, media: mine.mediaUrls };
          return { channelId: c.channelId, text, ...extras, attachments: ownAttachments(mine), alternates: [] };
        }),
        // A channel this post has and the edited one never had stays as it is.
        ...current.variants
          .filter((v) => !content.some((c) => c.channelId === v.channelId) && !dropped.includes(v.channelId))
          .map((v) => ({ channelId: v.channelId, text: v.text, link: v.link ?? undefined, media: v.mediaUrls, attachments: ownAttachments(v), alternates: [] })),
      ];
      const derived: PostForm = {
        ...form,
        intent: "save",
        scope: "this",
        title: details.title ? form.title : current.title,
        body: details.body ? form.body : current.body,
        category: details.category ? form.category : current.category,
        campaignTag: details.campaignTag ? form.campaignTag : (current.campaignTag ?? undefined),
        date: local.toISODate()!,
        time: local.toFormat("HH:mm"),
        dst: undefined,
        overrideReason: undefined,
        variants,
      };
      const result = await savePost(workspace, actor, target.id, derived, { at });
      if (result.ok) updated++;
      else kept.push({ postId: target.id, title: current.title, refusal: result.refusal ?? { code: "variant-state" } });
    }
  }
  const { created } = await materialiseSeries(now, HORIZON_DAYS, series.id);
  return { ...saved, series: { updated, removed, created, kept } };
}
