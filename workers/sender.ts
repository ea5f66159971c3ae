// The main thread's side of the sending thread (sender-thread.ts): hand a prepared request
// over with its time, get the network's outcome back.
import { Worker } from "node:worker_threads";
import type { PublishRequest } from "../app/channels/adapter.server.ts";
import type { NetworkKind } from "../app/channels/networks.ts";
import type { PublishOutcome } from "../app/domain/publish-outcome.ts";
import type { LastLook, SendOrder, SendResult, Sent } from "./sender-thread.ts";

export type { LastLook, Sent };

let thread: { worker: Worker; ready: Promise<void> } | undefined;
const waiting = new Map<number, (sent: Sent) => void>();
const unknown = (message: string): Sent => ({ sent: true, outcome: { kind: "unknown", message } satisfies PublishOutcome, sentAt: Date.now(), readyAt: Date.now() });
let next = 0;

function sender() {
  if (thread) return thread;
  // Bundled (production, tests, benchmark) the thread is a file beside this one; from source
  // (`npm run worker:dev`, the drill, tests) tsx loads it: a thread does not inherit `--import
  // tsx`. Vitest's module runner has no import.meta.resolve; the thread then resolves tsx from
  // the working directory, the project's root.
  const worker = import.meta.url.endsWith(".js")
    ? new Worker(new URL("./sender-thread.js", import.meta.url))
    : new Worker(`import(${JSON.stringify(typeof import.meta.resolve === "function" ? import.meta.resolve("tsx/esm/api") : "tsx/esm/api")}).then((tsx) => tsx.tsImport(${JSON.stringify(new URL("./sender-thread.ts", import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
  // A thread that cannot load fails the worker's start, loudly, rather than every post later.
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  ready.catch(() => {}); // awaited by startSender; a thread made for a send reports through the send

  worker.on("message", (message: SendResult | { ready: true }) => {
    if ("ready" in message) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  // A thread that dies leaves every request it held with an unknown outcome: settled the careful way.
  worker.on("error", (error) => {
    for (const resolve of waiting.values()) resolve(unknown(`the sending thread failed: ${error.message}`));
    waiting.clear();
    thread = undefined;
  });
  worker.unref();
  thread = { worker, ready };
  return thread;
}

/**
 * Starts the sending thread and waits until it has loaded: started lazily, its first posts
 * waited for its modules to load, and the first seconds of a burst went out late.
 */
export async function startSender() {
  await sender().ready;
}

/**
 * Hands the request to the sending thread, which takes the last look (if any) just before
 * `at` and sends at `at`; resolves with what the network answered and when the request left,
 * or with why it was not sent.
 */
export function sendAt(network: NetworkKind, request: PublishRequest, at: number, look: LastLook | null): Promise<Sent> {
  const id = next++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    sender().worker.postMessage({ id, network, request, sendAt: at, look } satisfies SendOrder);
  });
}

export async function stopSender() {
  await thread?.worker.terminate();
  thread = undefined;
}
