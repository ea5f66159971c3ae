// The content-mix rules. Each rule looks at one post and what came before it on its
// channel (or, for duplicates, in the workspace), so every conflict is reported once, on
// the later post, naming the earlier ones. `evaluatePlan` checks a whole plan;
// `evaluateNewPost` checks one post against an existing plan, including the conflicts it
// would cause for posts after it.
import { DateTime } from "luxon";
import { channelSettingsSchema, checkVariant } from "./channel-rules";
import type { MixRules } from "./mix-rules-settings";
import { networkNames } from "./networks";
import { type IndexedItem, PlanIndex, type PlanItem, compareItems } from "./plan-index";
import { estimatedSimilarity, jaccard, shingles } from "./text-fingerprint";
import { type Locale, type Localized, type Violation, posts } from "./violations";
import { localDateTime, zoneOffsets } from "./zone-offsets";

const DAY = 86_400_000;
// Four standard errors of a 64-slot MinHash estimate near 0.8: a true match is not screened out.
const SIGNATURE_SLACK = 0.2;
const WEEK = 7 * DAY;

export type PlanChannel = { id: string; name: string; network: PlanItem["network"]; enabled: boolean; settings?: unknown };

export type PlanContext = {
  rules: MixRules;
  timeZone: string;
  channels?: readonly PlanChannel[];
  /** The visible range, for the quiet-channel rule. */
  horizon?: { from: number; to: number };
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
  const when = (at: number, locale: Locale) => localDateTime(ctx.timeZone, at).setLocale(locale).toFormat("ccc d LLL, HH:mm");
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

const selfPromotion: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.selfPromotion;
  if (!ctx.promotional.has(item.category)) return [];
  const found: Violation[] = [];
  const list = index.channelItems(item.channelId);
  const at = index.positionOf(item);
  if (rule.severity !== "off") {
    const window = list.slice(Math.max(0, at - (rule.onePer - 1)), at + 1);
    const promos = window.filter((p) => ctx.promotional.has(p.category));
    if (promos.length > 1) {
      const previous = promos.at(-2)!;
      const between = window.length - 1 - window.indexOf(previous) - 1;
      const needed = rule.onePer - 1 - between;
      // The (N-1)th post after the previous promotional one, not counting this post.
      const from = list.indexOf(previous, Math.max(0, at - rule.onePer));
      const following = list.slice(from + 1, from + rule.onePer + 1).filter((p) => p !== item);
      const after = following[rule.onePer - 2];
      found.push({
        ruleId: "self-promotion",
        severity: rule.severity,
        postIds: unique([item.postId, ...promos.slice(0, -1).map((p) => p.postId)]),
        channelId: item.channelId,
        data: { promotional: promos.length, window: window.length, onePer: rule.onePer },
        message: {
          en: `${promos.length} of the last ${window.length} ${item.channelName} posts are promotional; the limit is 1 in ${rule.onePer}.`,
          pl: `${promos.length} z ostatnich ${window.length} postów na ${item.channelName} to promocja; limit to 1 na ${rule.onePer}.`,
        },
        suggestion: after
          ? both((l) =>
              l === "en"
                ? `Move it after ${ctx.when(after.at, l)}, or plan ${posts(l, needed)} that are not promotional before it.`
                : `Przenieś go na później niż ${ctx.when(after.at, l)} albo zaplanuj przed nim ${posts(l, needed)} niepromocyjne.`,
            )
          : both((l) =>
              l === "en"
                ? `Plan ${posts(l, needed)} that are not promotional between ${ctx.when(previous.at, l)} and this one.`
                : `Zaplanuj ${posts(l, needed)} niepromocyjne między ${ctx.when(previous.at, l)} a tym postem.`,
            ),
      });
    }
  }
  const share = rule.maxShare;
  if (share && rule.severity !== "off") {
    const window = index.windowUpTo(item, item.at - share.days * DAY + 1);
    const promos = window.filter((p) => ctx.promotional.has(p.category));
    const percent = Math.round((promos.length / window.length) * 100);
    if (percent > share.percent) {
      found.push({
        ruleId: "self-promotion-share",
        severity: rule.severity,
        postIds: unique([item.postId, ...promos.filter((p) => p !== item).map((p) => p.postId)]),
        channelId: item.channelId,
        data: { percent, limit: share.percent, days: share.days },
        message: {
          en: `${percent}% of ${item.channelName} posts in the ${share.days} days up to this one are promotional (${promos.length} of ${window.length}); the limit is ${share.percent}%.`,
          pl: `${percent}% postów na ${item.channelName} w ciągu ${share.days} dni do tego postu to promocja (${promos.length} z ${window.length}); limit to ${share.percent}%.`,
        },
        suggestion: both((l) =>
          l === "en" ? "Add posts that are useful to your audience, or move this one later." : "Dodaj posty przydatne dla odbiorców albo przesuń ten później.",
        ),
      });
    }
  }
  return found;
};

const duplicates: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.duplicates;
  const from = item.at - rule.windowDays * DAY;
  const earlier = (other: IndexedItem) => other !== item && other.at >= from && compareItems(other, item) < 0;
  const where = (other: IndexedItem, l: Locale) =>
    other.channelId === item.channelId
      ? l === "en"
        ? `on ${item.channelName} already (${ctx.when(other.at, l)}), within ${rule.windowDays} days`
        : `już na ${item.channelName} (${ctx.when(other.at, l)}), w ciągu ${rule.windowDays} dni`
      : l === "en"
        ? `on ${other.channelName} too (${ctx.when(other.at, l)})`
        : `także na ${other.channelName} (${ctx.when(other.at, l)})`;

  if (rule.severity !== "off") {
    const same = (index.byExact.get(item.fingerprint.exact) ?? []).filter((o) => earlier(o) && o.normalized === item.normalized);
    const closest = same.sort(compareItems).at(-1);
    if (closest) {
      return [
        {
          ruleId: "duplicate",
          severity: rule.severity,
          postIds: unique([item.postId, closest.postId]),
          channelId: item.channelId,
          data: { similarity: 1, windowDays: rule.windowDays },
          message: both((l) => (l === "en" ? `The same text is planned ${where(closest, l)}.` : `Ten sam tekst jest zaplanowany ${where(closest, l)}.`)),
          suggestion: both((l) =>
            l === "en"
              ? `Write a version for ${networkNames[item.network]}'s audience: each channel needs its own text.`
              : `Napisz wersję dla odbiorców ${networkNames[item.network]}: każdy kanał potrzebuje własnego tekstu.`,
          ),
        },
      ];
    }
  }
  if (rule.nearSeverity === "off") return [];
  // The MinHash estimate screens candidates cheaply; the reported similarity is exact.
  let mine: Set<string> | undefined;
  let best: { other: IndexedItem; similarity: number } | undefined;
  for (const other of index.bandNeighbours(item)) {
    if (!earlier(other) || estimatedSimilarity(item.signature, other.signature) < rule.nearThreshold - SIGNATURE_SLACK) continue;
    mine ??= shingles(item.normalized);
    const similarity = jaccard(mine, shingles(other.normalized));
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
      channelId: item.channelId,
      data: { similarity: Math.floor(similarity * 1000) / 1000, threshold: rule.nearThreshold },
      message: both((l) =>
        l === "en"
          ? `This text is ${percent}% the same as one planned ${where(other, l)}.`
          : `Ten tekst w ${percent}% pokrywa się z zaplanowanym ${where(other, l)}.`,
      ),
      suggestion: both((l) => (l === "en" ? "Rephrase it rather than reuse it." : "Przeredaguj go zamiast powtarzać.")),
    },
  ];
};

const offerFlood: RuleCheck = (item, index, ctx) => {
  const rule = ctx.rules.offers;
  if (rule.severity === "off" || !ctx.offer.has(item.category)) return [];
  const offers = index.windowUpTo(item, item.at - WEEK + 1).filter((p) => ctx.offer.has(p.category));
  if (offers.length <= rule.perWeek) return [];
  const earliest = offers[offers.length - 1 - rule.perWeek]!.at + WEEK;
  return [
    {
      ruleId: "offer-flood",
      severity: rule.severity,
      postIds: unique([item.postId, ...offers.filter((p) => p !== item).map((p) => p.postId)]),
      channelId: item.channelId,
      data: { offers: offers.length, perWeek: rule.perWeek },
      message: {
        en: `${offers.length} offers, discounts or contests on ${item.channelName} within 7 days; the limit is ${rule.perWeek} a week.`,
        pl: `${offers.length} ofert, rabatów lub konkursów na ${item.channelName} w ciągu 7 dni; limit to ${rule.perWeek} na tydzień.`,
      },
      suggestion: both((l) => (l === "en" ? `Move it to ${ctx.when(earliest, l)} or later.` : `Przenieś go na ${ctx.when(earliest, l)} lub później.`)),
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
  return [
    {
      ruleId: "daily-cap",
      severity: rule.severity,
      postIds: unique([item.postId, ...upToItem.slice(0, -1).map((p) => p.postId)]),
      channelId: item.channelId,
      data: { count: position, perDay: rule.perDay },
      message: {
        en: `This is post ${position} on ${item.channelName} on ${date("en")}; the cap is ${rule.perDay} a day.`,
        pl: `To ${position}. post na ${item.channelName} w dniu ${date("pl")}; limit to ${rule.perDay} dziennie.`,
      },
      suggestion: both((l) => (l === "en" ? "Move it to a quieter day." : "Przenieś go na spokojniejszy dzień.")),
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
  const earliest = previous.at + rule.minutes * 60_000;
  return [
    {
      ruleId: "spacing",
      severity: rule.severity,
      postIds: unique([item.postId, previous.postId]),
      channelId: item.channelId,
      data: { minutes: gap, minimum: rule.minutes },
      message: {
        en: `Only ${gap} minutes after the previous ${item.channelName} post; keep at least ${rule.minutes} minutes between posts.`,
        pl: `Tylko ${gap} min po poprzednim poście na ${item.channelName}; zachowaj co najmniej ${rule.minutes} min odstępu.`,
      },
      suggestion: both((l) => (l === "en" ? `Move it to ${ctx.when(earliest, l)} or later.` : `Przenieś go na ${ctx.when(earliest, l)} lub później.`)),
    },
  ];
};

const channelLimits: RuleCheck = (item, _index, ctx) => {
  const channel = ctx.channels?.find((c) => c.id === item.channelId);
  const settings = channelSettingsSchema.safeParse(channel?.settings ?? {});
  return checkVariant(item.network, item, settings.success ? settings.data : {}, {
    postId: item.postId,
    channelId: item.channelId,
    channelName: item.channelName,
  }).violations;
};

const ruleChecks: RuleCheck[] = [channelLimits, selfPromotion, duplicates, offerFlood, dailyCap, spacing];

function quietChannels(index: PlanIndex, ctx: Context): Violation[] {
  const rule = ctx.rules.quietChannel;
  if (rule.severity === "off" || !ctx.horizon) return [];
  const { from, to } = ctx.horizon;
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
      found.push({
        ruleId: "quiet-channel",
        severity: rule.severity,
        postIds: [start.post, end.post].filter((p): p is IndexedItem => !!p).map((p) => p.postId),
        channelId: channel.id,
        data: { days, limit: rule.days, from: start.at, to: end.at },
        message: {
          en: `Nothing is planned on ${channel.name} from ${day(start.at, "en")} to ${day(end.at, "en")} (${days} days); a quiet profile looks forgotten. The limit is ${rule.days} days.`,
          pl: `Na ${channel.name} nic nie jest zaplanowane od ${day(start.at, "pl")} do ${day(end.at, "pl")} (${days} dni); milczący profil wygląda na porzucony. Limit to ${rule.days} dni.`,
        },
        suggestion: both((l) =>
          l === "en" ? `Plan a post by ${ctx.when(start.at + limit, l)}.` : `Zaplanuj post najpóźniej na ${ctx.when(start.at + limit, l)}.`,
        ),
      });
    }
  }
  return found;
}

/** Every violation in a plan, each conflict reported once, on the later post. */
export function evaluatePlan(items: readonly PlanItem[], plan: PlanContext): Violation[] {
  const ctx = context(plan);
  const index = new PlanIndex([...items].sort(compareItems));
  const ordered = [...index.all()].sort(compareItems);
  return [...ordered.flatMap((item) => ruleChecks.flatMap((check) => check(item, index, ctx))), ...quietChannels(index, ctx)];
}

/**
 * The violations that involve one new (or moved, or edited) post, checked against an
 * existing plan: its own, and those it would cause for the posts after it. The index is
 * left as it was.
 */
export function evaluateNewPost(index: PlanIndex, item: PlanItem, plan: PlanContext): Violation[] {
  const ctx = context(plan);
  const added = index.add(item);
  try {
    const own = ruleChecks.flatMap((check) => check(added, index, ctx));
    const later = laterChecks.flatMap(({ check, candidates }) =>
      candidates(added, index, ctx).flatMap((other) => check(other, index, ctx).filter((v) => v.postIds.includes(item.postId))),
    );
    return [...own, ...later];
  } finally {
    index.remove(added);
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
];
