// Publish lateness: 10,000 variants due within the same minute, put on the schedule through
// the gate, a fake network answering in 50 ms, one worker process. In the same run, after it,
// bare Bull delayed jobs with the same spacing of due times: the engine's own floor, measured
// when the job starts and, since ours is measured at the network, also when the same request
// the job then makes arrives at the same network. Lateness = that moment minus the due time.
//
// Why the windows take turns: on two cores, a floor running beside the worker competed with it
// (and with PostgreSQL) for the CPU, so each side's lateness depended on the other's load and
// the ratio swung between runs. The fake network runs in a process of its own (sharing an event
// loop with the floor delayed both sides' timestamps). Three runs; each is printed, then the
// median. The worker's own log says where its lateness arose: when it was ready to send, and
// when the request left.
import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "../scripts/sandbox.ts";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "../scripts/worker-command.ts";
import { random, sentence } from "./plan-generator.ts";

const COUNT = Number(process.env.BENCH_VARIANTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WINDOW_MS = 60_000;
// Putting 10,000 posts on the schedule through the gate takes 1–2 minutes here.
const SCHEDULING_LEAD_MS = Number(process.env.BENCH_SCHEDULING_LEAD_MS ?? 240_000);
const FLOOR_LEAD_MS = 30_000;
// Both sides first run an unmeasured burst at the window's rate (1,000 posts over 6 s, ending
// 10 s before the window): a worker in production has been running for hours, and the first
// seconds of a fresh process (code not yet optimised, caches cold) are its start, not its pace.
// BENCH_WARM_UP=0 measures a cold start instead.
export const WARM_UP = { count: Number(process.env.BENCH_WARM_UP ?? 1000), spanMs: 6000, endsBeforeMs: 10_000 };
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
type Summary = { p50: number; p99: number; max: number };
const summary = (values: number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};
const fmt = (s: Summary) => `p50 ${s.p50} ms   p99 ${s.p99} ms   max ${s.max} ms`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));

/** A child process speaking over IPC: the first message it sends, and a way to ask it for its report. */
function child<Report>(script: string, env: NodeJS.ProcessEnv) {
  const proc = fork(script, [], { env, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T>() => new Promise<T>((resolve) => proc.once("message", (m) => resolve(m as T)));
  return {
    proc,
    next,
    ask: async (message: object) => {
      const answer = next<Report>();
      proc.send(message);
      return answer;
    },
    stop: () => proc.disconnect(),
  };
}

type NetworkReport = { arrivals: { text: string; at: number }[]; statuses: number; distinct: number };
type Run = {
  ours: Summary;
  ready: Summary;
  sent: Summary;
  floor: Summary;
  floorWithHop: Summary;
  ratio: number;
  ratioWithHop: number;
  published: number;
  duplicates: number;
  throughput: number;
  peakRss: number;
  scheduling: number;
};

/** The worker's "publish attempt" lines from `since` on (not the warm-up's): when it was ready to send and when the request left, relative to the time. */
function workerTimings(logFile: string, since: number) {
  const ready: number[] = [];
  const sent: number[] = [];
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.includes('"publish attempt"')) continue;
    const entry = JSON.parse(line) as { time: number; readyMs?: number; lateMs?: number };
    if (entry.time < since) continue;
    if (typeof entry.readyMs === "number") ready.push(entry.readyMs);
    if (typeof entry.lateMs === "number") sent.push(entry.lateMs);
  }
  return { ready: summary(ready), sent: summary(sent) };
}

async function oneRun(run: number, prefix: string): Promise<Run> {
  const { prisma } = await import("../app/utils/db.server.ts");
  const { encrypt } = await import("../app/utils/encryption.server.ts");
  const { variantFingerprint } = await import("../app/models/plan-check.server.ts");
  const { scheduleMany } = await import("../app/models/post-gate.server.ts");
  const { MASTODON_TOKEN } = await import("../tests/fakes/mastodon.ts");
  const network = child<NetworkReport>("bench/fake-network-process.ts", { ...process.env, FAKE_LATENCY_MS: "50" });
  const { url } = await network.next<{ url: string }>();

  // Posts go on the schedule through the gate, as a workspace's owner would put them there.
  const owner = await prisma.user.create({ data: { email: `bench-${run}@rytm.example`, name: "Bench", passwordHash: "-" }, select: { id: true } });
  const workspace = await prisma.workspace.create({
    data: { name: `Bench ${run}`, slug: `bench-${run}`, timeZone: "UTC", mixRules: {}, memberships: { create: { userId: owner.id, role: "OWNER" } } },
    select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true },
  });
  const channel = await prisma.channel.create({
    data: { workspaceId: workspace.id, network: "mastodon", name: "Mastodon", settings: { instanceUrl: url, rateLimit: { posts: 100000, seconds: 60 } }, credentials: encrypt(JSON.stringify({ token: MASTODON_TOKEN })) },
    select: { id: true },
  });
  const rand = random(5 + run);
  const texts = Array.from({ length: COUNT }, (_, i) => `${sentence(rand)} ${run}-${i}`);
  const offset = (i: number) => Math.floor((i / COUNT) * WINDOW_MS);
  const start = Date.now() + SCHEDULING_LEAD_MS;
  const due = new Map<string, number>();
  texts.forEach((text, i) => due.set(text, start + offset(i)));
  const warmUpStart = start - WARM_UP.endsBeforeMs - WARM_UP.spanMs;
  const warmUp = Array.from({ length: WARM_UP.count }, (_, i) => ({ text: `warm-up ${sentence(rand)} ${run}-${i}`, at: warmUpStart + Math.floor((i / WARM_UP.count) * WARM_UP.spanMs) }));
  const planned = [...warmUp, ...texts.map((text) => ({ text, at: due.get(text)! }))];
  const posts = await prisma.post.createManyAndReturn({
    data: planned.map((p, i) => ({ workspaceId: workspace.id, authorId: owner.id, title: `Bench ${i}`, category: "news", scheduledAt: new Date(p.at) })),
    select: { id: true },
  });
  await prisma.variant.createMany({
    data: posts.map((post, i) => ({ workspaceId: workspace.id, postId: post.id, channelId: channel.id, text: planned[i]!.text, scheduledAt: new Date(planned[i]!.at), ...variantFingerprint(planned[i]!.text) })),
  });
  const scheduling = Date.now();
  const refused = (await scheduleMany(workspace, { kind: "member", id: owner.id, role: "OWNER" }, posts.map((p) => p.id))).filter((o) => !o.ok).length;
  const schedulingS = (Date.now() - scheduling) / 1000;
  if (refused) throw new Error(`The gate refused ${refused} benchmark posts.`);
  if (Date.now() > warmUpStart - 20_000) throw new Error("Scheduling took longer than the lead time; set BENCH_SCHEDULING_LEAD_MS higher or BENCH_VARIANTS lower.");

  // The worker as production runs it (its bundle, its log level), its log kept for the breakdown.
  const logFile = path.join(tmpdir(), `${prefix}-worker-${run}.log`);
  const worker: ChildProcess = spawn(process.execPath, [...WORKER_NODE_FLAGS, WORKER_BUNDLE], { env: { ...process.env, LOG_LEVEL: "info" }, stdio: ["ignore", openSync(logFile, "w"), "inherit"] });
  let peakRss = 0;
  const sampler = setInterval(() => {
    const rss = Number(spawnSync("ps", ["-o", "rss=", "-p", String(worker.pid)], { encoding: "utf8" }).stdout.trim()) * 1024;
    peakRss = Math.max(peakRss, rss || 0);
  }, 1000);
  // Quietly wait for the window to pass, then poll the database a few times.
  await sleepUntil(start + WINDOW_MS + 2000);
  let published = 0;
  for (let waited = 0; waited < 120_000 && (published = await prisma.variant.count({ where: { workspaceId: workspace.id, status: "PUBLISHED" } }) - WARM_UP.count) < COUNT; waited += 1000) await sleep(1000);
  clearInterval(sampler);
  worker.kill("SIGTERM");
  await new Promise((r) => worker.once("exit", r));

  // The floor's turn, on a machine the worker has left.
  const floor = child<{ lateness: number[] }>("bench/bull-floor-process.ts", { ...process.env, FLOOR_PREFIX: `${prefix}-floor-${run}`, FLOOR_NETWORK_URL: url });
  const floorStart = Date.now() + FLOOR_LEAD_MS;
  const floorDue = new Map(texts.map((_, i) => [`floor ${run}-${i}`, floorStart + offset(i)]));
  const floorWarmUpStart = floorStart - WARM_UP.endsBeforeMs - WARM_UP.spanMs;
  const floorWarmUp = Array.from({ length: WARM_UP.count }, (_, i) => ({ at: floorWarmUpStart + Math.floor((i / WARM_UP.count) * WARM_UP.spanMs), text: `floor warm-up ${run}-${i}`, warmUp: true }));
  await floor.ask({ due: [...floorWarmUp, ...[...floorDue].map(([text, at]) => ({ at, text }))] });
  await sleepUntil(floorStart + WINDOW_MS + 3000);
  const { lateness: floorLateness } = await floor.ask({ report: true });
  const report = await network.ask({ report: true });
  network.stop();
  floor.stop();

  const mine = report.arrivals.filter((a) => due.has(a.text));
  const ours = summary(mine.map((a) => a.at - due.get(a.text)!));
  const engine = summary(floorLateness);
  const engineAndHop = summary(report.arrivals.filter((a) => floorDue.has(a.text)).map((a) => a.at - floorDue.get(a.text)!));
  const times = mine.map((a) => a.at);
  return {
    ours,
    ...workerTimings(logFile, start - 1000),
    floor: engine,
    floorWithHop: engineAndHop,
    ratio: ours.p99 / Math.max(1, engine.p99),
    ratioWithHop: ours.p99 / Math.max(1, engineAndHop.p99),
    published,
    // A duplicate is the same text posted twice (an idempotent replay returns the first post).
    duplicates: report.statuses - report.distinct,
    throughput: COUNT / ((Math.max(...times) - Math.min(...times)) / 1000),
    peakRss,
    scheduling: schedulingS,
  };
}

export async function publishLateness() {
  const sandbox = await startSandbox("bench", { NODE_ENV: "production" });
  // The worker as production runs it: its bundle, built here.
  if (spawnSync("npm", ["run", "--silent", "build:worker"], { stdio: "inherit" }).status !== 0) throw new Error("The worker did not build.");
  const { env } = await import("../app/utils/env.server.ts");
  const { PUBLISH_CONCURRENCY, PUBLISH_LEAD_MS } = env();
  console.log(`Publishing ${COUNT} variants due within one minute, fake API answering in 50 ms, one worker (concurrency ${PUBLISH_CONCURRENCY}, lead ${PUBLISH_LEAD_MS} ms); then bare Bull with the same spacing; each side warmed up first by an unmeasured burst of ${WARM_UP.count} over ${WARM_UP.spanMs / 1000} s; ${RUNS} runs`);
  const runs: Run[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await oneRun(run, sandbox.prefix);
    runs.push(r);
    console.log(`  run ${run}: lateness at the network ${fmt(r.ours)}`);
    console.log(`         the worker ready to send ${fmt(r.ready)} (negative: ahead of the time); request left ${fmt(r.sent)}`);
    console.log(`         floor, bare Bull at the job's start: ${fmt(r.floor)}   ratio ${r.ratio.toFixed(2)}×`);
    console.log(`         floor, bare Bull at the network:     ${fmt(r.floorWithHop)}   ratio ${r.ratioWithHop.toFixed(2)}×`);
    console.log(`         published ${r.published}/${COUNT}, duplicates ${r.duplicates}, ${r.throughput.toFixed(0)} posts/s, worker peak ${(r.peakRss / 1024 / 1024).toFixed(0)} MB; the gate scheduled them in ${r.scheduling.toFixed(1)} s`);
  }
  const median = <T>(values: T[], by: (v: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
  const mid = median(runs, (r) => r.ratio);
  const midHop = median(runs, (r) => r.ratioWithHop);
  const midP99 = median(runs, (r) => r.ours.p99);
  console.log(`  median of ${RUNS}: p99 ${midP99.ours.p99} ms (target ≤ 1000 ms); ratio to the floor at the job's start ${mid.ratio.toFixed(2)}×, at the network ${midHop.ratioWithHop.toFixed(2)}× (target ≤ 1.5×)`);
  const { getPublishQueue } = await import("../app/utils/queues.server.ts");
  await getPublishQueue().close();
  await sandbox.cleanUp();
}
