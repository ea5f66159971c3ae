// Notifications in the worker (decision 0032). Events wake it through PostgreSQL's
// LISTEN/NOTIFY (a trigger on NotificationEvent), so that neither a web request nor the
// publishing path does more than one insert; the fan-out then runs here, one run at a time
// per process (a wake during a run makes one more run), and queues the mails and chat
// messages it made. The sweep catches what a lost wake-up left, and looks at deadlines and
// digests.
import pg from "pg";
import type { Logger } from "pino";
import { fanOutPending } from "../app/models/notification-fanout.server.ts";
import { sendDueDigests, watchDeadlines } from "../app/models/notification-watch.server.ts";
import { env } from "../app/utils/env.server.ts";
import { enqueueChatDelivery, enqueueMailDelivery } from "../app/utils/queues.server.ts";
import { sweepChat } from "./chat.ts";

export const WAKE_CHANNEL = "rytm_notification_events";

export function notificationRunner(logger: Logger) {
  let running: Promise<void> | null = null;
  let again = false;
  const once = async () => {
    const made = await fanOutPending();
    for (const id of made.mailIds) await enqueueMailDelivery(id, 0, undefined, { bulk: true });
    for (const id of made.chatIds) await enqueueChatDelivery(id, 0);
    if (made.events) logger.info({ events: made.events, notifications: made.notifications, mails: made.mailIds.length, chat: made.chatIds.length }, "notifications fanned out");
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await once().catch((error: Error) => logger.error({ err: error }, "notification fan-out failed; the sweep tries again"));
      } while (again);
    })().finally(() => (running = null));
    return running;
  };
  return run;
}

/** Listens for new events; reconnects after a lost connection (the sweep covers the gap). */
export function listenForEvents(logger: Logger, wake: () => unknown) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: env().DATABASE_URL });
    next.on("notification", () => void wake());
    next.on("error", (error) => {
      logger.warn({ err: error }, "notification listener lost its connection; reconnecting");
      void next.end().catch(() => {});
      if (client === next) client = null;
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${WAKE_CHANNEL}`);
      client = next;
      // Events written while nobody listened.
      void wake();
    } catch (error) {
      logger.warn({ err: error }, "notification listener could not connect; trying again");
      void next.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), 2000);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/** The sweep's part: events a lost wake-up left, deadlines coming and passed, digests due, lost chat jobs. */
export async function sweepNotifications(logger: Logger, run: () => Promise<void>) {
  const deadlines = await watchDeadlines();
  if (deadlines.reminders || deadlines.expired) logger.info(deadlines, "approval deadlines");
  await run();
  const digests = await sendDueDigests();
  for (const id of digests) await enqueueMailDelivery(id, 0, undefined, { bulk: true });
  await sweepChat();
}
