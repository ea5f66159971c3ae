// "All my brands" (/calendar) for a freelancer in 10 workspaces of 500 posts each (two
// channels each, spread over four weeks from the measured week), beside 5 workspaces of
// the same size they do not belong to: the route's own loader called as the server calls it
// (session, memberships, the posts of exactly those workspaces), week and list view, three
// runs. The floor, same run: the loader's first two steps alone (the session and the
// person's memberships), what any page that lists someone's brands pays.
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { startSandbox } from "../scripts/sandbox.ts";

const BRANDS = 10;
const FOREIGN = 5;
const POSTS = 500;
const RUNS = 3;
const CALLS = 60;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function allBrands() {
  const sandbox = await startSandbox("all-brands", { NODE_ENV: "production" });
  const { prisma } = await import("../app/utils/db.server.ts");
  const { sessionStorage } = await import("../app/utils/session.server.ts");
  const { requireUser } = await import("../app/utils/auth.server.ts");
  const { listBrandsOf } = await import("../app/models/all-brands.server.ts");
  const { loader } = await import("../app/routes/calendar.tsx");
  const zone = "Europe/Warsaw";
  const zones = ["Europe/Warsaw", "America/New_York", "Asia/Tokyo", "Europe/London", "Australia/Sydney"];
  const user = await prisma.user.create({ data: { email: "bench@rytm.example", name: "Bench", passwordHash: "-" }, select: { id: true } });
  const week = DateTime.now().setZone(zone).plus({ weeks: 1 }).startOf("week");
  const minutes = 28 * 24 * 60;
  const categories = ["educational", "engagement", "curated", "news", "promotional"];
  for (let b = 0; b < BRANDS + FOREIGN; b++) {
    const workspace = await prisma.workspace.create({ data: { name: `Brand ${b}`, slug: `brand-${b}`, timeZone: zones[b % zones.length]!, mixRules: {} }, select: { id: true } });
    if (b < BRANDS) await prisma.membership.create({ data: { userId: user.id, workspaceId: workspace.id, role: b % 3 === 2 ? "VIEWER" : "EDITOR" } });
    const channels = await prisma.channel.createManyAndReturn({
      data: ["x", "mastodon", "linkedin"].map((network) => ({ workspaceId: workspace.id, network: network as "x", name: `Brand ${b} ${network}` })),
      select: { id: true },
    });
    const posts = await prisma.post.createManyAndReturn({
      data: Array.from({ length: POSTS }, (_, n) => ({
        workspaceId: workspace.id,
        title: `Brand ${b} post ${n}`,
        category: categories[n % categories.length]!,
        status: "APPROVED" as const,
        scheduledAt: week.plus({ minutes: Math.floor((n / POSTS) * minutes) + b * 7 }).toJSDate(),
      })),
      select: { id: true, scheduledAt: true },
    });
    await prisma.variant.createMany({
      data: posts.flatMap((post, k) => [0, 1].map((c) => ({ workspaceId: workspace.id, postId: post.id, channelId: channels[(k + c) % channels.length]!.id, text: `Brand ${b} text ${k} ${c}`, scheduledAt: post.scheduledAt }))),
    });
  }
  // As autovacuum would by now: the planner needs statistics of the freshly loaded tables.
  await prisma.$executeRawUnsafe("ANALYZE");
  const session = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sessionId", session.id);
  const cookie = `${(await sessionStorage().commitSession(cookieSession)).split(";")[0]!}; rytm_zone=${encodeURIComponent(zone)}`;
  const request = (view: string) => new Request(`http://localhost/calendar?view=${view}&date=${week.toISODate()}`, { headers: { Cookie: cookie } });
  const timed = async (call: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await call();
    const timings: number[] = [];
    let bytes = 0;
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const data = await call();
      timings.push(performance.now() - started);
      bytes = JSON.stringify(data).length;
    }
    return { sorted: timings.sort((a, b) => a - b), bytes };
  };
  const line = (name: string, { sorted, bytes }: { sorted: number[]; bytes: number }, target = "") =>
    `    ${name.padEnd(24)} p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   max ${sorted.at(-1)!.toFixed(1)} ms${target}${bytes ? `, ${(bytes / 1024).toFixed(0)} KiB of loader data` : ""}`;
  console.log(`All my brands: ${BRANDS} workspaces × ${POSTS} posts (${POSTS * 2} variants each) over four weeks, ${FOREIGN} more workspaces not theirs (${CALLS} loader calls per run)`);
  for (let run = 1; run <= RUNS; run++) {
    const floor = await timed(async () => {
      const person = await requireUser(request("week"));
      await listBrandsOf(person.id);
      return null;
    });
    const weekView = await timed(() => loader({ request: request("week"), params: {}, context: {} } as never));
    const listView = await timed(() => loader({ request: request("list"), params: {}, context: {} } as never));
    console.log(`  run ${run}:`);
    console.log(line("floor (session + brands)", floor));
    console.log(line("week loader", weekView, "   (target p95 ≤ 80 ms)"));
    console.log(line("list loader", listView, "   (target p95 ≤ 80 ms)"));
  }
  await prisma.$disconnect();
  await sandbox.cleanUp();
}
