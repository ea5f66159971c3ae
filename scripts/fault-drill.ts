// `npm run drill`: the publishing guarantees under faults, on an embedded PostgreSQL,
// this machine's Redis (a key prefix of its own) and local fake networks.
//  (a) SIGKILL the worker again and again while variants are being published;
//  (b) flush the queue's Redis keys with jobs pending;
//  (c) restart PostgreSQL during publishing.
// Passes when the fake networks received no duplicate post and every variant ended
// PUBLISHED (or FAILED/UNKNOWN with a reason). `--variants N --kills K` set the size.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "./local-services.ts";
import { startSandbox } from "./sandbox.ts";

const { values } = parseArgs({ options: { variants: { type: "string", default: "1000" }, kills: { type: "string", default: "20" }, json: { type: "boolean", default: false } } });
const VARIANTS = Number(values.variants);
const KILLS = Number(values.kills);
const say = (line: string) => values.json || console.log(line);

const sandbox = await startSandbox("drill", { PUBLISH_LEASE_SECONDS: "5", SWEEP_EVERY_SECONDS: "1", NODE_ENV: "test" });
const { dataDir, database, prefix } = sandbox;
const { prisma } = await import("../app/utils/db.server.ts");
const { encrypt } = await import("../app/utils/encryption.server.ts");
const { scheduleMany } = await import("../app/models/post-gate.server.ts");
const { getPublishQueue } = await import("../app/utils/queues.server.ts");
const { redis } = await import("../app/utils/redis.server.ts");
const { startMastodon, MASTODON_TOKEN } = await import("../tests/fakes/mastodon.ts");
const { startBluesky, BLUESKY_LOGIN } = await import("../tests/fakes/bluesky.ts");

const [mastodon, pds] = await Promise.all([startMastodon(50), startBluesky(50)]);
// Posts go on the schedule the way a person puts them there: through the gate, as the
// workspace's owner. Texts alike but for a random tail are not what this drill is about.
const owner = await prisma.user.create({ data: { email: "drill@rytm.example", name: "Drill", passwordHash: "-" }, select: { id: true } });
const workspace = await prisma.workspace.create({
  data: { name: "Drill", slug: "drill", timeZone: "Europe/Warsaw", mixRules: { duplicates: { nearSeverity: "off" } }, memberships: { create: { userId: owner.id, role: "OWNER" } } },
  select: { id: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true },
});
const actor = { kind: "member" as const, id: owner.id, role: "OWNER" as const };
const channels = await Promise.all(
  [0, 1, 2, 3].map((i) =>
    prisma.channel.create({
      data:
        i % 2 === 0
          ? { workspaceId: workspace.id, network: "mastodon", name: `Mastodon ${i}`, settings: { instanceUrl: mastodon.url, timeoutMs: 3000, rateLimit: { posts: 100000, seconds: 60 } }, credentials: encrypt(JSON.stringify({ token: MASTODON_TOKEN })) }
          : { workspaceId: workspace.id, network: "bluesky", name: `Bluesky ${i}`, settings: { service: pds.url, timeoutMs: 3000, rateLimit: { posts: 100000, seconds: 60 } }, credentials: encrypt(JSON.stringify(BLUESKY_LOGIN)) },
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
const again = await startEmbeddedPostgres(dataDir, () => {}, database.port);
await waitSettled(restarted, 90_000);

const all = [...killed, ...flushed, ...restarted];
const rows = await prisma.variant.findMany({ where: { id: { in: all } }, select: { status: true, lastError: true, text: true } });
const byStatus: Record<string, number> = {};
for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
const posted = [...[...mastodon.statuses.values()].map((s) => String(s.content).replace(/<\/?p>/g, "")), ...[...pds.records.values()].map((r) => String(r.text))];
const counts = new Map<string, number>();
for (const text of posted) counts.set(text, (counts.get(text) ?? 0) + 1);
const duplicates = [...counts.values()].filter((n) => n > 1).length;
const lost = rows.filter((r) => !["PUBLISHED", "FAILED", "UNKNOWN"].includes(r.status) || (r.status !== "PUBLISHED" && !r.lastError)).length;
Object.assign(results, {
  variants: all.length,
  kills: KILLS,
  byStatus,
  duplicates,
  lost,
  requests: mastodon.requests.length + pds.requests.length,
  seconds: Math.round((Date.now() - started) / 1000),
});

for (const child of workers) child.kill("SIGKILL");
await getPublishQueue().close();
await sandbox.cleanUp(again.stop);
await Promise.all([mastodon.close(), pds.close()]);

if (values.json) console.log(JSON.stringify(results));
else {
  say(`Fault drill: ${all.length} variants, ${KILLS} SIGKILLs, a Redis flush and a PostgreSQL restart, ${results.seconds} s`);
  say(`  outcome: ${JSON.stringify(byStatus)}; requests to the networks: ${results.requests}`);
  say(`  duplicates at the networks: ${duplicates}   lost variants: ${lost}`);
}
process.exit(duplicates === 0 && lost === 0 ? 0 : 1);
