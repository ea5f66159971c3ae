// The engine's floor in a process of its own: bare Bull, the same spacing of due times as the
// worker's variants. Its processor notes when it started (bare Bull's lateness), then makes the
// same request a publish makes to the same fake network, so the network's arrival time gives
// the floor of "Bull plus the HTTP hop" too. Before its window it runs the same unmeasured
// warm-up burst as the worker (flagged `warmUp`), so neither side pays for a cold start in the
// measurement. The due times come over IPC (too many for an environment variable).
import Bull from "bull";
import { MASTODON_TOKEN } from "../tests/fakes/mastodon.ts";

const { REDIS_URL, FLOOR_PREFIX, FLOOR_NETWORK_URL } = process.env;
const queue = new Bull(`floor-${FLOOR_PREFIX}`, REDIS_URL!, { prefix: FLOOR_PREFIX });
const lateness: number[] = [];
const post = async (text: string) => {
  const response = await fetch(`${FLOOR_NETWORK_URL}/api/v1/statuses`, {
    method: "POST",
    headers: { Authorization: `Bearer ${MASTODON_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ status: text }),
  });
  await response.arrayBuffer();
};
void queue.process(50, async (job: Bull.Job<{ at: number; text: string; warmUp?: boolean }>) => {
  if (!job.data.warmUp) lateness.push(Date.now() - job.data.at);
  await post(job.data.text);
});
process.on("message", async (message: { due?: { at: number; text: string; warmUp?: boolean }[]; report?: boolean }) => {
  if (message.due) {
    for (let i = 0; i < message.due.length; i += 500) {
      await Promise.all(message.due.slice(i, i + 500).map((data) => queue.add(data, { delay: data.at - Date.now(), removeOnComplete: true })));
    }
    process.send!({ ready: true });
  }
  if (message.report) process.send!({ lateness });
});
process.on("disconnect", () => void queue.close().then(() => process.exit(0)));
