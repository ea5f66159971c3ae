// The benchmark's fake Mastodon in a process of its own, so that the worker under test,
// the bare-Bull floor and the network never share an event loop: a busy floor would delay
// the timestamps taken here, and the other way round. Asked over IPC, it reports when each
// post arrived and how many statuses it made.
import { startMastodon } from "../tests/fakes/mastodon.ts";

const mastodon = await startMastodon(Number(process.env.FAKE_LATENCY_MS ?? 50));
process.send!({ url: mastodon.url });
process.on("message", (message: { report?: boolean }) => {
  if (!message.report) return;
  const arrivals = mastodon.requests.filter((r) => r.method === "POST").map((r) => ({ text: String(r.json().status), at: r.receivedAt }));
  const texts = [...mastodon.statuses.values()].map((s) => String(s.content));
  process.send!({ arrivals, statuses: texts.length, distinct: new Set(texts).size });
});
process.on("disconnect", () => void mastodon.close().then(() => process.exit(0)));
