// Worker process entry. SIGTERM/SIGINT: stop taking jobs, finish the running ones, exit 0.
import { checkedEnv } from "../app/utils/checked-env.server.ts";
import { createLogger } from "../app/utils/logger.server.ts";

const config = checkedEnv();

const logger = createLogger("rytm-worker", config.LOG_LEVEL);
// Loaded after the check: its modules open the database and Redis as they load.
const { startWorker } = await import("./runtime.ts");
const worker = await startWorker(logger);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting without waiting");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "shutdown requested");
  await worker.stop();
  process.exit(0);
}
process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));
