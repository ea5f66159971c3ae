// Bull queues shared by the web app (which adds jobs) and the worker (which runs them).
import Bull from "bull";
import type { Redis } from "ioredis";
import { env } from "./env.server";
import { createRedis, redisKey } from "./redis.server";

export const queueNames = { maintenance: "maintenance", publish: "publish" } as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export const HEARTBEAT_EVERY_MS = 15_000;
export const heartbeatKey = () => redisKey("worker", "heartbeat");

/**
 * A Bull queue whose keys live under REDIS_PREFIX. Plain commands and pub/sub each share
 * one connection per queue; Bull's blocking client gets its own, as it must.
 */
export function createQueue(name: QueueName): Bull.Queue {
  const shared: Partial<Record<"client" | "subscriber", Redis>> = {};
  return new Bull(name, {
    prefix: env().REDIS_PREFIX,
    createClient: (type) => {
      if (type === "bclient") return createRedis();
      shared[type] ??= createRedis();
      return shared[type];
    },
  });
}

export type PublishJob = { variantId: string; version: number };

/** One job per attempt of one schedule version: re-adding it is harmless, a new schedule replaces it. */
export const publishJobId = (variantId: string, version: number, attempt: number, suffix?: string) =>
  `publish:${variantId}:${version}:${attempt}${suffix ? `:${suffix}` : ""}`;

let publishQueue: Bull.Queue<PublishJob> | undefined;
export function getPublishQueue(): Bull.Queue<PublishJob> {
  publishQueue ??= createQueue(queueNames.publish);
  return publishQueue;
}

/** `suffix` tells apart a job that re-waits within the same attempt (a throttled channel). */
/** The job wakes PUBLISH_LEAD_MS before `at`; the worker claims, prepares, and sends at `at`. */
export async function enqueuePublish(variantId: string, version: number, attempt: number, at: Date, suffix?: string) {
  await getPublishQueue().add(
    { variantId, version },
    { jobId: publishJobId(variantId, version, attempt, suffix), delay: Math.max(0, at.getTime() - env().PUBLISH_LEAD_MS - Date.now()), removeOnComplete: true, removeOnFail: 1000 },
  );
}
