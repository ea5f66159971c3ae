// The thin server side of the rules: load what a check needs from the database, run the
// pure domain rules, return their violations. A new post is checked against only the
// posts that can matter — its channels' neighbours in time and the duplicate candidates
// the fingerprint indexes find — so the cost does not grow with the workspace's history.
import { type PlanChannel, evaluateNewPost, evaluatePlan } from "~/domain/mix-rules";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import type { NetworkKind } from "~/domain/networks";
import { PlanIndex, type PlanItem } from "~/domain/plan-index";
import { fingerprint } from "~/domain/text-fingerprint";
import type { Violation } from "~/domain/violations";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

const DAY = 86_400_000;

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
  scheduledAt: true,
  textHash: true,
  lshBands: true,
  channel: { select: { id: true, name: true, network: true } },
  post: { select: { category: true } },
} satisfies Prisma.VariantSelect;

type VariantRow = Prisma.VariantGetPayload<{ select: typeof variantSelect }>;

function toItem(row: VariantRow): PlanItem {
  return {
    postId: row.postId,
    channelId: row.channel.id,
    channelName: row.channel.name,
    network: row.channel.network as NetworkKind,
    category: row.post.category,
    at: row.scheduledAt!.getTime(),
    text: row.text,
    link: row.link,
    mediaUrls: row.mediaUrls,
    fingerprint: row.textHash && row.lshBands.length ? { exact: row.textHash, bands: row.lshBands } : undefined,
  };
}

async function loadSettings(workspaceId: string) {
  const workspace = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { timeZone: true, mixRules: true, channels: { select: { id: true, name: true, network: true, enabled: true, settings: true } } },
  });
  const channels: PlanChannel[] = workspace.channels.map((c) => ({ ...c, network: c.network as NetworkKind }));
  return { timeZone: workspace.timeZone, rules: mixRulesSchema.parse(workspace.mixRules ?? {}), channels };
}

const live = { status: { not: "CANCELLED" as const }, scheduledAt: { not: null } };

/** Every violation in the plan between `from` and `to` (earlier posts count as history). */
export async function checkWorkspacePlan(workspaceId: string, from: Date, to: Date): Promise<Violation[]> {
  const settings = await loadSettings(workspaceId);
  const historyFrom = new Date(from.getTime() - Math.max(settings.rules.duplicates.windowDays, 7) * DAY);
  const rows = await prisma.variant.findMany({
    where: { workspaceId, ...live, scheduledAt: { gte: historyFrom, lt: to } },
    select: variantSelect,
  });
  const items = rows.map(toItem);
  const inRange = new Set(items.filter((i) => i.at >= from.getTime()).map((i) => i.postId));
  return evaluatePlan(items, { ...settings, horizon: { from: from.getTime(), to: to.getTime() } }).filter(
    (v) => v.ruleId === "quiet-channel" || inRange.has(v.postIds[0]!),
  );
}

export type DraftVariant = { channelId: string; text: string; link?: string | null; mediaUrls?: string[] };
export type DraftPost = { postId: string; category: string; at: Date; variants: DraftVariant[] };

/** The violations a new or edited post would have or cause, before it is saved. */
export async function checkDraftPost(workspaceId: string, draft: DraftPost): Promise<Violation[]> {
  const settings = await loadSettings(workspaceId);
  const { rules } = settings;
  const at = draft.at.getTime();
  const channelIds = draft.variants.map((v) => v.channelId);
  // The longest reach of a channel rule in time, and the duplicate window.
  const reach = Math.max(7, rules.selfPromotion.maxShare?.days ?? 0) * DAY;
  const windowMs = rules.duplicates.windowDays * DAY;
  const fingerprints = draft.variants.map((v) => fingerprint(v.text));
  const [neighbours, duplicates] = await Promise.all([
    prisma.variant.findMany({
      where: { workspaceId, ...live, postId: { not: draft.postId }, channelId: { in: channelIds }, scheduledAt: { gte: new Date(at - reach), lte: new Date(at + reach) } },
      select: variantSelect,
    }),
    prisma.variant.findMany({
      where: {
        workspaceId,
        ...live,
        postId: { not: draft.postId },
        scheduledAt: { gte: new Date(at - windowMs), lte: new Date(at + windowMs) },
        OR: [{ textHash: { in: fingerprints.map((f) => f.exact) } }, { lshBands: { hasSome: fingerprints.flatMap((f) => f.bands) } }],
      },
      select: variantSelect,
    }),
  ]);
  // The self-promotion rule counts posts, not days: make sure enough earlier posts are in.
  const earlier = await Promise.all(
    channelIds.map((channelId) =>
      prisma.variant.findMany({
        where: { workspaceId, ...live, postId: { not: draft.postId }, channelId, scheduledAt: { lt: new Date(at - reach) } },
        orderBy: { scheduledAt: "desc" },
        take: rules.selfPromotion.onePer,
        select: variantSelect,
      }),
    ),
  );
  const seen = new Map<string, PlanItem>();
  for (const row of [...neighbours, ...duplicates, ...earlier.flat()]) seen.set(`${row.postId}|${row.channel.id}`, toItem(row));
  const index = new PlanIndex(seen.values());
  const channelsById = new Map(settings.channels.map((c) => [c.id, c]));
  return draft.variants.flatMap((variant, i) => {
    const channel = channelsById.get(variant.channelId);
    if (!channel) return [];
    const item: PlanItem = {
      postId: draft.postId,
      channelId: channel.id,
      channelName: channel.name,
      network: channel.network,
      category: draft.category,
      at,
      text: variant.text,
      link: variant.link,
      mediaUrls: variant.mediaUrls,
      fingerprint: fingerprints[i],
    };
    const violations = evaluateNewPost(index, item, settings);
    index.add(item);
    return violations;
  });
}

/** A stored post's violations as the plan stands now; an owner's override is reported beside them. */
export async function checkPostNow(workspaceId: string, postId: string): Promise<{ violations: Violation[]; overridden: boolean }> {
  const post = await prisma.post.findFirst({
    where: { id: postId, workspaceId },
    select: { category: true, scheduledAt: true, overrideReason: true, variants: { select: { channelId: true, text: true, link: true, mediaUrls: true } } },
  });
  if (!post?.scheduledAt) return { violations: [], overridden: Boolean(post?.overrideReason) };
  const violations = await checkDraftPost(workspaceId, { postId, category: post.category, at: post.scheduledAt, variants: post.variants });
  return { violations, overridden: Boolean(post.overrideReason) };
}

/** Violations of plan items not yet saved (a CSV import), checked with the stored plan around them. */
export async function checkUnsavedItems(workspaceId: string, items: PlanItem[]): Promise<Violation[]> {
  if (items.length === 0) return [];
  const settings = await loadSettings(workspaceId);
  const times = items.map((i) => i.at);
  const from = Math.min(...times);
  const to = Math.max(...times) + 1;
  const historyFrom = new Date(from - Math.max(settings.rules.duplicates.windowDays, 7) * DAY);
  const rows = await prisma.variant.findMany({ where: { workspaceId, ...live, scheduledAt: { gte: historyFrom, lt: new Date(to + 7 * DAY) } }, select: variantSelect });
  const unsaved = new Set(items.map((i) => i.postId));
  return evaluatePlan([...rows.map(toItem), ...items], { ...settings, horizon: { from, to } }).filter((v) => unsaved.has(v.postIds[0] ?? ""));
}
