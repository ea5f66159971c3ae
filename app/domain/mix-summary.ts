// The picture behind the mix panel: for each channel in a date range, how the posts split
// across categories, the promotional share against the self-promotion rule, and the gaps
// long enough to trip the quiet-channel rule. Pure; the calendar loader feeds it.
import type { Category, MixRules } from "./mix-rules-settings";

export type SummaryPost = { id: string; category: string; at: number; channelIds: readonly string[] };
export type SummaryChannel = { id: string; name: string; network: string; enabled: boolean };

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
  posts: readonly SummaryPost[],
  options: { channels: readonly SummaryChannel[]; categories: readonly Category[]; rules: MixRules; from: number; to: number },
): ChannelMix[] {
  const { channels, categories, rules, from, to } = options;
  const promotional = new Set(categories.filter((c) => c.promotional).map((c) => c.id));
  const promoLimit = 1 / rules.selfPromotion.onePer;
  return channels
    .filter((channel) => channel.enabled)
    .map((channel) => {
      const mine = posts.filter((p) => p.channelIds.includes(channel.id) && p.at >= from && p.at < to).sort((a, b) => a.at - b.at);
      const counts = new Map<string, number>();
      for (const post of mine) counts.set(post.category, (counts.get(post.category) ?? 0) + 1);
      const total = mine.length;
      const byCategory = categories
        .map((c) => ({ id: c.id, label: c.label, count: counts.get(c.id) ?? 0, share: total ? (counts.get(c.id) ?? 0) / total : 0 }))
        .filter((c) => c.count > 0);
      const promo = mine.filter((p) => promotional.has(p.category)).length;
      const promoShare = total ? promo / total : 0;
      const quietMs = rules.quietChannel.days * DAY;
      const edges = [from, ...mine.map((p) => p.at), to];
      const gaps = [];
      for (let i = 1; i < edges.length; i++) {
        const length = edges[i]! - edges[i - 1]!;
        if (rules.quietChannel.severity !== "off" && length >= quietMs) gaps.push({ from: edges[i - 1]!, to: edges[i]!, days: Math.floor(length / DAY) });
      }
      return { channelId: channel.id, name: channel.name, network: channel.network, total, byCategory, promotional: promo, promoShare, promoLimit, overPromo: rules.selfPromotion.severity !== "off" && promoShare > promoLimit, gaps };
    });
}
