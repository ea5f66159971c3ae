// Bull queues shared by the web app (which adds jobs) and the worker (which runs them).
import Bull from "bull";
import type { Redis } from "ioredis";
import { env } from "./env.server";
import { createRedis, redisKey } from "./redis.server";

export const queueNames = { maintenance: "maintenance", publish: "publish", mail: "mail" } as const;
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

// Mail (decision 0024): a "deliver" job only wakes the worker for an outbox row, which decides.
// An "account-request" job looks up an address away from the web request, so that the
// answer and its timing are the same whether or not the address has an account.
// A mail made in bulk (the notification fan-out, digests) is paced by the worker and waits
// behind the rest: the mails a person is waiting for right now (a sign-in link, an
// invitation) are queued with priority, so a burst of 1,000 notices does not hold them up.
export type MailJob = { mailId: string; bulk?: true };
export type AccountRequestJob = { kind: "sign-up" | "password-reset"; email: string; locale: string; redirectTo?: string };

/** Bull runs a job with a priority before every job without one (and 1 before 2). */
const URGENT = 1;

export const mailJobId = (mailId: string, attempt: number) => `mail:${mailId}:${attempt}`;

let mailQueue: Bull.Queue | undefined;
export function getMailQueue(): Bull.Queue {
  mailQueue ??= createQueue(queueNames.mail);
  return mailQueue;
}

export async function enqueueMailDelivery(mailId: string, attempt: number, at: Date = new Date(), { bulk = false } = {}) {
  await getMailQueue().add("deliver", (bulk ? { mailId, bulk } : { mailId }) satisfies MailJob, {
    jobId: mailJobId(mailId, attempt),
    ...(bulk ? {} : { priority: URGENT }),
    delay: Math.max(0, at.getTime() - Date.now()),
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}

export async function enqueueAccountRequest(request: AccountRequestJob) {
  // Retrying is safe: the request's outbox key is its job id, so a second run finds its mail queued.
  await getMailQueue().add("account-request", request, { priority: URGENT, attempts: 5, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: true, removeOnFail: 1000 });
}

// Team chat (decision 0032): a "chat" job wakes the worker for a ChatMessage row, like mail.
export const chatJobId = (messageId: string, attempt: number) => `chat:${messageId}:${attempt}`;

export async function enqueueChatDelivery(messageId: string, attempt: number, at: Date = new Date()) {
  await getMailQueue().add("chat", { messageId }, { jobId: chatJobId(messageId, attempt), delay: Math.max(0, at.getTime() - Date.now()), removeOnComplete: true, removeOnFail: 1000 });
}
