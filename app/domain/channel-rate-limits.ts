// How many posts a channel may send in a window, per network, so that Rytm never bursts
// past what the network would refuse (each from networks.md; a channel's settings may set
// its own `rateLimit: { posts, seconds }` for its tier).
import { z } from "zod";
import type { NetworkKind } from "./networks";

export type PostRate = { posts: number; seconds: number };

export const defaultPostRates: Record<NetworkKind, PostRate> = {
  mastodon: { posts: 300, seconds: 3 * 3600 }, // 300 status creations per 3 h per account
  bluesky: { posts: 1600, seconds: 3600 }, // 5,000 points per hour, 3 per create
  threads: { posts: 250, seconds: 24 * 3600 }, // 250 API-published posts per 24 h
  x: { posts: 100, seconds: 24 * 3600 }, // the lower tiers' 24-hour user cap
  linkedin: { posts: 150, seconds: 24 * 3600 }, // member day quota, resets at midnight UTC
  facebook: { posts: 200, seconds: 3600 },
  instagram: { posts: 50, seconds: 24 * 3600 }, // content publishing limit per 24 h
  tiktok: { posts: 15, seconds: 24 * 3600 },
  webhook: { posts: 600, seconds: 60 },
};

const rateSchema = z.object({ posts: z.number().int().min(1).max(100_000), seconds: z.number().int().min(1).max(7 * 24 * 3600) });

export function postRateFor(network: NetworkKind, settings: unknown): PostRate {
  const own = rateSchema.safeParse((settings as { rateLimit?: unknown } | null)?.rateLimit);
  return own.success ? own.data : defaultPostRates[network];
}
