// The sending thread: it waits for each post's time, takes the last look (the pause's Redis
// flag and the channel's budget) just before it, and sends. Claims, the gate and outcomes
// happen on the worker's main thread, whose event loop is busy with a burst's database and
// queue work: a timer there, or a Redis answer awaited there, came up to tens of milliseconds
// late. Here the loop is nearly idle, so the last look ends and the post leaves on its second.
import { parentPort } from "node:worker_threads";
import { adapterFor, cannotPublish } from "../app/channels/adapters.server.ts";
import type { PublishRequest } from "../app/channels/adapter.server.ts";
import type { NetworkKind } from "../app/channels/networks.ts";
import type { PublishOutcome } from "../app/domain/publish-outcome.ts";
import { pauseFlagged } from "../app/utils/pause-flag.server.ts";
import { channelBudget } from "./channel-throttle.ts";
import { guardOutboundRequests } from "../app/utils/outbound-guard.server.ts";

// A thread has its own fetch dispatcher: the guard is put in front of it here too.
guardOutboundRequests();

/** The last look before the time: is the workspace flagged paused, does the channel's budget allow a post. */
export type LastLook = { at: number; workspaceId: string | null; channel: { id: string; network: NetworkKind; settings: unknown } };
export type SendOrder = { id: number; network: NetworkKind; request: PublishRequest; sendAt: number; look: LastLook | null };
/**
 * `sentAt`: when the request left, `readyAt` when the last look ended, so that a post's
 * lateness is known where it arises. Not sent: the pause flag was up (and whether a post was
 * taken from the budget), or the budget has no room for `wait` ms.
 */
export type Sent = { readyAt: number } & (
  | { sent: true; outcome: PublishOutcome; sentAt: number }
  | { sent: false; flaggedPaused: boolean; tookBudget: boolean; wait: number }
  | { sent: false; lookFailed: string }
);
export type SendResult = Sent & { id: number };

/** A channel budget that opens within this long is waited for, the claim held. */
const SHORT_WAIT_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function lastLook(look: LastLook) {
  await sleep(look.at - Date.now());
  const budget = channelBudget(look.channel.id, look.channel.network, look.channel.settings);
  const [flaggedPaused, firstWait] = await Promise.all([look.workspaceId ? pauseFlagged(look.workspaceId) : false, budget.take()]);
  let wait = firstWait;
  for (let tries = 0; !flaggedPaused && wait > 0 && wait <= SHORT_WAIT_MS && tries < 3; tries++) {
    await sleep(wait);
    wait = await budget.take();
  }
  return { flaggedPaused, tookBudget: wait === 0, wait };
}

async function handle(order: SendOrder): Promise<SendResult> {
  if (order.look) {
    // Redis not answering: the main thread asks PostgreSQL about the pause instead.
    const look = await lastLook(order.look).catch((error: Error) => error);
    if (look instanceof Error) return { id: order.id, readyAt: Date.now(), sent: false, lookFailed: look.message };
    if (look.flaggedPaused || look.wait > 0) return { id: order.id, readyAt: Date.now(), sent: false, ...look };
  }
  const readyAt = Date.now();
  await sleep(order.sendAt - readyAt);
  const sentAt = Date.now();
  const adapter = adapterFor(order.network);
  const outcome: PublishOutcome = adapter
    ? await adapter.publish(order.request).catch((error: Error) => ({ kind: "unknown" as const, message: `the adapter failed: ${error.message}` }))
    : cannotPublish(order.network);
  return { id: order.id, readyAt, sent: true, outcome, sentAt };
}

parentPort!.on("message", (order: SendOrder) => {
  void handle(order).then((result) => parentPort!.postMessage(result));
});

// Loaded and listening: the worker waits for this before it takes jobs.
parentPort!.postMessage({ ready: true });
