// The calendar's month view of a workspace with 5,000 posts in that month (two channels
// each): the route's own loader called as the server calls it (session, membership, range,
// posts, mix picture), timed over repeated requests, and the size of the data it sends.
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
  const user = await prisma.user.create({ data: { email: "bench@rytm.example", name: "Bench", passwordHash: "-" }, select: { id: true } });
  const workspace = await prisma.workspace.create({ data: { name: "Bench", slug: "bench", timeZone: zone, mixRules: {} }, select: { id: true } });
  await prisma.membership.create({ data: { userId: user.id, workspaceId: workspace.id, role: "OWNER" } });
  const channels = await prisma.channel.createManyAndReturn({
    data: ["x", "mastodon", "bluesky", "linkedin", "facebook", "threads"].map((network) => ({ workspaceId: workspace.id, network: network as "x", name: `Bench ${network}` })),
    select: { id: true },
  });
  const month = DateTime.now().setZone(zone).plus({ months: 1 }).startOf("month");
  const minutes = month.endOf("month").diff(month, "minutes").minutes;
  const categories = ["educational", "engagement", "curated", "news", "behind-the-scenes", "promotional", "offer"];
  for (let i = 0; i < POSTS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, POSTS - i) }, (_, k) => i + k);
    const posts = await prisma.post.createManyAndReturn({
      data: batch.map((n) => ({ workspaceId: workspace.id, title: `Bench post ${n}`, category: categories[n % categories.length]!, status: "APPROVED" as const, scheduledAt: month.plus({ minutes: Math.floor((n / POSTS) * minutes) }).toJSDate() })),
      select: { id: true, scheduledAt: true },
    });
    await prisma.variant.createMany({
      data: posts.flatMap((post, k) =>
        [0, 1].map((c) => {
          const text = `Bench text ${i + k} on channel ${c}: a plan needs variety.`;
          return { workspaceId: workspace.id, postId: post.id, channelId: channels[(i + k + c) % channels.length]!.id, text, scheduledAt: post.scheduledAt, ...variantFingerprint(text) };
        }),
      ),
    });
  }
  const session = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sessionId", session.id);
  cookieSession.set("lastWorkspace", "bench");
  const cookie = (await sessionStorage().commitSession(cookieSession)).split(";")[0]!;
  const request = () => new Request(`http://localhost/w/bench?view=month&date=${month.toISODate()}`, { headers: { Cookie: cookie } });
  const call = () => loader({ request: request(), params: { slug: "bench" }, context: {} } as never);

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
  await prisma.$disconnect();
  await sandbox.cleanUp();
  console.log(`Calendar month view with ${POSTS} posts (${POSTS * 2} variants) in the month, the route loader as the server runs it (${RUNS} requests)`);
  console.log(`  p50 ${percentile(timings, 50).toFixed(1)} ms   p95 ${percentile(timings, 95).toFixed(1)} ms   max ${timings.at(-1)!.toFixed(1)} ms   (target p95 ≤ 80 ms)`);
  console.log(`  loader data: ${(bytes / 1024).toFixed(0)} KiB of JSON`);
}
