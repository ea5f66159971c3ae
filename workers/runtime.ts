// The worker's life cycle: open the queues, register what each job does, and on stop
// let running jobs finish before closing (Bull's close waits for active jobs).
import type Bull from "bull";
import type { Logger } from "pino";
import { HEARTBEAT_EVERY_MS, createQueue, getMailQueue, getPublishQueue, heartbeatKey, queueNames } from "../app/utils/queues.server.ts";
import { configuredTransport } from "../app/utils/mail-transport.server.ts";
import { accountRequestProcessor } from "./account-requests.ts";
import { mailProcessor, sweepMail } from "./mail.ts";
import { chatProcessor } from "./chat.ts";
import { listenForEvents, notificationRunner, sweepNotifications } from "./notifications.ts";
import { redis } from "../app/utils/redis.server.ts";
import { publishProcessor } from "./publish.ts";
import { startSender, stopSender } from "./sender.ts";
import { openDatabasePool } from "../app/utils/db.server.ts";
import { sweep } from "./sweeper.ts";
import { sweepAbandonedUploads } from "./media-sweep.ts";
import { materialiseSeries } from "../app/models/series.server.ts";
import { env } from "../app/utils/env.server.ts";
import { pacer } from "../app/utils/pacer.ts";
import { renewExpiringGrants } from "../app/channels/token-refresh.server.ts";

export type Worker = { queues: Record<string, Bull.Queue>; stop: () => Promise<void> };

export type Processors = Partial<Record<string, (job: Bull.Job) => Promise<unknown>>>;

/**
 * The heartbeat travels through Bull like any job, so a fresh heartbeat proves that a
 * worker is consuming the queue, not merely that a process is alive.
 */
async function heartbeat(job: Bull.Job) {
  const at = new Date().toISOString();
  await redis().set(heartbeatKey(), JSON.stringify({ at, pid: process.pid, jobId: job.id }), "PX", HEARTBEAT_EVERY_MS * 4);
  return { at };
}

export async function startWorker(logger: Logger, extra: Processors = {}): Promise<Worker> {
  const maintenance = createQueue(queueNames.maintenance);
  const publish = getPublishQueue();
  const processors: Processors = { heartbeat, ...extra };
  for (const [name, run] of Object.entries(processors)) {
    if (!run) continue;
    void maintenance.process(name, 1, async (job) => {
      const started = Date.now();
      try {
        const result = await run(job);
        logger.debug({ queue: maintenance.name, job: name, jobId: job.id, ms: Date.now() - started }, "job done");
        return result;
      } catch (error) {
        logger.error({ queue: maintenance.name, job: name, jobId: job.id, err: error }, "job failed");
        throw error;
      }
    });
  }
  // Warm before taking publish jobs: a burst due right after a start (or after a quiet spell)
  // must not wait for the sending thread to load or the database connections to open.
  await Promise.all([startSender(), openDatabasePool()]);
  void publish.process(env().PUBLISH_CONCURRENCY, publishProcessor(logger));
  const mail = getMailQueue();
  const transport = configuredTransport(logger);
  void mail.process("deliver", 5, mailProcessor(transport, logger, pacer(env().MAIL_BULK_PER_SECOND)));
  void mail.process("account-request", 2, accountRequestProcessor(logger));
  void mail.process("chat", 2, chatProcessor(logger));
  const fanOut = notificationRunner(logger);
  const stopListening = listenForEvents(logger, fanOut);
  for (const queue of [maintenance, publish, mail]) queue.on("error", (error) => logger.error({ err: error, queue: queue.name }, "queue error"));
  await Promise.all([maintenance.isReady(), publish.isReady(), mail.isReady()]);
  const ensureHeartbeat = () => maintenance.add("heartbeat", {}, { repeat: { every: HEARTBEAT_EVERY_MS }, removeOnComplete: true, removeOnFail: 100 });
  await ensureHeartbeat();
  await maintenance.add("heartbeat", {}, { removeOnComplete: true });

  // The sweep runs on a timer in every worker process, not as a Bull job: it is what
  // repairs a Redis that lost its jobs, so it must not depend on Redis remembering it.
  // Each sweep also puts back the heartbeat's schedule, which a flushed Redis forgets.
  let sweeping: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = Promise.all([sweep(logger), sweepMail(logger), sweepNotifications(logger, fanOut), sweepAbandonedUploads(logger), ensureHeartbeat()])
      .catch((error: Error) => logger.error({ err: error }, "sweep failed; trying again next round"))
      .finally(() => (sweeping = null));
  }, env().SWEEP_EVERY_SECONDS * 1000);
  // Series' occurrences are made for the horizon at start and then every hour.
  const materialise = () =>
    materialiseSeries()
      .then((r) => r.created && logger.info(r, "recurring posts materialised"))
      .catch((error: Error) => logger.error({ err: error }, "materialising recurring posts failed"));
  // Tokens renewed only while live (Threads) are renewed at start and every hour, posting or not.
  const renew = () =>
    renewExpiringGrants()
      .then((r) => (r.renewed || r.needsReconnect || r.unavailable) && logger.info(r, "expiring sign-ins renewed"))
      .catch((error: Error) => logger.error({ err: error }, "renewing expiring sign-ins failed"));
  void materialise();
  void renew();
  const hourly = setInterval(() => void Promise.all([materialise(), renew()]), 60 * 60_000);
  logger.info({ queues: [maintenance.name, publish.name, mail.name], mail: transport.via }, "worker started");

  return {
    queues: { [maintenance.name]: maintenance, [publish.name]: publish, [mail.name]: mail },
    stop: async () => {
      logger.info("worker stopping: waiting for running jobs");
      clearInterval(timer);
      clearInterval(hourly);
      await sweeping;
      await stopListening();
      await fanOut();
      await Promise.all([maintenance.close(), publish.close(), mail.close()]);
      await stopSender();
      transport.close();
      logger.info("worker stopped");
    },
  };
}
