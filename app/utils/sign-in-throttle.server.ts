// Throttles guessing, in Redis, without letting an attacker lock a person out (decision 0023):
// - per e-mail and address: 5 failures per 15 minutes stop guessing one account's password;
// - per address: 50 failures per 15 minutes stop spraying many accounts from one place. A
//   fixed 15-minute window: it can keep a person out for 15 minutes at most;
// - a device that signed in to the account before shows a signed device cookie
//   (device-cookie.server.ts) and is counted on its own instead (10 failures per 15 minutes),
//   so nobody else's failures, from its address or for its account, lock it out.
// Two-factor codes, sign-ups and password-reset requests have their own limits here too.
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redis, redisKey } from "./redis.server";

export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_ADDRESS = 50;
export const FAILURES_PER_DEVICE = 10;
export const WINDOW_SECONDS = 15 * 60;

type Limiters = Record<"account" | "address" | "device" | "twoFactor" | "password" | "mailByAddress" | "mailByEmail", RateLimiterRedis>;
let limiters: Limiters | undefined;

const limiter = (name: string, points: number, duration: number, blockDuration = 0) =>
  new RateLimiterRedis({ storeClient: redis(), keyPrefix: redisKey(name), points, duration, blockDuration });

function get(): Limiters {
  limiters ??= {
    account: limiter("signin-fail-account", FAILURES_PER_ACCOUNT, WINDOW_SECONDS, WINDOW_SECONDS),
    address: limiter("signin-fail-address", FAILURES_PER_ADDRESS, WINDOW_SECONDS),
    device: limiter("signin-fail-device", FAILURES_PER_DEVICE, WINDOW_SECONDS, WINDOW_SECONDS),
    // Only someone who knows the password reaches the code: 5 wrong codes hold the account 15 minutes.
    twoFactor: limiter("2fa-fail-user", 5, WINDOW_SECONDS, WINDOW_SECONDS),
    // Confirming the current password while signed in (changing it, turning two-factor off).
    password: limiter("password-fail-user", 5, WINDOW_SECONDS, WINDOW_SECONDS),
    // Sign-ups and reset requests send mail: a place may ask 10 times an hour, an address gets at most 3 an hour.
    mailByAddress: limiter("mail-request-address", 10, 60 * 60),
    mailByEmail: limiter("mail-request-email", 3, 60 * 60),
  };
  return limiters;
}

/** Who is signing in: a device is the id from a valid device cookie for this e-mail address. */
export type SignInAttempt = { email: string; address: string; device: string | null };

const accountKey = (email: string, address: string) => `${email.toLowerCase()}|${address}`;

const secondsUntilFree = (results: (RateLimiterRes | null)[]) => {
  const blocked = results.filter((res): res is RateLimiterRes => res !== null && res.remainingPoints <= 0);
  return blocked.length ? Math.ceil(Math.max(...blocked.map((res) => res.msBeforeNext)) / 1000) : 0;
};

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function signInRetryAfter({ email, address, device }: SignInAttempt): Promise<number> {
  const { account, address: byAddress, device: byDevice } = get();
  if (device) return secondsUntilFree([await byDevice.get(device)]);
  return secondsUntilFree(await Promise.all([account.get(accountKey(email, address)), byAddress.get(address)]));
}

// consume() rejects once the points are spent; that rejection is the expected outcome.
export async function recordFailedSignIn({ email, address, device }: SignInAttempt): Promise<void> {
  const { account, address: byAddress, device: byDevice } = get();
  if (device) await byDevice.consume(device).catch(() => {});
  else await Promise.allSettled([account.consume(accountKey(email, address)), byAddress.consume(address)]);
}

export async function clearFailedSignIns({ email, address, device }: SignInAttempt): Promise<void> {
  const { account, device: byDevice } = get();
  await Promise.all([account.delete(accountKey(email, address)), device ? byDevice.delete(device) : null]);
}

/** A limiter keyed by user id: seconds to wait (0: go on), a failure, and forgetting them. */
function perUser(name: "twoFactor" | "password") {
  return {
    retryAfter: async (userId: string) => secondsUntilFree([await get()[name].get(userId)]),
    failed: (userId: string) => get()[name].consume(userId).then(() => undefined, () => undefined),
    clear: (userId: string) => get()[name].delete(userId).then(() => undefined),
  };
}
export const twoFactorThrottle = perUser("twoFactor");
export const passwordCheckThrottle = perUser("password");

/**
 * Counts one request that sends mail (a sign-up, a reset link) and answers how long to wait
 * when over a limit (0: go on). The same for addresses with and without an account.
 */
export async function mailRequestRetryAfter(email: string, address: string): Promise<number> {
  const { mailByAddress, mailByEmail } = get();
  const results = await Promise.allSettled([mailByAddress.consume(address), mailByEmail.consume(email.toLowerCase())]);
  const refused = results.flatMap((r) => (r.status === "rejected" && r.reason instanceof RateLimiterRes ? [r.reason] : []));
  return refused.length ? Math.ceil(Math.max(...refused.map((res) => res.msBeforeNext)) / 1000) : 0;
}
