// Throttles failed sign-ins in Redis: per e-mail and address (stops guessing one
// account's password) and per address (stops spraying many accounts from one place).
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redis, redisKey } from "./redis.server";

export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_ADDRESS = 50;

let limiters: { account: RateLimiterRedis; address: RateLimiterRedis } | undefined;

function get() {
  limiters ??= {
    account: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: redisKey("signin-fail-account"),
      points: FAILURES_PER_ACCOUNT,
      duration: 15 * 60,
      blockDuration: 15 * 60,
    }),
    address: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: redisKey("signin-fail-address"),
      points: FAILURES_PER_ADDRESS,
      duration: 24 * 60 * 60,
    }),
  };
  return limiters;
}

const accountKey = (email: string, address: string) => `${email.toLowerCase()}|${address}`;

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const { account, address: byAddress } = get();
  const [a, b] = await Promise.all([account.get(accountKey(email, address)), byAddress.get(address)]);
  const blocked = [a, b].filter((res): res is RateLimiterRes => res !== null && res.remainingPoints <= 0);
  return blocked.length ? Math.ceil(Math.max(...blocked.map((res) => res.msBeforeNext)) / 1000) : 0;
}

export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  const { account, address: byAddress } = get();
  // consume() rejects once the points are spent; that rejection is the expected outcome.
  await Promise.allSettled([account.consume(accountKey(email, address)), byAddress.consume(address)]);
}

export async function clearFailedSignIns(email: string, address: string): Promise<void> {
  await get().account.delete(accountKey(email, address));
}
