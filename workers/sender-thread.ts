// The sending thread: it only waits for each post's time and sends it. Claims, checks and
// outcomes happen on the worker's main thread, whose event loop is busy with a burst's
// database and queue work; a timer there fired up to tens of milliseconds late. Here the
// loop is nearly idle, so a post leaves on its second.
import { parentPort } from "node:worker_threads";
import { adapterFor, cannotPublish } from "../app/channels/adapters.server.ts";
import type { PublishRequest } from "../app/channels/adapter.server.ts";
import type { NetworkKind } from "../app/channels/networks.ts";
import type { PublishOutcome } from "../app/domain/publish-outcome.ts";

export type SendOrder = { id: number; network: NetworkKind; request: PublishRequest; sendAt: number };
/** `sentAt`: when the request left, so that a post's lateness is known where it arises. */
export type SendResult = { id: number; outcome: PublishOutcome; sentAt: number };

// Loaded and listening: the worker waits for this before it takes jobs.
parentPort!.postMessage({ ready: true });

parentPort!.on("message", (order: SendOrder) => {
  const send = async () => {
    const sentAt = Date.now();
    const adapter = adapterFor(order.network);
    const outcome: PublishOutcome = adapter
      ? await adapter.publish(order.request).catch((error: Error) => ({ kind: "unknown" as const, message: `the adapter failed: ${error.message}` }))
      : cannotPublish(order.network);
    parentPort!.postMessage({ id: order.id, outcome, sentAt } satisfies SendResult);
  };
  const wait = order.sendAt - Date.now();
  if (wait > 0) setTimeout(() => void send(), wait);
  else void send();
});
