// Worker process entry. SIGTERM/SIGINT: stop taking jobs, finish the running ones, exit 0.
import { checkedEnv } from "../app/utils/checked-env.server.ts";
import { databasePool } from "../app/utils/database-pool.server.ts";
import { createLogger } from "../app/utils/logger.server.ts";
import { guardOutboundRequests } from "../app/utils/outbound-guard.server.ts";

const config = checkedEnv();
guardOutboundRequests();

const logger = createLogger("rytm-worker", config.LOG_LEVEL);

// The handlers are in place before the worker starts: its first heartbeat can run before
// startWorker returns, and a SIGTERM then must still mean "finish and exit 0", not Node's
// default of dying on the spot.
let stopping = false;
let started: Promise<{ stop: () => Promise<void> }> | null = null;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting without waiting");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "shutdown requested");
  const worker = await started;
  await worker?.stop();
  process.exit(0);
}
process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));

// Only the worker keeps its database connections open between bursts (see db.server.ts).
databasePool.keepOpen = true;
// Loaded after the check: its modules open the database and Redis as they load.
const { startWorker } = await import("./runtime.ts");
started = startWorker(logger);
await started;
