// Materialising a series is idempotent whatever people did in between: random series (daily,
// weekly, monthly on the 29th–31st, times the clocks skip or repeat, Warsaw and New York) and
// random sequences of what people do — move one post, cancel one, edit this one or this and
// following or all (words or time), end the series sooner, stop it, change the workspace's
// zone keeping local times or moments — each followed by the worker's hourly run, twice. After
// every step, in PostgreSQL: the second run makes nothing; no two live posts of the series share
// a day unless a person moved one there; every date the rule names within the horizon has its
// post (or the person's cancellation of it); what a person moved or cancelled stays so.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type PostForm, postFormSchema } from "~/domain/post-form";
import { expand } from "~/domain/series-schedule";
import { type Actor, act, memberActor } from "~/models/post-gate.server";
import { movePost } from "~/models/post-editor.server";
import { saveFromEditor } from "~/models/series-editor.server";
import { HORIZON_DAYS, loadSeries, materialiseSeries, ruleOf, stopSeries } from "~/models/series.server";
import { changeTimeZone } from "~/models/time-zone-change.server";
import { prisma } from "~/utils/db.server";
import { addMember, createUser, createWorkspace } from "../support/fixtures";

const SEQUENCES = Number(process.env.SERIES_SEQUENCES ?? 200);
const DAY = 86_400_000;

const seriesArb = fc.record({
  zone: fc.constantFrom("Europe/Warsaw", "America/New_York"),
  freq: fc.constantFrom("daily", "weekly", "monthly"),
  byWeekday: fc.subarray(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], { maxLength: 3 }),
  // Around the spring and autumn changes of 2027 on both sides of the Atlantic.
  start: fc.constantFrom("2027-01-29", "2027-01-31", "2027-03-10", "2027-03-26", "2027-10-22", "2027-10-30", "2027-02-28"),
  time: fc.constantFrom("09:00", "02:30", "01:30", "23:45"),
  count: fc.option(fc.integer({ min: 3, max: 10 }), { nil: undefined }),
  missing: fc.constantFrom("skip", "last-day", "next-valid"),
});

const opArb = fc.oneof(
  fc.record({ kind: fc.constant("move" as const), pick: fc.nat(), days: fc.integer({ min: -1, max: 2 }), time: fc.constantFrom("11:15", "08:00") }),
  fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("edit" as const), pick: fc.nat(), scope: fc.constantFrom("this", "following", "all"), words: fc.boolean(), time: fc.option(fc.constantFrom("10:30", "02:15"), { nil: undefined }) }),
  fc.record({ kind: fc.constant("shorter" as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("stop" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("zone" as const), mode: fc.constantFrom("keep-local", "keep-instants") }),
  fc.record({ kind: fc.constant("run" as const), hours: fc.integer({ min: 1, max: 24 * 20 }) }),
);

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function workspaceFor(zone: string) {
  const user = await createUser();
  const created = await createWorkspace(undefined, zone);
  await addMember(created.id, user.id, "OWNER");
  const channel = await prisma.channel.create({ data: { workspaceId: created.id, network: "webhook", name: "Hook", settings: { url: "http://127.0.0.1:9/never" } }, select: { id: true } });
  return { workspaceId: created.id, actor: memberActor(user, "OWNER") as Actor & { kind: "member" }, channelId: channel.id };
}
const workspaceRef = (id: string) => prisma.workspace.findUniqueOrThrow({ where: { id }, select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true } });
const form = (fields: Record<string, unknown>): PostForm => postFormSchema.parse({ intent: "save", category: "news", ...fields });
/** The editor's form for one post of a series as it stands, with the fields an edit changes. */
const editorForm = (series: NonNullable<Awaited<ReturnType<typeof loadSeries>>>, post: { title: string }, local: DateTime, changes: Record<string, unknown>) =>
  form({ title: post.title, date: local.toISODate(), repeat: series.freq, byWeekday: series.freq === "weekly" ? series.byWeekday : undefined, missing: series.missing, ...changes });
const postsOf = (seriesId: string) =>
  prisma.post.findMany({ where: { seriesId }, orderBy: [{ occurrenceKey: "asc" }], select: { id: true, title: true, status: true, scheduledAt: true, occurrenceKey: true, variants: { select: { text: true, channelId: true } } } });

describe("materialising series", () => {
  it(`yields no duplicate and loses no date over ${SEQUENCES} random sequences of edits, moves, cancels, stops and zone changes`, async () => {
    await fc.assert(
      fc.asyncProperty(seriesArb, fc.array(opArb, { minLength: 1, maxLength: 5 }), async (shape, ops) => {
        const { workspaceId, actor, channelId } = await workspaceFor(shape.zone);
        let workspace = await workspaceRef(workspaceId);
        const created = await saveFromEditor(
          workspace,
          actor,
          null,
          form({
            title: "Series under test",
            date: shape.start,
            time: shape.time,
            repeat: shape.freq,
            byWeekday: shape.freq === "weekly" ? shape.byWeekday : undefined,
            ends: shape.count ? "count" : "never",
            count: shape.count,
            missing: shape.missing,
            variants: [{ channelId, text: "Words of the series" }],
          }),
        );
        if (!created.ok) return; // a rule naming no date that exists: refused, nothing to check
        const seriesId = (await prisma.post.findUniqueOrThrow({ where: { id: created.postId }, select: { seriesId: true } })).seriesId!;
        let now = new Date(DateTime.fromISO(shape.start, { zone: shape.zone }).toMillis() - DAY);
        const movedByPerson = new Map<string, number>();
        // Posts a person put on a day of their own choosing (they may share it with another date).
        const placedByPerson = new Set<string>();
        const cancelledByPerson = new Set<string>();
        /** A post a person put at a time of their own: it keeps that time, on whatever day. */
        const placedHere = async (postId: string) => {
          placedByPerson.add(postId);
          movedByPerson.set(postId, (await prisma.post.findUniqueOrThrow({ where: { id: postId } })).scheduledAt!.getTime());
        };

        const check = async (label: string) => {
          await materialiseSeries(now, HORIZON_DAYS, seriesId);
          const before = await postsOf(seriesId);
          const again = await materialiseSeries(now, HORIZON_DAYS, seriesId);
          expect(again.created, `${label}: the second run made posts`).toBe(0);
          const posts = await postsOf(seriesId);
          expect(posts.map((p) => [p.id, p.scheduledAt?.getTime()]), `${label}: a run moved a post`).toEqual(before.map((p) => [p.id, p.scheduledAt?.getTime()]));
          const series = (await loadSeries(prisma, workspaceId, seriesId))!;
          // No duplicate: one live post per day, but for days a person moved a post onto.
          const days = posts.filter((p) => p.status !== "CANCELLED" && !placedByPerson.has(p.id)).map((p) => DateTime.fromJSDate(p.scheduledAt!, { zone: series.timeZone }).toISODate());
          expect(new Set(days).size, `${label}: two posts on one day ${JSON.stringify(days)}`).toBe(days.length);
          // No lost date: every date the rule names ahead has its post.
          const keys = new Set(posts.map((p) => p.occurrenceKey));
          const named = expand(ruleOf(series), { from: now, to: new Date(now.getTime() + HORIZON_DAYS * DAY) }).occurrences;
          for (const o of named) expect(keys.has(o.key), `${label}: ${o.key} named but not made`).toBe(true);
          // Nothing the rule no longer names stays in the plan (a series stopped or ended sooner).
          const all = new Set(expand(ruleOf(series), { to: new Date(now.getTime() + (HORIZON_DAYS + 400) * DAY) }).occurrences.map((o) => o.key));
          // (A post a person moved keeps its own day: moved before a stop date, it stays.)
          // (Posts from before "this and following" started the rule again keep the rule they were made by.)
          const stray = posts.filter((p) => p.status !== "CANCELLED" && !placedByPerson.has(p.id) && (p.occurrenceKey ?? "") >= series.startDate && !all.has(p.occurrenceKey ?? ""));
          expect(stray.map((p) => p.occurrenceKey), `${label}: posts the rule no longer names`).toEqual([]);
          // Exceptions stand.
          for (const [id, at] of movedByPerson) {
            const post = posts.find((p) => p.id === id);
            if (post && post.status !== "CANCELLED") expect(post.scheduledAt!.getTime(), `${label}: a moved post moved back`).toBe(at);
          }
          for (const id of cancelledByPerson) {
            const post = posts.find((p) => p.id === id);
            if (post) expect(post.status, `${label}: a cancelled post came back`).toBe("CANCELLED");
          }
        };
        await check("created");

        for (const op of ops as Op[]) {
          workspace = await workspaceRef(workspaceId);
          const open = (await postsOf(seriesId)).filter((p) => p.status !== "CANCELLED" && p.scheduledAt && p.scheduledAt.getTime() > Date.now());
          const target = "pick" in op && open.length ? open[op.pick % open.length]! : null;
          const local = target ? DateTime.fromJSDate(target.scheduledAt!, { zone: workspace.timeZone }) : null;
          if (op.kind === "move" && target && local) {
            const moved = await movePost(workspace, actor, target.id, local.plus({ days: op.days }).toISODate()!, op.time, "earlier");
            if (moved.ok) await placedHere(target.id);
          } else if (op.kind === "cancel" && target) {
            if ((await act(workspace, actor, target.id, { kind: "cancel" })).ok) cancelledByPerson.add(target.id);
          } else if (op.kind === "edit" && target && local) {
            const series = (await loadSeries(prisma, workspaceId, seriesId))!;
            const result = await saveFromEditor(
              workspace,
              actor,
              target.id,
              editorForm(series, target, local, {
                time: op.time ?? local.toFormat("HH:mm"),
                dst: "earlier",
                ends: series.untilDate ? "until" : series.count !== null ? "count" : "never",
                until: series.untilDate ?? undefined,
                count: series.count === null ? undefined : series.count + series.indexOffset,
                scope: op.scope,
                variants: target.variants.map((v) => ({ channelId: v.channelId, text: op.words ? `${v.text} (edited)` : v.text })),
              }),
            );
            // A time set on one post is that post's own, as a move is.
            if (result.ok && op.time && op.scope === "this") await placedHere(target.id);
            if (result.ok && op.time && op.scope !== "this") {
              // The series' new time replaces earlier moves of the posts it reached.
              for (const p of await postsOf(seriesId)) if (op.scope === "all" || (p.occurrenceKey ?? "") >= (target.occurrenceKey ?? "")) movedByPerson.delete(p.id);
            }
          } else if (op.kind === "shorter" && target && local) {
            const series = (await loadSeries(prisma, workspaceId, seriesId))!;
            await saveFromEditor(
              workspace,
              actor,
              target.id,
              editorForm(series, target, local, {
                time: local.toFormat("HH:mm"),
                ends: "count",
                count: series.indexOffset + op.count + 2,
                scope: "all",
                variants: target.variants.map((v) => ({ channelId: v.channelId, text: v.text })),
              }),
            );
          } else if (op.kind === "stop" && local) {
            await stopSeries(workspace, actor, seriesId, local.toISODate()!);
          } else if (op.kind === "zone") {
            const to = workspace.timeZone === "Europe/Warsaw" ? "America/New_York" : "Europe/Warsaw";
            await changeTimeZone(workspaceId, actor.id, to, op.mode);
            // Keeping local times moves every planned post, moved ones too: they keep their local time.
            if (op.mode === "keep-local") {
              for (const id of movedByPerson.keys()) {
                const post = await prisma.post.findUnique({ where: { id } });
                if (post) movedByPerson.set(id, post.scheduledAt!.getTime());
                else movedByPerson.delete(id);
              }
            }
          } else if (op.kind === "run") {
            now = new Date(now.getTime() + op.hours * 3_600_000);
          }
          await check(JSON.stringify(op));
        }
      }),
      { numRuns: SEQUENCES, endOnFailure: true },
    );
  }, 900_000);
});
