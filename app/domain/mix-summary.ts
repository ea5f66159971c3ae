// The picture behind the mix panel: for each channel in a date range, how the posts split
// across categories, the promotional share against the self-promotion rule, and the gaps
// long enough to trip the quiet-channel rule. Pure; the calendar loader feeds it.
import type { Category, MixRules } from "./mix-rules-settings";

/** One channel's posts in the range: how many of each category, and their times (ms, ascending). */
export type ChannelPosts = {
  channelId: string;
  counts: Readonly<Record<string, number>>;
  times: readonly number[];
};
export type SummaryChannel = {
  id: string;
  name: string;
  network: string;
  enabled: boolean;
};

export type ChannelMix = {
  channelId: string;
  name: string;
  network: string;
  total: number;
  byCategory: { id: string; label: string; count: number; share: number }[];
  promotional: number;
  promoShare: number;
  /** The most the self-promotion rule allows: one in `onePer`. */
  promoLimit: number;
  overPromo: boolean;
  gaps: { from: number; to: number; days: number }[];
};

const DAY = 86_400_000;

export function summariseMix(
  posts: readonly ChannelPosts[],
  options: {
    channels: readonly SummaryChannel[];
    categories: readonly Category[];
    rules: MixRules;
    from: number;
    to: number;
    /** Quiet gaps are looked for from here on: a quiet past can no longer be planned. */
    now?: number;
  }
): ChannelMix[] {
  const { channels, categories, rules, to } = options;
  const from = Math.max(options.from, options.now ?? options.from);
  const promotional = new Set(categories.filter((c) => c.promotional).map((c) => c.id));
  const promoLimit = 1 / rules.selfPromotion.onePer;
  const byChannel = new Map(posts.map((p) => [p.channelId, p]));
  return channels
    .filter((channel) => channel.enabled)
    .map((channel) => {
      const mine = byChannel.get(channel.id) ?? {
        channelId: channel.id,
        counts: {},
        times: [],
      };
      const total = Object.values(mine.counts).reduce((sum, n) => sum + n, 0);
      const byCategory = categories
        .map((c) => ({
          id: c.id,
          label: c.label,
          count: mine.counts[c.id] ?? 0,
          share: total ? (mine.counts[c.id] ?? 0) / total : 0,
        }))
        .filter((c) => c.count > 0);
      const promo = Object.entries(mine.counts).reduce((sum, [category, n]) => sum + (promotional.has(category) ? n : 0), 0);
      const promoShare = total ? promo / total : 0;
      const quietMs = rules.quietChannel.days * DAY;
      const edges = from < to ? [from, ...mine.times.filter((t) => t >= from && t < to), to] : [];
      const gaps = [];
      for (let i = 1; i < edges.length; i++) {
        const length = edges[i]! - edges[i - 1]!;
        if (rules.quietChannel.severity !== "off" && length >= quietMs)
          gaps.push({
            from: edges[i - 1]!,
            to: edges[i]!,
            days: Math.floor(length / DAY),
          });
      }
      return {
        channelId: channel.id,
        name: channel.name,
        network: channel.network,
        total,
        byCategory,
        promotional: promo,
        promoShare,
        promoLimit,
        overPromo: rules.selfPromotion.severity !== "off" && promoShare > promoLimit,
        gaps,
      };
    });
}
