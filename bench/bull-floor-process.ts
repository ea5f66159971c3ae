// The engine's floor in a process of its own: bare Bull, the same due times as the worker's
// variants, a no-op processor. Lateness = the no-op starting minus the due time. The due
// times come over IPC (too many for an environment variable).
import Bull from "bull";

const { REDIS_URL, FLOOR_PREFIX } = process.env;
const queue = new Bull(`floor-${FLOOR_PREFIX}`, REDIS_URL!, { prefix: FLOOR_PREFIX });
const lateness: number[] = [];
void queue.process(50, async (job: Bull.Job<{ at: number }>) => void lateness.push(Date.now() - job.data.at));
process.on("message", async (message: { due?: number[]; report?: boolean }) => {
  if (message.due) {
    for (let i = 0; i < message.due.length; i += 500) {
      await Promise.all(message.due.slice(i, i + 500).map((at) => queue.add({ at }, { delay: at - Date.now(), removeOnComplete: true })));
    }
    process.send!({ ready: true });
  }
  if (message.report) process.send!({ lateness });
});
process.on("disconnect", () => void queue.close().then(() => process.exit(0)));
