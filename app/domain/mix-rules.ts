// The content-mix rules. Each rule looks at one post and what came before it on its
// channel (or, for duplicates, in the workspace), so every conflict is reported once, on
// the later post, naming the earlier ones by title and local time. A post never conflicts
// with itself: not with its own variants (their shared words are one grouped finding), not
// with its earlier text, and not with the other dates of its own recurring series.
//
// `evaluatePlan` checks a whole plan; `evaluateNewPost` checks one post against a plan:
// its own violations (what the calendar will show on it) and, apart, the violations it
// would cause on later posts. Every suggested time is verified by the same engine: the
// earliest slot at which the post breaks no blocking rule.
import { DateTime } from "luxon";
import { checkSettingsOf, checkVariant } from "./channel-rules";
import type { MixRules } from "./mix-rules-settings";
import { networkModules, networkName } from "../channels/networks";
import { altTextViolations } from "./media-rules";
import { type IndexedItem, PlanIndex, type PlanItem, compareItems } from "./plan-index";
import { estimatedSimilarity, jaccard } from "./text-fingerprint";
import {
  type Locale,
  type Localized,
  type RelatedPost,
  type RuleId,
  type Violation,
  channelRuleIds,
  distinctViolations,
  listOf,
  networkGenitive,
  nonPromotionalPosts,
  offers,
  onChannel,
} from "./violations";
import { localDateTime, zoneOffsets } from "./zone-offsets";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// Four standard errors of a 64-slot MinHash estimate near 0.8: a true match is not screened out.
const SIGNATURE_SLACK = 0.2;
/** How far ahead a suggested time is looked for. */
export const SUGGESTION_DAYS = 60;

export type PlanChannel = { id: string; name: string; network: PlanItem["network"]; enabled: boolean; settings?: unknown };

export type PlanContext = {
  rules: MixRules;
  timeZone: string;
  channels?: readonly PlanChannel[];
  /** The visible range, for the quiet-channel rule. */
  horizon?: { from: number; to: number };
  /** Suggested times are never before this instant (the app passes the present; a spreadsheet has none). */
  now?: number;
};

type RuleCheck = (item: IndexedItem, index: PlanIndex, ctx: Context) => Violation[];

type Context = PlanContext & {
  promotional: Set<string>;
  offer: Set<string>;
  when: (at: number, locale: Locale) => string;
  /** Midnight of the instant's day in the workspace's zone. */
  dayStart: (at: number) => number;
};

// Local midnight by arithmetic where the offset is the same all around the instant;
// days with a DST change go to luxon.
function dayStarts(zone: string) {
  const offsetAt = zoneOffsets(zone);
  return (at: number) => {
    const offset = offsetAt(at);
    if (offset !== offsetAt(at - DAY) || offset !== offsetAt(at + DAY)) {
      return DateTime.fromMillis(at, { zone }).startOf("day").toMillis();
    }
    const local = at + offset;
    return local - (((local % DAY) + DAY) % DAY) - offset;
  };
}

function context(ctx: PlanContext): Context {
  // Formatting a date is the dearest part of a message; a plan names the same posts often.
  const formatted = new Map<string, string>();
  const when = (at: number, locale: Locale) => {
    const key = `${locale}${at}`;
    let text = formatted.get(key);
    if (text === undefined) formatted.set(key, (text = localDateTime(ctx.timeZone, at).setLocale(locale).toFormat("ccc d LLL, HH:mm")));
    return text;
  };
  return {
    ...ctx,
    dayStart: dayStarts(ctx.timeZone),
    promotional: new Set(ctx.rules.categories.filter((c) => c.promotional).map((c) => c.id)),
    offer: new Set(ctx.rules.categories.filter((c) => c.offer).map((c) => c.id)),
    when,
  };
}

const both = (make: (l: Locale) => string): Localized => ({ en: make("en"), pl: make("pl") });
const unique = (ids: string[]) => [...new Set(ids)];

/** How a person names a post: its title, or the start of its words when it has none. */
export function nameOf(item: Pick<PlanItem, "title" | "text">): string {
  const title = item.title?.trim();
  if (title) return title;
  const words = item.text.replace(/\s+/g, " ").trim();
  return words.length > 40 ? `${words.slice(0, 39).trimEnd()}…` : words;
}
const related = (items: readonly IndexedItem[]): RelatedPost[] => {
  const seen = new Set<string>();
  return items
    .filter((i) => !seen.has(i.postId) && seen.add(i.postId))
    .map((i) => ({ postId: i.postId, title: nameOf(i), at: i.at, channelName: i.channelName }));
};
/** “Title” (Tue 1 Dec, 09:00) — in Polish quotation marks for Polish. */
const named = (ctx: Context, item: IndexedItem, l: Locale) => (l === "en" ? `“${nameOf(item)}” (${ctx.when(item.at, l)})` : `„${nameOf(item)}” (${ctx.when(item.at, l)})`);
/** The other posts a window-rule names: the nearest few — a busy day can hold hundreds. */
const MAX_NAMED = 5;
const nearestFew = (others: readonly IndexedItem[]) => others.slice(-MAX_NAMED);
const sameIdea = (a: PlanItem, b: PlanItem) => a.postId === b.postId || (a.seriesId != null && a.seriesId === b.seriesId);

/** Rules whose violation a new time can cure: their suggestion is a verified slot. */
const timeRules: readonly RuleId[] = ["self-promotion", "self-promotion-share", "offer-flood", "daily-cap", "spacing"];

const selfPromotion: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.selfPromotion;
  if (!ctx.promotional.has(item.category) || rule.severity === "off") return [];
  const found: Violation[] = [];
  const list = index.channelItems(item.channelId);
  const at = index.positionOf(item);
  const window = list.slice(Math.max(0, at - (rule.onePer - 1)), at + 1);
  const promos = window.filter((p) => ctx.promotional.has(p.category));
  if (promos.length > 1) {
    const previous = promos.at(-2)!;
    const between = window.length - 1 - window.indexOf(previous) - 1;
    const needed = rule.onePer - 1 - between;
    const others = promos.filter((p) => p !== item);
    found.push({
      ruleId: "self-promotion",
      severity: rule.severity,
      postIds: unique([item.postId, ...nearestFew(others).map((p) => p.postId)]),
      related: related(nearestFew(others)),
      channelId: item.channelId,
      data: { promotional: promos.length, window: window.length, onePer: rule.onePer, needed },
      message: both((l) =>
        l === "en"
          ? `${promos.length} of the last ${window.length} posts ${onChannel(l, item.channelName, item.network)} are promotional; the limit is 1 in ${rule.onePer}.`
          : `${promos.length} z ostatnich ${window.length} postów ${onChannel(l, item.channelName, item.network)} to promocja; limit to 1 na ${rule.onePer}.`,
      ),
    });
  }
  const share = rule.maxShare;
  if (share) {
    const shareWindow = index.windowUpTo(item, item.at - share.days * DAY + 1);
    const sharePromos = shareWindow.filter((p) => ctx.promotional.has(p.category));
    const percent = Math.round((sharePromos.length / shareWindow.length) * 100);
    if (percent > share.percent) {
      const others = sharePromos.filter((p) => p !== item);
      found.push({
        ruleId: "self-promotion-share",
        severity: rule.severity,
        postIds: unique([item.postId, ...nearestFew(others).map((p) => p.postId)]),
        related: related(nearestFew(others)),
        channelId: item.channelId,
        data: { percent, limit: share.percent, days: share.days },
        message: both((l) =>
          l === "en"
            ? `${percent}% of the posts ${onChannel(l, item.channelName, item.network)} in the ${share.days} days up to this one are promotional (${sharePromos.length} of ${shareWindow.length}); the limit is ${share.percent}%.`
            : `${percent}% postów ${onChannel(l, item.channelName, item.network)} w ciągu ${share.days} dni do tego postu to promocja (${sharePromos.length} z ${shareWindow.length}); limit to ${share.percent}%.`,
        ),
      });
    }
  }
  return found;
};

const duplicates: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.duplicates;
  const from = item.at - rule.windowDays * DAY;
  const severityFor = (other: IndexedItem) => (other.channelId === item.channelId ? rule.sameChannel : rule.otherChannels);
  const earlier = (other: IndexedItem) => other !== item && !sameIdea(other, item) && other.at >= from && compareItems(other, item) < 0;
  const where = (other: IndexedItem, l: Locale) =>
    other.channelId === item.channelId
      ? l === "en"
        ? `${onChannel(l, item.channelName, item.network)} already, within ${rule.windowDays} days: ${named(ctx, other, l)}`
        : `już ${onChannel(l, item.channelName, item.network)} w ciągu ${rule.windowDays} dni: ${named(ctx, other, l)}`
      : l === "en"
        ? `${onChannel(l, other.channelName, other.network)} too: ${named(ctx, other, l)}`
        : `także ${onChannel(l, other.channelName, other.network)}: ${named(ctx, other, l)}`;

  const same = index.nearestBefore(item, "exact", from, (o) => earlier(o) && o.normalized === item.normalized && severityFor(o) !== "off", 1);
  const closest = same.sort(compareItems).at(-1);
  if (closest) {
    return [
      {
        ruleId: "duplicate",
        severity: severityFor(closest) as "block" | "warn",
        postIds: unique([item.postId, closest.postId]),
        related: related([closest]),
        channelId: item.channelId,
        data: { similarity: 1, windowDays: rule.windowDays },
        message: both((l) => (l === "en" ? `The same text is planned ${where(closest, l)}.` : `Ten sam tekst jest zaplanowany ${where(closest, l)}.`)),
        suggestion: both((l) =>
          l === "en"
            ? `Write a version for ${networkGenitive(l, item.network)} audience: each channel needs its own text.`
            : `Napisz wersję dla odbiorców ${networkGenitive(l, item.network)}: każdy kanał potrzebuje własnego tekstu.`,
        ),
      },
    ];
  }
  if (rule.nearSeverity === "off") return [];
  // The MinHash estimate screens candidates cheaply; the exact similarity (the one reported)
  // is computed for the plausible ones among the nearest earlier items of each band: at most
  // 8 per band, 64 looked at, so thousands of near-identical texts stay linear.
  // An item sits in several of this one's band lists: screen it once.
  const screened = new Map<IndexedItem, boolean>();
  const plausible = (other: IndexedItem) => {
    let pass = screened.get(other);
    if (pass === undefined) screened.set(other, (pass = earlier(other) && estimatedSimilarity(item.signature, other.signature) >= rule.nearThreshold - SIGNATURE_SLACK));
    return pass;
  };
  let best: { other: IndexedItem; similarity: number } | undefined;
  for (const other of index.nearestBefore(item, "bands", from, plausible)) {
    const similarity = jaccard(index.shinglesOf(item), index.shinglesOf(other));
    if (similarity >= rule.nearThreshold && (!best || similarity > best.similarity || (similarity === best.similarity && compareItems(other, best.other) > 0))) {
      best = { other, similarity };
    }
  }
  if (!best) return [];
  const { other, similarity } = best;
  const percent = Math.floor(similarity * 100);
  return [
    {
      ruleId: "near-duplicate",
      severity: rule.nearSeverity,
      postIds: unique([item.postId, other.postId]),
      related: related([other]),
      channelId: item.channelId,
      data: { similarity: Math.floor(similarity * 1000) / 1000, threshold: rule.nearThreshold },
      message: both((l) =>
        l === "en" ? `This text is ${percent}% the same as one planned ${where(other, l)}.` : `Ten tekst w ${percent}% pokrywa się z zaplanowanym ${where(other, l)}.`,
      ),
      suggestion: both((l) => (l === "en" ? "Rephrase it rather than reuse it." : "Przeredaguj go zamiast powtarzać.")),
    },
  ];
};

// One post's channels sharing the same words: one finding for the group, on its first channel.
const sharedWords: RuleCheck = (item, index, ctx) => {
  const severity = ctx.rules.duplicates.withinPost;
  if (severity === "off") return [];
  const group = index.postItems(item.postId).filter((o) => o.normalized === item.normalized);
  if (group.length < 2 || group[0] !== item) return [];
  const names = group.map((o) => o.channelName);
  return [
    {
      ruleId: "shared-words",
      severity,
      postIds: [item.postId],
      channelId: item.channelId,
      data: { channels: group.length },
      message: both((l) =>
        l === "en"
          ? `${listOf(l, names)} use the same words; each network's audience reads differently.`
          : `${listOf(l, names)} mają ten sam tekst; odbiorcy każdej sieci czytają inaczej.`,
      ),
      suggestion: both((l) => (l === "en" ? "Adapt the words for each channel." : "Dostosuj tekst do każdego kanału.")),
    },
  ];
};

// The network itself refuses repeated words on one account, whatever the mix rules say;
// reported when the mix rule does not already block the same pair (a series repeating
// itself, or a workspace that lets duplicates through).
const networkDuplicate: RuleCheck = (item, index, ctx) => {
  const refuses = networkModules[item.network].text.refusesRepeatedText;
  if (!refuses) return [];
  const from = item.at - refuses.days * DAY;
  const mixBlocks = (other: IndexedItem) => !sameIdea(other, item) && ctx.rules.duplicates.sameChannel === "block" && other.at >= item.at - ctx.rules.duplicates.windowDays * DAY;
  const earlier = index.nearestBefore(item, "exact", from, (o) => o.postId !== item.postId && o.channelId === item.channelId && o.normalized === item.normalized, 1);
  const closest = earlier.sort(compareItems).at(-1);
  if (!closest || mixBlocks(closest)) return [];
  const series = sameIdea(closest, item);
  const network = networkName(item.network);
  // Texts in turn at this series' spacing: the same words come back after texts × gap, which must pass the network's memory.
  const texts = Math.floor((refuses.days * DAY) / Math.max(item.at - closest.at, 1)) + 1;
  return [
    {
      ruleId: "network-duplicate",
      severity: "block",
      postIds: unique([item.postId, closest.postId]),
      related: related([closest]),
      channelId: item.channelId,
      data: { days: refuses.days },
      message: both((l) =>
        l === "en"
          ? `${network} refuses a post with the same words as an earlier one on the account: ${named(ctx, closest, l)}.`
          : `${network} odrzuca post o tych samych słowach co wcześniejszy na tym koncie: ${named(ctx, closest, l)}.`,
      ),
      suggestion: both((l) =>
        series
          ? l === "en"
            ? `Give this series at least ${texts} texts used in turn ${onChannel(l, item.channelName, item.network)}: ${network} refuses words it saw in the last ${refuses.days} days.`
            : `Daj tej serii co najmniej ${texts} tekstów używanych po kolei ${onChannel(l, item.channelName, item.network)}: ${network} odrzuca słowa, które widział w ostatnich ${refuses.days} dniach.`
          : l === "en"
            ? "Change the words."
            : "Zmień treść.",
      ),
    },
  ];
};

const offerFlood: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.offers;
  if (rule.severity === "off" || !ctx.offer.has(item.category)) return [];
  const found = index.windowUpTo(item, item.at - WEEK + 1).filter((p) => ctx.offer.has(p.category));
  if (found.length <= rule.perWeek) return [];
  const others = found.filter((p) => p !== item);
  return [
    {
      ruleId: "offer-flood",
      severity: rule.severity,
      postIds: unique([item.postId, ...nearestFew(others).map((p) => p.postId)]),
      related: related(nearestFew(others)),
      channelId: item.channelId,
      data: { offers: found.length, perWeek: rule.perWeek },
      message: both((l) =>
        l === "en"
          ? `${offers(l, found.length)} ${onChannel(l, item.channelName, item.network)} within 7 days; the limit is ${rule.perWeek} a week.`
          : `${offers(l, found.length)} ${onChannel(l, item.channelName, item.network)} w ciągu 7 dni; limit to ${rule.perWeek} na tydzień.`,
      ),
    },
  ];
};

const dailyCap: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.dailyCap;
  if (rule.severity === "off") return [];
  const from = ctx.dayStart(item.at);
  const upToItem = index.windowUpTo(item, from);
  const position = upToItem.length;
  if (position <= rule.perDay) return [];
  const date = (l: Locale) => localDateTime(ctx.timeZone, from).setLocale(l).toFormat("ccc d LLL");
  const others = upToItem.slice(0, -1);
  return [
    {
      ruleId: "daily-cap",
      severity: rule.severity,
      postIds: unique([item.postId, ...nearestFew(others).map((p) => p.postId)]),
      related: related(nearestFew(others)),
      channelId: item.channelId,
      data: { count: position, perDay: rule.perDay },
      message: both((l) =>
        l === "en"
          ? `This is post ${position} ${onChannel(l, item.channelName, item.network)} on ${date(l)}; the cap is ${rule.perDay} a day.`
          : `To ${position}. post ${onChannel(l, item.channelName, item.network)} w dniu ${date(l)}; limit to ${rule.perDay} dziennie.`,
      ),
    },
  ];
};

const spacing: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.spacing;
  if (rule.severity === "off" || rule.minutes === 0) return [];
  const list = index.channelItems(item.channelId);
  const previous = list[index.positionOf(item) - 1];
  if (!previous) return [];
  const gap = Math.round((item.at - previous.at) / 60_000);
  if (gap >= rule.minutes) return [];
  return [
    {
      ruleId: "spacing",
      severity: rule.severity,
      postIds: unique([item.postId, previous.postId]),
      related: related([previous]),
      channelId: item.channelId,
      data: { minutes: gap, minimum: rule.minutes },
      message: both((l) =>
        l === "en"
          ? `Only ${gap} minutes after the previous post ${onChannel(l, item.channelName, item.network)}, ${named(ctx, previous, l)}; keep at least ${rule.minutes} minutes between posts.`
          : `Tylko ${gap} min po poprzednim poście ${onChannel(l, item.channelName, item.network)}, ${named(ctx, previous, l)}; zachowaj co najmniej ${rule.minutes} min odstępu.`,
      ),
    },
  ];
};

const channelLimits: RuleCheck = (item, _index, ctx) => {
  const channel = ctx.channels?.find((c) => c.id === item.channelId);
  const context = { postId: item.postId, channelId: item.channelId, channelName: item.channelName };
  return [...checkVariant(item.network, item, checkSettingsOf(channel?.settings), context).violations, ...altTextViolations(item.media ?? [], ctx.rules.altText.severity, { ...context, network: item.network })];
};

const ruleChecks: RuleCheck[] = [channelLimits, networkDuplicate, sharedWords, selfPromotion, duplicates, offerFlood, dailyCap, spacing];
/** The rules a new time can change the outcome of (a network's limits and shared words stay as they are). */
const timedChecks: RuleCheck[] = [selfPromotion, dailyCap, spacing, offerFlood, networkDuplicate, duplicates];
/** Blocking rules no time cures: a post that breaks one is offered no time. */
const timeless: readonly RuleId[] = [...channelRuleIds.filter((r) => r !== "network-duplicate"), "shared-words"];

function quietChannels(index: PlanIndex, ctx: Context): Violation[] {
  const rule = ctx.rules.quietChannel;
  if (rule.severity === "off" || !ctx.horizon) return [];
  // A quiet past cannot be planned any more: from the present on, when the present is known.
  const from = Math.max(ctx.horizon.from, ctx.now ?? ctx.horizon.from);
  const to = ctx.horizon.to;
  if (to <= from) return [];
  const limit = rule.days * DAY;
  const found: Violation[] = [];
  for (const channel of ctx.channels ?? []) {
    if (!channel.enabled) continue;
    const inRange = index.channelItems(channel.id).filter((p) => p.at >= from && p.at < to);
    const edges: { at: number; post?: IndexedItem }[] = [{ at: from }, ...inRange.map((p) => ({ at: p.at, post: p })), { at: to }];
    for (let i = 1; i < edges.length; i++) {
      const [start, end] = [edges[i - 1]!, edges[i]!];
      if (end.at - start.at <= limit) continue;
      const days = Math.floor((end.at - start.at) / DAY);
      const day = (at: number, l: Locale) => localDateTime(ctx.timeZone, at).setLocale(l).toFormat("d LLL");
      const around = [start.post, end.post].filter((p): p is IndexedItem => !!p);
      found.push({
        ruleId: "quiet-channel",
        severity: rule.severity,
        // About the channel, not a post: the posts around the gap are named, none is blamed.
        postIds: [],
        related: related(around),
        channelId: channel.id,
        data: { days, limit: rule.days, from: start.at, to: end.at },
        message: both((l) =>
          l === "en"
            ? `Nothing is planned ${onChannel(l, channel.name, channel.network)} from ${day(start.at, l)} to ${day(end.at, l)} (${days} days); a quiet profile looks forgotten. The limit is ${rule.days} days.`
            : `${onChannel(l, channel.name, channel.network).replace(/^na/, "Na")} nic nie jest zaplanowane od ${day(start.at, l)} do ${day(end.at, l)} (${days} dni); milczący profil wygląda na porzucony. Limit to ${rule.days} dni.`,
        ),
        suggestion: both((l) => (l === "en" ? `Plan a post by ${ctx.when(start.at + limit, l)}.` : `Zaplanuj post najpóźniej na ${ctx.when(start.at + limit, l)}.`)),
      });
    }
  }
  return found;
}

// ─── Verified suggestions ────────────────────────────────────────────────────────────

/**
 * The earliest time, from the next day on (at the same local time), at which every channel
 * of the post breaks no blocking rule and causes no blocking violation on a later post —
 * checked by the same rules, so the advice holds when taken. A slot that also keeps clear of
 * every timing rule (spacing, daily cap, offers, self-promotion, even as warnings) is preferred;
 * failing that, one that only `avoid`s the rules the post breaks now.
 */
function suggestTime(index: PlanIndex, items: readonly IndexedItem[], ctx: Context, avoid: ReadonlySet<RuleId>): number | null {
  // The same local time on each following day, by the zone's offsets (luxon is far slower,
  // and a large plan asks this for every blocked post).
  const offsetAt = zoneOffsets(ctx.timeZone);
  const base = items[0]!.at;
  const candidates: number[] = [];
  for (let day = 1; day <= SUGGESTION_DAYS; day++) {
    const naive = base + day * DAY;
    let at = naive + offsetAt(base) - offsetAt(naive);
    at = naive + offsetAt(base) - offsetAt(at);
    if (ctx.now === undefined || at >= ctx.now) candidates.push(at);
  }
  const clear = (v: Violation) => v.severity === "block" || timeRules.includes(v.ruleId);
  const enough = (v: Violation) => v.severity === "block" || avoid.has(v.ruleId);
  for (const item of items) index.remove(item);
  try {
    /** How the post would fare at `at`: free of every timing rule, free enough, or neither. */
    const judge = (at: number): "clear" | "enough" | null => {
      const placed = items.map((i) => index.insert({ ...i, at }));
      try {
        let warned = false;
        for (const item of placed) {
          for (const check of timedChecks) {
            const found = check(item, index, ctx);
            if (found.some(enough)) return null;
            warned ||= found.some(clear);
          }
        }
        const harmsLater = placed.some((item) =>
          laterChecks.some(({ check, candidates: later }) => later(item, index, ctx).some((other) => check(other, index, ctx).some((v) => v.severity === "block" && v.postIds.includes(item.postId)))),
        );
        if (harmsLater) return null;
        return warned ? "enough" : "clear";
      } finally {
        for (const p of placed) index.remove(p);
      }
    };
    // The first slot free enough; a fully clear one is preferred if it comes within a week after.
    let enoughAt: number | null = null;
    for (const at of candidates) {
      if (enoughAt !== null && at > enoughAt + WEEK) break;
      const verdict = judge(at);
      if (verdict === "clear") return at;
      if (verdict === "enough" && enoughAt === null) enoughAt = at;
    }
    return enoughAt;
  } finally {
    for (const item of items) index.insert(item);
  }
}

/**
 * Fills the suggestions of the timing rules. A blocking one gets a verified slot (searched
 * for once per post); a warning gets plain advice — searching a slot for every warning of a
 * dense plan would cost more than the advice is worth.
 */
function withTimeSuggestions(violations: Violation[], index: PlanIndex, ctx: Context): Violation[] {
  const byPost = new Map<string, Violation[]>();
  for (const v of violations) if (timeRules.includes(v.ruleId) && v.severity === "block" && v.postIds[0]) byPost.set(v.postIds[0], [...(byPost.get(v.postIds[0]) ?? []), v]);
  const cannotMove = new Set(violations.filter((v) => v.severity === "block" && timeless.includes(v.ruleId)).map((v) => v.postIds[0]));
  const slots = new Map<string, number | null>();
  for (const [postId, found] of byPost) {
    if (cannotMove.has(postId)) continue;
    const items = [...index.postItems(postId)];
    if (items.length === 0) continue;
    slots.set(postId, suggestTime(index, items, ctx, new Set(found.map((v) => v.ruleId))));
  }
  return violations.map((v) => {
    if (!timeRules.includes(v.ruleId)) return v;
    const needed = Number(v.data?.needed ?? 0);
    const alternative = (l: Locale) =>
      v.ruleId === "self-promotion" && needed > 0
        ? l === "en"
          ? `, or plan ${nonPromotionalPosts(l, needed)} before it`
          : ` albo zaplanuj przed nim ${nonPromotionalPosts(l, needed)}`
        : "";
    if (v.severity === "warn" || !slots.has(v.postIds[0]!)) return { ...v, suggestion: adviceFor(v, ctx, alternative) };
    const slot = slots.get(v.postIds[0]!)!;
    const suggestion =
      slot === null
        ? both((l) =>
            l === "en"
              ? `No time in the next ${SUGGESTION_DAYS} days frees it of every blocking rule; change its category or its words${alternative(l)}.`
              : `Żaden termin w ciągu ${SUGGESTION_DAYS} dni nie uwalnia go od blokujących reguł; zmień kategorię lub treść${alternative(l)}.`,
          )
        : both((l) =>
            l === "en"
              ? `Move it to ${ctx.when(slot, l)} (the earliest time at which it breaks no blocking rule)${alternative(l)}.`
              : `Przenieś go na ${ctx.when(slot, l)} (najwcześniejszy termin, w którym nie łamie żadnej blokującej reguły)${alternative(l)}.`,
          );
    return { ...v, suggestion, data: { ...v.data, ...(slot === null ? {} : { suggestedAt: slot }) } };
  });
}

/** Advice for a timing rule's warning: what to change, without a time of its own. */
function adviceFor(v: Violation, ctx: Context, alternative: (l: Locale) => string): Localized {
  switch (v.ruleId) {
    case "spacing":
      return both((l) =>
        l === "en" ? `Move it at least ${ctx.rules.spacing.minutes} minutes after the previous post.` : `Przesuń go co najmniej ${ctx.rules.spacing.minutes} min po poprzednim poście.`,
      );
    case "daily-cap":
      return both((l) => (l === "en" ? "Move it to a quieter day." : "Przenieś go na spokojniejszy dzień."));
    case "offer-flood":
      return both((l) => (l === "en" ? "Spread the offers out, or move this one a few days later." : "Rozłóż oferty w czasie albo przesuń tę o kilka dni."));
    default:
      return both((l) => (l === "en" ? `Move it later${alternative(l)}.` : `Przesuń go później${alternative(l)}.`));
  }
}

// ─── Entry points ───────────────────────────────────────────────────────────────────

/** Every violation in a plan, each conflict reported once, on the later post. */
export function evaluatePlan(items: readonly PlanItem[], plan: PlanContext): Violation[] {
  const ctx = context(plan);
  const index = new PlanIndex([...items].sort(compareItems));
  const ordered = [...index.all()].sort(compareItems);
  const found = distinctViolations(ordered.flatMap((item) => ruleChecks.flatMap((check) => check(item, index, ctx))));
  return [...withTimeSuggestions(found, index, ctx), ...quietChannels(index, ctx)];
}

export type PostCheck = {
  /** The post's own violations: what the calendar shows on it, and what the gate judges. */
  own: Violation[];
  /** Violations the post would add to later posts (shown to whoever places it). */
  consequences: Violation[];
};

/**
 * One new (or moved, or edited) post — all its channels — checked against an existing
 * plan. The index is left as it was.
 */
export function evaluateNewPost(index: PlanIndex, items: readonly PlanItem[], plan: PlanContext): PostCheck {
  const ctx = context(plan);
  const added = items.map((item) => index.add(item));
  try {
    const own = distinctViolations(added.flatMap((item) => ruleChecks.flatMap((check) => check(item, index, ctx))));
    const postId = items[0]?.postId;
    const consequences = distinctViolations(
      added.flatMap((item) =>
        laterChecks.flatMap(({ check, candidates }) =>
          candidates(item, index, ctx)
            .filter((other) => other.postId !== postId)
            .flatMap((other) => check(other, index, ctx).filter((v) => v.postIds.includes(item.postId))),
        ),
      ),
    );
    return { own: withTimeSuggestions(own, index, ctx), consequences };
  } finally {
    for (const item of added) index.remove(item);
  }
}

// For each rule, the later posts whose check can change when this one is added: only
// those within that rule's reach, so a check costs the same at 100 or 100,000 posts.
const after = (item: IndexedItem, index: PlanIndex) => index.channelItems(item.channelId).slice(index.positionOf(item) + 1);

function* takeWhile<T>(list: readonly T[], keep: (value: T, i: number) => boolean) {
  for (let i = 0; i < list.length && keep(list[i]!, i); i++) yield list[i]!;
}

const laterChecks: { check: RuleCheck; candidates: (item: IndexedItem, index: PlanIndex, ctx: Context) => IndexedItem[] }[] = [
  {
    check: selfPromotion,
    candidates: (item, index, ctx) => {
      if (!ctx.promotional.has(item.category)) return [];
      const days = (ctx.rules.selfPromotion.maxShare?.days ?? 0) * DAY;
      const list = after(item, index);
      return [...takeWhile(list, (p, i) => i < ctx.rules.selfPromotion.onePer - 1 || p.at - item.at < days)].filter((p) => ctx.promotional.has(p.category));
    },
  },
  {
    check: offerFlood,
    candidates: (item, index, ctx) =>
      ctx.offer.has(item.category) ? [...takeWhile(after(item, index), (p) => p.at - item.at < WEEK)].filter((p) => ctx.offer.has(p.category)) : [],
  },
  {
    check: dailyCap,
    candidates: (item, index, ctx) => {
      const day = ctx.dayStart(item.at);
      return [...takeWhile(after(item, index), (p) => ctx.dayStart(p.at) === day)];
    },
  },
  { check: spacing, candidates: (item, index) => after(item, index).slice(0, 1) },
  {
    check: duplicates,
    candidates: (item, index, ctx) => {
      const end = item.at + ctx.rules.duplicates.windowDays * DAY;
      const found = new Set([...(index.byExact.get(item.fingerprint.exact) ?? []), ...index.bandNeighbours(item)]);
      return [...found].filter((other) => other !== item && compareItems(other, item) > 0 && other.at <= end).sort(compareItems);
    },
  },
  {
    check: networkDuplicate,
    candidates: (item, index) => {
      const refuses = networkModules[item.network].text.refusesRepeatedText;
      if (!refuses) return [];
      const end = item.at + refuses.days * DAY;
      return (index.byExact.get(item.fingerprint.exact) ?? []).filter((o) => o !== item && o.channelId === item.channelId && compareItems(o, item) > 0 && o.at <= end);
    },
  },
];
