// `npm run drill`: the publishing guarantees under faults, on an embedded PostgreSQL,
// this machine's Redis (a key prefix of its own) and local fake networks (Mastodon,
// Bluesky, X, LinkedIn, Facebook, Threads).
//  (a) SIGKILL the worker again and again while variants are being published;
//  (b) flush the queue's Redis keys with jobs pending;
//  (c) restart PostgreSQL during publishing;
// and throughout, every n-th publish request at each network fails in one of three ways:
// the post is created and the answer is a 5xx, the post is created and the answer comes
// after the worker's timeout, or a 5xx without a post (Threads' container status also
// trails its publish, reading FINISHED for a while).
// Passes when no network received a post twice and every variant ended PUBLISHED (or
// FAILED/UNKNOWN with a reason). `--variants N --kills K --fault-every F` set the size.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { PublishingKind } from "../app/channels/networks.ts";
import type { Special } from "../tests/fakes/http-fake.ts";
import { startEmbeddedPostgres } from "./local-services.ts";
import { startSandbox } from "./sandbox.ts";

const { values } = parseArgs({
  options: { variants: { type: "string", default: "1000" }, kills: { type: "string", default: "20" }, "fault-every": { type: "string", default: "8" }, json: { type: "boolean", default: false } },
});
const VARIANTS = Number(values.variants);
const KILLS = Number(values.kills);
const FAULT_EVERY = Number(values["fault-every"]);
const say = (line: string) => values.json || console.log(line);

const sandbox = await startSandbox("drill", { PUBLISH_LEASE_SECONDS: "5", SWEEP_EVERY_SECONDS: "1", NODE_ENV: "test" });
const { dataDir, database, prefix } = sandbox;
const { prisma } = await import("../app/utils/db.server.ts");
const { encrypt } = await import("../app/utils/encryption.server.ts");
const { scheduleMany } = await import("../app/models/post-gate.server.ts");
const { getPublishQueue } = await import("../app/utils/queues.server.ts");
const { redis } = await import("../app/utils/redis.server.ts");
const { fakeNetworks } = await import("../tests/fakes/networks.ts");

const LATENCY_MS = 50;
const TIMEOUT_MS = 3000;
// The network makes the post, then answers with an error, or after the worker gave up waiting.
const createdThen = (status: number, body: unknown): Special => ({ afterHandling: true, status, body });
const createdLate: Special = { afterHandling: true, delayMs: TIMEOUT_MS + 500 };

// Each network's fake and channel come from the shared table; its faults are the drill's.
const faultsOf: Partial<Record<PublishingKind, Special[]>> = {
  mastodon: [createdThen(503, { error: "There was a temporary problem serving your request, please try again" }), createdLate, { status: 503, body: { error: "Remote data could not be fetched" } }],
  bluesky: [createdThen(502, { error: "UpstreamFailure", message: "Upstream Failure" }), createdLate, { status: 503, body: { error: "NotEnoughResources", message: "Not Enough Resources" } }],
  x: [createdThen(503, { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 }), createdLate, { status: 500, body: { title: "Internal Server Error", status: 500 } }],
  linkedin: [createdThen(504, { status: 504, message: "Gateway Timeout" }), createdLate, { status: 503, body: { status: 503, message: "Service Unavailable" } }],
  facebook: [
    createdThen(500, { error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1 } }),
    createdLate,
    createdThen(502, "Bad Gateway"),
    { status: 500, body: { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", code: 2 } } },
  ],
  threads: [createdThen(500, { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", code: 2 } }), createdLate, { status: 503, body: "Service Unavailable" }],
};
const networks = await Promise.all(
  (Object.entries(faultsOf) as [PublishingKind, Special[]][]).map(async ([kind, faults]) => ({ kind, faults, ...(await fakeNetworks[kind].start({ latencyMs: LATENCY_MS, statusLagMs: 5000 })) })),
);
for (const network of networks) network.fake.injectFaults(network.publishPath, FAULT_EVERY, network.faults);

// Posts go on the schedule the way a person puts them there: through the gate, as the
// workspace's owner. Texts alike but for a random tail are not what this drill is about.
const owner = await prisma.user.create({ data: { email: "drill@rytm.example", name: "Drill", passwordHash: "-" }, select: { id: true } });
const workspace = await prisma.workspace.create({
  data: { name: "Drill", slug: "drill", timeZone: "Europe/Warsaw", mixRules: { duplicates: { nearSeverity: "off" } }, memberships: { create: { userId: owner.id, role: "OWNER" } } },
  select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true },
});
const actor = { kind: "member" as const, id: owner.id, role: "OWNER" as const };
const channels = await Promise.all(
  networks.map((network) =>
    prisma.channel.create({
      data: {
        workspaceId: workspace.id,
        network: network.kind,
        name: `Drill ${network.kind}`,
        settings: { ...network.settings, timeoutMs: TIMEOUT_MS, rateLimit: { posts: 100000, seconds: 60 } },
        credentials: encrypt(JSON.stringify(network.credentials)),
      },
      select: { id: true },
    }),
  ),
);

async function plan(count: number, label: string, withinMs: number) {
  const ids: string[] = [];
  const postIds: string[] = [];
  // Time to put them all through the gate before the first is due.
  const lead = 2000 + count * 15;
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.now() + lead + Math.floor(Math.random() * withinMs));
    const channelId = channels[i % channels.length]!.id;
    const text = `${label} post ${i} ${randomBytes(4).toString("hex")}`;
    const post = await prisma.post.create({
      data: { workspaceId: workspace.id, authorId: owner.id, title: text, category: "news", scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId, text, scheduledAt: at } } },
      select: { id: true, variants: { select: { id: true } } },
    });
    ids.push(post.variants[0]!.id);
    postIds.push(post.id);
  }
  const refused = (await scheduleMany(workspace, actor, postIds)).filter((o) => !o.ok);
  if (refused.length) throw new Error(`The gate refused ${refused.length} drill posts: ${JSON.stringify(refused[0])}`);
  return ids;
}

const workers: ChildProcess[] = [];
function startWorker() {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], { env: process.env, stdio: ["ignore", "ignore", "pipe"] });
  workers.push(child);
  return child;
}

async function settledCount(ids: string[]) {
  return prisma.variant.count({ where: { id: { in: ids }, status: { in: ["PUBLISHED", "FAILED", "UNKNOWN"] } } });
}

async function waitSettled(ids: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await settledCount(ids)) < ids.length) await new Promise((r) => setTimeout(r, 250));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const results: Record<string, unknown> = {};
const started = Date.now();

// (a) Kill the worker with SIGKILL, again and again, while it publishes.
const killed = await plan(VARIANTS, "kill", Math.max(3000, KILLS * 400));
let worker = startWorker();
for (let k = 0; k < KILLS; k++) {
  await sleep(200 + Math.random() * 500);
  worker.kill("SIGKILL");
  worker = startWorker();
}
await waitSettled(killed, 120_000);

// (b) Lose Redis's keys with due jobs pending.
const flushed = await plan(Math.max(20, Math.round(VARIANTS / 10)), "flush", 2000);
const keys = await redis().keys(`${prefix}:*`);
if (keys.length) await redis().del(...keys);
await waitSettled(flushed, 60_000);

// (c) Restart PostgreSQL while publishing.
const restarted = await plan(Math.max(20, Math.round(VARIANTS / 10)), "restart", 3000);
await sleep(1500);
await database.stop();
await sleep(2000);
const again = await startEmbeddedPostgres(dataDir, database.port);
await waitSettled(restarted, 90_000);

const all = [...killed, ...flushed, ...restarted];
const rows = await prisma.variant.findMany({ where: { id: { in: all } }, select: { status: true, lastError: true, text: true } });
const byStatus: Record<string, number> = {};
for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
const duplicatesByNetwork: Record<string, number> = {};
const faults: Record<string, number> = {};
for (const network of networks) {
  const counts = new Map<string, number>();
  for (const text of network.posted()) counts.set(text, (counts.get(text) ?? 0) + 1);
  duplicatesByNetwork[network.kind] = [...counts.values()].filter((n) => n > 1).length;
  faults[network.kind] = network.fake.faultsInjected();
}
const duplicates = Object.values(duplicatesByNetwork).reduce((a, b) => a + b, 0);
const lost = rows.filter((r) => !["PUBLISHED", "FAILED", "UNKNOWN"].includes(r.status) || (r.status !== "PUBLISHED" && !r.lastError)).length;
Object.assign(results, {
  variants: all.length,
  kills: KILLS,
  byStatus,
  duplicates,
  duplicatesByNetwork,
  faults,
  lost,
  requests: networks.reduce((sum, n) => sum + n.fake.requests.length, 0),
  seconds: Math.round((Date.now() - started) / 1000),
});

for (const child of workers) child.kill("SIGKILL");
await getPublishQueue().close();
await sandbox.cleanUp(again.stop);
await Promise.all(networks.map((n) => n.fake.close()));

const perNetwork = (counts: Record<string, number>) => Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(", ");
if (values.json) console.log(JSON.stringify(results));
else {
  say(`Fault drill: ${all.length} variants on ${networks.length} networks, ${KILLS} SIGKILLs, a Redis flush and a PostgreSQL restart, ${results.seconds} s`);
  say(`  faults at the networks (created then 5xx, created then too late, 5xx without a post, in turn, every ${FAULT_EVERY}th publish): ${perNetwork(faults)}`);
  say(`  outcome: ${JSON.stringify(byStatus)}; requests to the networks: ${results.requests}`);
  say(`  duplicates at the networks: ${duplicates} (${perNetwork(duplicatesByNetwork)})   lost variants: ${lost}`);
}
process.exit(duplicates === 0 && lost === 0 ? 0 : 1);
