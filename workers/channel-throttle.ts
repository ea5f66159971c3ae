// A channel's post budget in Redis, shared by every worker process: when it is spent, the
// variant waits (not failed, not counted as an attempt) until the window has room.
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { NetworkKind } from "../app/channels/networks.ts";
import { postRateFor } from "../app/domain/channel-rate-limits.ts";
import { redis, redisKey } from "../app/utils/redis.server.ts";

const limiters = new Map<string, RateLimiterRedis>();

/** A channel's budget: `take` answers 0 when it may post now (and counts it), else ms to wait. */
export function channelBudget(channelId: string, network: NetworkKind, settings: unknown) {
  const rate = postRateFor(network, settings);
  const key = `${rate.posts}/${rate.seconds}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiterRedis({ storeClient: redis(), keyPrefix: redisKey("channel-posts", key), points: rate.posts, duration: rate.seconds });
    limiters.set(key, limiter);
  }
  const budget = limiter;
  return {
    async take(): Promise<number> {
      try {
        await budget.consume(channelId);
        return 0;
      } catch (result) {
        if (result instanceof RateLimiterRes) return result.msBeforeNext;
        throw result;
      }
    },
    /** Returns a post taken but not sent. */
    giveBack: () => budget.reward(channelId).then(() => undefined),
  };
}
