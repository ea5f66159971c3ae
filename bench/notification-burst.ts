// `npm run bench -- notifications`: 1,000 notifications produced in one burst (one statement
// writes 1,000 events, as a bulk action would) in a workspace whose month holds 2,000 posts,
// with a real worker process fanning them out and mailing them to a real SMTP server. While
// it works, the month view is requested through the production server. Printed per run:
// the month view's p95 before the burst (the floor, same run) and during it, how long until
// every notice and mail existed and until the last mail arrived, and how many arrived twice.
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { spawn } from "node:child_process";
import { DateTime } from "luxon";
import { startSandbox } from "../scripts/sandbox.ts";
import { startProductionServer } from "./production-server.ts";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "../scripts/worker-command.ts";
import { createInterface } from "node:readline";

const BURST = Number(process.env.BENCH_NOTIFICATIONS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POSTS = 2000;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function notificationBurst() {
  const smtpProcess = spawn(process.execPath, ["--import", "tsx", "bench/smtp-process.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: smtpProcess.stdout! }), "line")) as [string];
  const smtp = JSON.parse(line) as { smtp: string; count: string };
  const arrivedMails = async () => (await (await fetch(smtp.count)).json()) as { mails: number; distinct: number };
  const sandbox = await startSandbox("notify", { NODE_ENV: "production", SMTP_URL: smtp.smtp, MAIL_FROM: "Rytm bench <rytm@bench.example>", SWEEP_EVERY_SECONDS: "5" });
  const { prisma } = await import("../app/utils/db.server.ts");
  const { sessionStorage } = await import("../app/utils/session.server.ts");
  const zone = "Europe/Warsaw";
  const [owner, approver] = await prisma.user.createManyAndReturn({
    data: [
      { email: "bench-owner@rytm.example", name: "Owner", passwordHash: "-" },
      { email: "bench-approver@rytm.example", name: "Approver", passwordHash: "-" },
    ],
    select: { id: true },
  });
  const workspace = await prisma.workspace.create({ data: { name: "Bench", slug: "bench", timeZone: zone, mixRules: {} }, select: { id: true } });
  await prisma.membership.createMany({ data: [{ userId: owner!.id, workspaceId: workspace.id, role: "OWNER" }, { userId: approver!.id, workspaceId: workspace.id, role: "APPROVER" }] });
  const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Bench Mastodon" }, select: { id: true } });
  const month = DateTime.now().setZone(zone).plus({ months: 1 }).startOf("month");
  const posts = await prisma.post.createManyAndReturn({
    data: Array.from({ length: POSTS }, (_, n) => ({ workspaceId: workspace.id, authorId: owner!.id, title: `Bench post ${n}`, category: "news", status: "IN_REVIEW" as const, scheduledAt: month.plus({ minutes: n * 20 }).toJSDate() })),
    select: { id: true, title: true, scheduledAt: true },
  });
  await prisma.variant.createMany({ data: posts.map((p, n) => ({ workspaceId: workspace.id, postId: p.id, channelId: channel.id, text: `Bench text ${n}`, scheduledAt: p.scheduledAt })) });
  await prisma.$executeRawUnsafe("ANALYZE");
  const session = await prisma.session.create({ data: { userId: owner!.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sessionId", session.id);
  const cookie = (await sessionStorage().commitSession(cookieSession)).split(";")[0]!;

  const { base, stop } = await startProductionServer();
  const worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, WORKER_BUNDLE], { env: { ...process.env, APP_URL: base }, stdio: ["ignore", "ignore", "inherit"] });
  await sleep(3000);

  const monthPage = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/w/bench?date=${month.toISODate()}`, { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`the month view answered ${response.status}`);
    return performance.now() - started;
  };
  const sample = async (until: () => boolean, atLeast: number) => {
    const timings: number[] = [];
    while (timings.length < atLeast || !until()) timings.push(await monthPage());
    return timings.sort((a, b) => a - b);
  };
  for (let i = 0; i < 5; i++) await monthPage();

  console.log(`${BURST.toLocaleString("en")} notifications in one burst, each mailed at once, with the month view (${POSTS.toLocaleString("en")} posts) requested meanwhile (${RUNS} runs)`);
  const ratios: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const floor = await sample(() => true, 40);
    const before = await arrivedMails();
    const ids = posts.slice(0, BURST).map((p) => p.id);
    const started = performance.now();
    let fannedAt = 0;
    let mailedAt = 0;
    // One statement: the whole burst is written at once, as a bulk action would.
    await prisma.$executeRaw`
      INSERT INTO "NotificationEvent" (id, key, "workspaceId", kind, "actorId", data)
      SELECT gen_random_uuid()::text, 'bench:' || ${run} || ':' || p.id, p."workspaceId", 'review-requested', ${owner!.id}, jsonb_build_object('postId', p.id, 'title', p.title)
      FROM "Post" p WHERE p.id = ANY(${ids}::text[])`;
    const watch = (async () => {
      while (!mailedAt) {
        const pending = await prisma.notificationEvent.count({ where: { fannedOutAt: null } });
        if (!pending && !fannedAt) fannedAt = performance.now() - started;
        if ((await arrivedMails()).mails - before.mails >= BURST) mailedAt = performance.now() - started;
        if (performance.now() - started > 300_000) throw new Error("the burst was not delivered within 5 minutes");
        await sleep(250);
      }
    })();
    const during = await sample(() => mailedAt > 0, 40);
    await watch;
    await sleep(2000);
    const after = await arrivedMails();
    const arrived = after.mails - before.mails;
    const twice = arrived - (after.distinct - before.distinct);
    const notices = await prisma.notification.count({ where: { eventId: { in: (await prisma.notificationEvent.findMany({ where: { key: { startsWith: `bench:${run}:` } }, select: { id: true } })).map((e) => e.id) } } });
    const ratio = percentile(during, 95) / percentile(floor, 95);
    ratios.push(ratio);
    console.log(
      `  run ${run}: month view p95 ${percentile(floor, 95).toFixed(1)} ms before (floor, ${floor.length} requests), ${percentile(during, 95).toFixed(1)} ms during (${during.length} requests) = ${ratio.toFixed(2)}× (target ≤ 1.20×)` +
        `   all fanned out after ${fannedAt.toFixed(0)} ms, last mail after ${mailedAt.toFixed(0)} ms   ${notices} notices, ${arrived} mails arrived, ${twice} twice`,
    );
  }
  console.log(`  median ratio ${[...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!.toFixed(2)}×`);
  worker.kill("SIGTERM");
  await once(worker, "exit");
  await stop();
  smtpProcess.kill("SIGTERM");
  await sandbox.cleanUp();
}
