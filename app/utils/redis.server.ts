// Redis connections. Every key Rytm writes starts with REDIS_PREFIX, so that several
// instances (or test runs) can share one Redis without seeing each other's data.
import { Redis } from "ioredis";
import { env } from "./env.server";

declare global {
  var __rytmRedis: Redis | undefined;
}

// Bull refuses connections that queue commands until ready or give up after N retries
// for its blocking and subscriber clients; the same settings serve plain commands well.
export function createRedis(): Redis {
  return new Redis(env().REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/** The process's shared connection for plain commands (not for Bull's blocking clients). */
export function redis(): Redis {
  globalThis.__rytmRedis ??= createRedis();
  return globalThis.__rytmRedis;
}

export const redisKey = (...parts: string[]) => [env().REDIS_PREFIX, ...parts].join(":");
