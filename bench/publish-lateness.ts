// Publish lateness: 10,000 variants due within the same minute, a fake network answering
// in 50 ms, one worker process. Beside it, in the same run, bare Bull delayed no-op jobs
// with the same due times: the engine's own floor. Lateness = arrival at the network
// (or the no-op starting) minus the due time.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import Bull from "bull";
import { startSandbox } from "../scripts/sandbox.ts";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "../scripts/worker-command.ts";
import { random, sentence } from "./plan-generator.ts";

const COUNT = Number(process.env.BENCH_VARIANTS ?? 10_000);
const WINDOW_MS = 60_000;
const SCHEDULING_LEAD_MS = Number(process.env.BENCH_SCHEDULING_LEAD_MS ?? 120_000);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const describe = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};
const fmt = (s: { p50: number; p99: number; max: number }) => `p50 ${s.p50} ms   p99 ${s.p99} ms   max ${s.max} ms`;

export async function publishLateness() {
  const sandbox = await startSandbox("bench", { NODE_ENV: "production" });
  const { prefix } = sandbox;
  const { prisma } = await import("../app/utils/db.server.ts");
  const { encrypt } = await import("../app/utils/encryption.server.ts");
  const { variantFingerprint } = await import("../app/models/plan-check.server.ts");
  const { scheduleMany } = await import("../app/models/post-gate.server.ts");
  const { getPublishQueue } = await import("../app/utils/queues.server.ts");
  const { startMastodon, MASTODON_TOKEN } = await import("../tests/fakes/mastodon.ts");
  const mastodon = await startMastodon(50);

  // Posts go on the schedule through the gate, as a workspace's owner would put them there.
  const owner = await prisma.user.create({ data: { email: "bench@rytm.example", name: "Bench", passwordHash: "-" }, select: { id: true } });
  const workspace = await prisma.workspace.create({
    data: { name: "Bench", slug: "bench", timeZone: "UTC", mixRules: {}, memberships: { create: { userId: owner.id, role: "OWNER" } } },
    select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true },
  });
  const channel = await prisma.channel.create({
    data: { workspaceId: workspace.id, network: "mastodon", name: "Mastodon", settings: { instanceUrl: mastodon.url, rateLimit: { posts: 100000, seconds: 60 } }, credentials: encrypt(JSON.stringify({ token: MASTODON_TOKEN })) },
    select: { id: true },
  });
  const rand = random(5);
  const texts = Array.from({ length: COUNT }, (_, i) => `${sentence(rand)} ${i}`);
  // Far enough ahead for the gate to judge and schedule every post first.
  const start = Date.now() + SCHEDULING_LEAD_MS;
  const due = new Map<string, number>();
  texts.forEach((text, i) => due.set(text, start + Math.floor((i / COUNT) * WINDOW_MS)));
  const posts = await prisma.post.createManyAndReturn({
    data: texts.map((text, i) => ({ workspaceId: workspace.id, authorId: owner.id, title: `Bench ${i}`, category: "news", scheduledAt: new Date(due.get(text)!) })),
    select: { id: true },
  });
  await prisma.variant.createMany({
    data: posts.map((post, i) => ({ workspaceId: workspace.id, postId: post.id, channelId: channel.id, text: texts[i]!, scheduledAt: new Date(due.get(texts[i]!)!), ...variantFingerprint(texts[i]!) })),
  });
  const scheduling = Date.now();
  const refused = (await scheduleMany(workspace, { kind: "member", id: owner.id, role: "OWNER" }, posts.map((p) => p.id))).filter((o) => !o.ok).length;
  console.log(`  (the gate judged and scheduled ${COUNT} posts in ${((Date.now() - scheduling) / 1000).toFixed(1)} s; ${refused} refused)`);
  if (Date.now() > start) throw new Error("Scheduling took longer than the lead time; lower BENCH_VARIANTS.");

  // The engine's floor: bare Bull, the same due times, a no-op processor, in this process.
  const bare = new Bull(`floor-${prefix}`, process.env.REDIS_URL!, { prefix });
  const floor: number[] = [];
  void bare.process(50, async (job: Bull.Job<{ at: number }>) => void floor.push(Date.now() - job.data.at));
  for (let i = 0; i < COUNT; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, COUNT - i) }, (_, k) => {
        const at = start + Math.floor(((i + k) / COUNT) * WINDOW_MS);
        return bare.add({ at }, { delay: at - Date.now(), removeOnComplete: true });
      }),
    );
  }

  // The worker as production runs it: its bundle, built here.
  if (spawnSync("npm", ["run", "--silent", "build:worker"], { stdio: "inherit" }).status !== 0) throw new Error("The worker did not build.");
  const worker: ChildProcess = spawn(process.execPath, [...WORKER_NODE_FLAGS, WORKER_BUNDLE], { env: process.env, stdio: "ignore" });
  let peakRss = 0;
  const sampler = setInterval(() => {
    const rss = Number(spawnSync("ps", ["-o", "rss=", "-p", String(worker.pid)], { encoding: "utf8" }).stdout.trim()) * 1024;
    peakRss = Math.max(peakRss, rss || 0);
  }, 500);

  const deadline = start + WINDOW_MS + 180_000;
  while (Date.now() < deadline && (mastodon.statuses.size < COUNT || floor.length < COUNT)) await new Promise((r) => setTimeout(r, 500));
  clearInterval(sampler);
  const firstArrival = Math.min(...mastodon.requests.map((r) => r.receivedAt));
  const lastArrival = Math.max(...mastodon.requests.map((r) => r.receivedAt));
  const lateness = mastodon.requests.map((r) => r.receivedAt - due.get(String(r.json().status))!);
  // The last answers may still be settling in the database: give them a moment.
  let published = 0;
  for (let waited = 0; waited < 30_000 && (published = await prisma.variant.count({ where: { status: "PUBLISHED" } })) < COUNT; waited += 250) await new Promise((r) => setTimeout(r, 250));
  // A duplicate is the same text posted twice (an idempotent replay returns the first post).
  const duplicates = mastodon.statuses.size - new Set([...mastodon.statuses.values()].map((s) => String(s.content))).size;

  worker.kill("SIGTERM");
  await new Promise((r) => worker.once("exit", r));
  await bare.close();
  await getPublishQueue().close();
  await sandbox.cleanUp();
  await mastodon.close();

  const ours = describe(lateness);
  const engine = describe(floor);
  console.log(`Publishing ${COUNT} variants due within one minute, fake API answering in 50 ms, one worker (concurrency ${process.env.PUBLISH_CONCURRENCY ?? 50})`);
  console.log(`  lateness:            ${fmt(ours)}   (target p99 ≤ 1000 ms and ≤ 1.5× the floor)`);
  console.log(`  bare Bull no-op floor: ${fmt(engine)}`);
  console.log(`  p99 ratio to the floor: ${(ours.p99 / Math.max(1, engine.p99)).toFixed(2)}×`);
  console.log(`  published ${published}/${COUNT}, duplicates ${duplicates}, throughput ${(COUNT / ((lastArrival - firstArrival) / 1000)).toFixed(0)} posts/s`);
  console.log(`  worker peak memory: ${(peakRss / 1024 / 1024).toFixed(0)} MB (target < 300 MB)`);
}
