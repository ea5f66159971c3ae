// The calendar's month view of a workspace with 5,000 posts in that month (two channels
// each): the route's own loader called as the server calls it (session, membership, range,
// posts, mix picture), then the page and its data request through the production server,
// timed over repeated requests, with the sizes sent.
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { startSandbox } from "../scripts/sandbox.ts";

const POSTS = Number(process.env.BENCH_MONTH_POSTS ?? 5_000);
const RUNS = 60;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function monthView() {
  const sandbox = await startSandbox("month", { NODE_ENV: "production" });
  const { prisma } = await import("../app/utils/db.server.ts");
  const { sessionStorage } = await import("../app/utils/session.server.ts");
  const { variantFingerprint } = await import("../app/models/plan-check.server.ts");
  const { loader } = await import("../app/routes/w.$slug._index.tsx");
  const zone = "Europe/Warsaw";
  const user = await prisma.user.create({
    data: { email: "bench@rytm.example", name: "Bench", passwordHash: "-" },
    select: { id: true },
  });
  const workspace = await prisma.workspace.create({
    data: { name: "Bench", slug: "bench", timeZone: zone, mixRules: {} },
    select: { id: true },
  });
  await prisma.membership.create({
    data: { userId: user.id, workspaceId: workspace.id, role: "OWNER" },
  });
  const channels = await prisma.channel.createManyAndReturn({
    data: ["x", "mastodon", "bluesky", "linkedin", "facebook", "threads"].map((network) => ({
      workspaceId: workspace.id,
      network: network as "x",
      name: `Bench ${network}`,
    })),
    select: { id: true },
  });
  const month = DateTime.now().setZone(zone).plus({ months: 1 }).startOf("month");
  const minutes = month.endOf("month").diff(month, "minutes").minutes;
  const categories = ["educational", "engagement", "curated", "news", "behind-the-scenes", "promotional", "offer"];
  for (let i = 0; i < POSTS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, POSTS - i) }, (_, k) => i + k);
    const posts = await prisma.post.createManyAndReturn({
      data: batch.map((n) => ({
        workspaceId: workspace.id,
        title: `Bench post ${n}`,
        category: categories[n % categories.length]!,
        status: "APPROVED" as const,
        scheduledAt: month.plus({ minutes: Math.floor((n / POSTS) * minutes) }).toJSDate(),
      })),
      select: { id: true, scheduledAt: true },
    });
    await prisma.variant.createMany({
      data: posts.flatMap((post, k) =>
        [0, 1].map((c) => {
          const text = `Bench text ${i + k} on channel ${c}: a plan needs variety.`;
          return {
            workspaceId: workspace.id,
            postId: post.id,
            channelId: channels[(i + k + c) % channels.length]!.id,
            text,
            scheduledAt: post.scheduledAt,
            ...variantFingerprint(text),
          };
        })
      ),
    });
  }
  // As autovacuum would by now: the planner needs statistics of the freshly loaded tables.
  await prisma.$executeRawUnsafe("ANALYZE");
  const session = await prisma.session.create({
    data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
    select: { id: true },
  });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sessionId", session.id);
  cookieSession.set("lastWorkspace", "bench");
  const cookie = (await sessionStorage().commitSession(cookieSession)).split(";")[0]!;
  const request = () => new Request(`http://localhost/w/bench?view=month&date=${month.toISODate()}`, { headers: { Cookie: cookie } });
  const call = () =>
    loader({
      request: request(),
      params: { slug: "bench" },
      context: {},
    } as never);

  for (let i = 0; i < 5; i++) await call();
  const timings: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const data = await call();
    bytes = JSON.stringify(data).length;
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);

  // The same page through the production server (Express + Remix build), as a browser asks:
  // the HTML document, and the data request a client-side navigation makes.
  if (
    spawnSync("npx", ["remix", "vite:build", "--logLevel", "warn"], {
      stdio: "inherit",
    }).status !== 0
  )
    throw new Error("The app did not build.");
  const { createApp } = await import("../server/app.ts");
  const { createLogger } = await import("../app/utils/logger.server.ts");
  const { app, close } = await createApp({
    mode: "production",
    extraOrigins: [],
    production: true,
    logger: createLogger("bench", "warn"),
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const query = `view=month&date=${month.toISODate()}`;
  const fetchTimed = async (url: string) => {
    const started = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return { ms: performance.now() - started, bytes: Buffer.byteLength(body) };
  };
  const measure = async (url: string) => {
    for (let i = 0; i < 5; i++) await fetchTimed(url);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await fetchTimed(url));
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      bytes: runs[0]!.bytes,
    };
  };
  const html = await measure(`${base}/w/bench?${query}`);
  const json = await measure(`${base}/w/bench.data?${query}&_routes=${encodeURIComponent("routes/w.$slug._index")}`);
  server.close();
  await close();
  await prisma.$disconnect();
  await sandbox.cleanUp();
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`Calendar month view with ${POSTS} posts (${POSTS * 2} variants) in the month (${RUNS} requests each)`);
  console.log(
    `  route loader:            p50 ${percentile(timings, 50).toFixed(1)} ms   p95 ${percentile(timings, 95).toFixed(1)} ms   max ${timings
      .at(-1)!
      .toFixed(1)} ms   (target p95 ≤ 80 ms), ${kib(bytes)} of loader data`
  );
  console.log(`  HTML page (server):      p50 ${html.p50.toFixed(1)} ms   p95 ${html.p95.toFixed(1)} ms, ${kib(html.bytes)}`);
  console.log(`  data request (server):   p50 ${json.p50.toFixed(1)} ms   p95 ${json.p95.toFixed(1)} ms, ${kib(json.bytes)}`);
}
