// The thin server side of the rules: load what a check needs from the database, run the
// pure domain rules, return their violations. A post is checked against only the posts
// that can matter — its channels' neighbours in time and the duplicate candidates the
// fingerprint indexes find — so the cost does not grow with the workspace's history.
// Every screen gets a post's violations from here: the editor, the calendar's badges, the
// post page, the review queue, drag and drop, the import preview and the client page.
import { checkSettingsOf, checkVariant } from "~/domain/channel-rules";
import { altTextViolations } from "~/domain/media-rules";
import { type PlanChannel, type PostCheck, evaluateNewPost } from "~/domain/mix-rules";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import type { MediaFacts } from "~/channels/network-module";
import type { NetworkKind } from "~/channels/networks";
import type { Verdict } from "~/domain/post-gate";
import { PlanIndex, type PlanItem } from "~/domain/plan-index";
import { fingerprint } from "~/domain/text-fingerprint";
import { type Violation, uncoveredBlocking } from "~/domain/violations";
import type { Prisma } from "~/generated/prisma/client";
import { runPlanTask } from "~/utils/cpu-pool.server";
import { prisma } from "~/utils/db.server";
import { mediaFactsOf, variantMediaFacts } from "./media.server";

const DAY = 86_400_000;
/** The longest a network remembers words to refuse them again (channel-rules.ts). */
const NETWORK_MEMORY_DAYS = 90;

/** Columns to store with a variant whenever its text is written. */
export function variantFingerprint(text: string) {
  const { exact, bands } = fingerprint(text);
  return { textHash: exact, lshBands: bands };
}

const variantSelect = {
  postId: true,
  text: true,
  link: true,
  mediaUrls: true,
  media: variantMediaFacts,
  scheduledAt: true,
  textHash: true,
  lshBands: true,
  channel: { select: { id: true, name: true, network: true } },
  post: { select: { category: true, title: true, seriesId: true } },
} satisfies Prisma.VariantSelect;

type VariantRow = Prisma.VariantGetPayload<{ select: typeof variantSelect }>;

/** The series a post belongs to: its parent's, or its own when it carries the rule. */
/** The series a post belongs to: its posts are one idea to the rules, not duplicates of each other. */
export const seriesOf = (post: { seriesId: string | null }) => post.seriesId;

function toItem(row: VariantRow): PlanItem {
  return {
    postId: row.postId,
    channelId: row.channel.id,
    channelName: row.channel.name,
    network: row.channel.network as NetworkKind,
    category: row.post.category,
    title: row.post.title,
    seriesId: seriesOf(row.post),
    at: row.scheduledAt!.getTime(),
    text: row.text,
    link: row.link,
    mediaUrls: row.mediaUrls,
    media: mediaFactsOf(row.media),
    fingerprint: row.textHash && row.lshBands.length ? { exact: row.textHash, bands: row.lshBands } : undefined,
  };
}

export async function loadRuleSettings(workspaceId: string) {
  const workspace = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { timeZone: true, mixRules: true, channels: { select: { id: true, name: true, network: true, enabled: true, settings: true } } },
  });
  const channels: PlanChannel[] = workspace.channels.map((c) => ({ ...c, network: c.network as NetworkKind }));
  return { timeZone: workspace.timeZone, rules: mixRulesSchema.parse(workspace.mixRules ?? {}), channels };
}
type RuleSettings = Awaited<ReturnType<typeof loadRuleSettings>>;

/** What is in the plan: every variant with a time, of a post that was not cancelled. */
const planned = { status: { not: "CANCELLED" as const }, scheduledAt: { not: null }, post: { status: { not: "CANCELLED" as const } } };

/** Every violation in the plan between `from` and `to` (earlier posts count as history). */
export async function checkWorkspacePlan(workspaceId: string, from: Date, to: Date, settings?: RuleSettings): Promise<Violation[]> {
  settings ??= await loadRuleSettings(workspaceId);
  const historyFrom = new Date(from.getTime() - Math.max(settings.rules.duplicates.windowDays, NETWORK_MEMORY_DAYS, 7) * DAY);
  const rows = await prisma.variant.findMany({
    where: { workspaceId, ...planned, scheduledAt: { gte: historyFrom, lt: to } },
    select: variantSelect,
  });
  const items = rows.map(toItem);
  const inRange = new Set(items.filter((i) => i.at >= from.getTime()).map((i) => i.postId));
  const found = await runPlanTask({ kind: "evaluate", items, plan: { ...settings, horizon: { from: from.getTime(), to: to.getTime() }, now: Date.now() } });
  return found.filter((v) => v.ruleId === "quiet-channel" || inRange.has(v.postIds[0]!));
}

export type DraftVariant = { channelId: string; text: string; link?: string | null; mediaUrls?: string[]; media?: MediaFacts[]; at?: Date | null };
export type DraftPost = { postId: string; title: string; category: string; seriesId: string | null; at: Date | null; variants: DraftVariant[] };

/** A post's channels as plan items, each at its own time (or the post's). */
function draftItems(draft: DraftPost, settings: RuleSettings): PlanItem[] {
  const channels = new Map(settings.channels.map((c) => [c.id, c]));
  return draft.variants.flatMap((variant) => {
    const channel = channels.get(variant.channelId);
    const at = variant.at ?? draft.at;
    if (!channel || !at) return [];
    return [
      {
        postId: draft.postId,
        channelId: channel.id,
        channelName: channel.name,
        network: channel.network,
        category: draft.category,
        title: draft.title,
        seriesId: draft.seriesId,
        at: at.getTime(),
        text: variant.text,
        link: variant.link,
        mediaUrls: variant.mediaUrls,
        media: variant.media,
      },
    ];
  });
}

/** Without a time only the networks' own limits apply. */
function channelChecks(draft: DraftPost, settings: RuleSettings): Violation[] {
  const channels = new Map(settings.channels.map((c) => [c.id, c]));
  return draft.variants.flatMap((v) => {
    const channel = channels.get(v.channelId);
    if (!channel) return [];
    const context = { postId: draft.postId, channelId: channel.id, channelName: channel.name };
    return [...checkVariant(channel.network, v, checkSettingsOf(channel.settings), context).violations, ...altTextViolations(v.media ?? [], settings.rules.altText.severity, { ...context, network: channel.network })];
  });
}

/** The violations a new, edited or moved post would have, and those it would cause on later posts — before anything is saved. */
export async function checkDraftPost(workspaceId: string, draft: DraftPost, settings?: RuleSettings): Promise<PostCheck> {
  settings ??= await loadRuleSettings(workspaceId);
  const items = draftItems(draft, settings);
  if (items.length === 0) return { own: channelChecks(draft, settings), consequences: [] };
  const { rules } = settings;
  const times = items.map((i) => i.at);
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const channelIds = [...new Set(items.map((i) => i.channelId))];
  // The longest reach of a channel rule in time, and the duplicate windows.
  const reach = Math.max(7, rules.selfPromotion.maxShare?.days ?? 0) * DAY;
  const windowMs = Math.max(rules.duplicates.windowDays, NETWORK_MEMORY_DAYS) * DAY;
  const fingerprints = items.map((i) => fingerprint(i.text));
  const [neighbours, duplicates, earlier] = await Promise.all([
    prisma.variant.findMany({
      where: { workspaceId, ...planned, postId: { not: draft.postId }, channelId: { in: channelIds }, scheduledAt: { gte: new Date(first - reach), lte: new Date(last + reach) } },
      select: variantSelect,
    }),
    prisma.variant.findMany({
      where: {
        workspaceId,
        ...planned,
        postId: { not: draft.postId },
        scheduledAt: { gte: new Date(first - windowMs), lte: new Date(last + windowMs) },
        OR: [{ textHash: { in: fingerprints.map((f) => f.exact) } }, { bands: { some: { workspaceId, band: { in: fingerprints.flatMap((f) => f.bands) } } } }],
      },
      select: variantSelect,
    }),
    // The self-promotion rule counts posts, not days: make sure enough earlier posts are in.
    Promise.all(
      channelIds.map((channelId) =>
        prisma.variant.findMany({
          where: { workspaceId, ...planned, postId: { not: draft.postId }, channelId, scheduledAt: { lt: new Date(first - reach) } },
          orderBy: { scheduledAt: "desc" },
          take: rules.selfPromotion.onePer,
          select: variantSelect,
        }),
      ),
    ),
  ]);
  const seen = new Map<string, PlanItem>();
  for (const row of [...neighbours, ...duplicates, ...earlier.flat()]) seen.set(`${row.postId}|${row.channel.id}`, toItem(row));
  const index = new PlanIndex(seen.values());
  return evaluateNewPost(
    index,
    items.map((item, i) => ({ ...item, fingerprint: fingerprints[i] })),
    { ...settings, now: Date.now() },
  );
}

/** The gate's view of a check: does a blocking violation stand that the owner's override does not cover? */
export const verdictOf = (own: readonly Violation[], overrideRules: readonly string[]): Verdict => ({ blocking: uncoveredBlocking(own, overrideRules).length > 0 });

/** A stored post as the plan stands now, each channel at its own time; its owner's override beside. */
export async function checkPostNow(workspaceId: string, postId: string, settings?: RuleSettings) {
  const post = await prisma.post.findFirst({
    where: { id: postId, workspaceId },
    select: {
      id: true,
      title: true,
      category: true,
      scheduledAt: true,
      seriesId: true,
      overrideReason: true,
      overrideRules: true,
      variants: { where: { status: { not: "CANCELLED" } }, select: { channelId: true, text: true, link: true, mediaUrls: true, media: variantMediaFacts, scheduledAt: true } },
    },
  });
  if (!post) return null;
  const check = await checkDraftPost(
    workspaceId,
    { postId, title: post.title, category: post.category, seriesId: seriesOf(post), at: post.scheduledAt, variants: post.variants.map((v) => ({ ...v, media: mediaFactsOf(v.media), at: v.scheduledAt })) },
    settings,
  );
  return { ...check, overrideReason: post.overrideReason, overrideRules: post.overrideRules, verdict: verdictOf(check.own, post.overrideRules) };
}

/** Violations of plan items not yet saved (a CSV import), checked with the stored plan around them. */
export async function checkUnsavedItems(workspaceId: string, items: PlanItem[]): Promise<Violation[]> {
  if (items.length === 0) return [];
  const settings = await loadRuleSettings(workspaceId);
  const times = items.map((i) => i.at);
  const from = Math.min(...times);
  const to = Math.max(...times) + 1;
  const historyFrom = new Date(from - Math.max(settings.rules.duplicates.windowDays, NETWORK_MEMORY_DAYS, 7) * DAY);
  const rows = await prisma.variant.findMany({ where: { workspaceId, ...planned, scheduledAt: { gte: historyFrom, lt: new Date(to + 7 * DAY) } }, select: variantSelect });
  const unsaved = new Set(items.map((i) => i.postId));
  const found = await runPlanTask({ kind: "evaluate", items: [...rows.map(toItem), ...items], plan: { ...settings, horizon: { from, to }, now: Date.now() } });
  return found.filter((v) => unsaved.has(v.postIds[0] ?? ""));
}

/** Remembers the gate's verdict on a post with the plan version it saw (the worker's claim reads it). */
export async function storeVerdict(postId: string, planVersion: number, verdict: Verdict) {
  await prisma.post.updateMany({ where: { id: postId }, data: { verdictVersion: planVersion, verdictBlocking: verdict.blocking } });
}

export async function planVersionOf(workspaceId: string) {
  const row = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { planVersion: true } });
  return row.planVersion;
}

/** The series a stored post of this workspace belongs to (the editor's check counts a series as one idea). */
export async function findPostSeries(workspaceId: string, postId: string) {
  const post = await prisma.post.findFirst({ where: { id: postId, workspaceId }, select: { id: true, seriesId: true } });
  return post && { seriesId: seriesOf(post) };
}
