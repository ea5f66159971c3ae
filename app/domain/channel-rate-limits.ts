// How many posts a channel may send in a window, so that Rytm never bursts past what the
// network would refuse: the network's module gives the default (from networks.md), and a
// channel's settings may set its own `rateLimit: { posts, seconds }` for its tier.
import { settingFields } from "../channels/connect-fields";
import type { PostRate } from "../channels/network-module";
import { type NetworkKind, networkModules } from "../channels/networks";

export function postRateFor(network: NetworkKind, settings: unknown): PostRate {
  const own = settingFields.rateLimit.safeParse((settings as { rateLimit?: unknown } | null)?.rateLimit);
  return own.success ? own.data : networkModules[network].postRate;
}
