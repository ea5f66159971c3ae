// The main thread's side of the sending thread (sender-thread.ts): hand a prepared request
// over with its time, get the network's outcome back.
import { Worker } from "node:worker_threads";
import type { PublishRequest } from "../app/channels/adapter.server.ts";
import type { NetworkKind } from "../app/channels/networks.ts";
import type { PublishOutcome } from "../app/domain/publish-outcome.ts";
import type { SendOrder, SendResult } from "./sender-thread.ts";

let thread: Worker | undefined;
const waiting = new Map<number, (outcome: PublishOutcome) => void>();
let next = 0;

function sender(): Worker {
  if (thread) return thread;
  // Bundled (production, tests, benchmark) the thread is a file beside this one; from source
  // (`npm run worker:dev`, the drill) tsx loads it: a thread does not inherit `--import tsx`.
  const created = import.meta.url.endsWith(".js")
    ? new Worker(new URL("./sender-thread.js", import.meta.url))
    : new Worker(`import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => tsx.tsImport(${JSON.stringify(new URL("./sender-thread.ts", import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
  created.on("message", ({ id, outcome }: SendResult) => {
    waiting.get(id)?.(outcome);
    waiting.delete(id);
  });
  // A thread that dies leaves every request it held with an unknown outcome: settled the careful way.
  created.on("error", (error) => {
    for (const resolve of waiting.values()) resolve({ kind: "unknown", message: `the sending thread failed: ${error.message}` });
    waiting.clear();
    thread = undefined;
  });
  created.unref();
  thread = created;
  return created;
}

/** Sends the request at `sendAt` from the sending thread; resolves with what the network answered. */
export function sendAt(network: NetworkKind, request: PublishRequest, at: number): Promise<PublishOutcome> {
  const id = next++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    sender().postMessage({ id, network, request, sendAt: at } satisfies SendOrder);
  });
}

export async function stopSender() {
  await thread?.terminate();
  thread = undefined;
}
