// The CSV check of 10,000 similar rows ("another unique line N M": every row a near neighbour
// of every other, the case that was quadratic) through the production server, and while it
// runs, 20 `GET /login` from another client: the check must not hold the server's event loop.
// Three runs; each printed, then the medians.
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { startSandbox } from "../scripts/sandbox.ts";
import { startProductionServer } from "./production-server.ts";

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOGINS = 20;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function csvCheck() {
  const sandbox = await startSandbox("csv", { NODE_ENV: "production" });
  const { prisma } = await import("../app/utils/db.server.ts");
  const { sessionStorage } = await import("../app/utils/session.server.ts");
  const user = await prisma.user.create({ data: { email: "bench-csv@rytm.example", name: "Bench", passwordHash: "-" }, select: { id: true } });
  const workspace = await prisma.workspace.create({ data: { name: "Bench CSV", slug: "bench-csv", timeZone: "Europe/Warsaw", mixRules: {} }, select: { id: true } });
  await prisma.membership.create({ data: { userId: user.id, workspaceId: workspace.id, role: "EDITOR" } });
  const networks = ["linkedin", "x", "mastodon", "bluesky", "facebook", "threads"] as const;
  await prisma.channel.createMany({ data: networks.map((network) => ({ workspaceId: workspace.id, network, name: `Bench ${network}` })) });
  const session = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sessionId", session.id);
  const cookie = (await sessionStorage().commitSession(cookieSession)).split(";")[0]!;

  const start = DateTime.fromISO("2027-01-01T08:00", { zone: "Europe/Warsaw" });
  const csvOf = (text: (i: number) => string) => {
    const lines = ["date;time;channel;category;title;text"];
    for (let i = 0; i < ROWS; i++) {
      const at = start.plus({ minutes: i * 47 });
      lines.push(`${at.toFormat("yyyy-MM-dd")};${at.toFormat("HH:mm")};${networks[i % networks.length]};educational;Row ${i};${text(i)}`);
    }
    return `${lines.join("\n")}\n`;
  };
  // The probe's rows, and rows each a near-duplicate of all the others (every check finds one).
  const files = [
    { name: "similar rows (the probe's)", csv: csvOf((i) => `another unique line ${i} ${i * 7}`) },
    { name: "near-identical rows", csv: csvOf((i) => `Our spring workshop on sourdough baking is open for sign-ups: join us in the studio and bring a friend. Seat ${i}`) },
  ];

  const { base, stop } = await startProductionServer();

  const check = async (csv: string) => {
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new Blob([csv], { type: "text/csv" }), "plan.csv");
    const started = performance.now();
    const response = await fetch(`${base}/w/bench-csv/transfer/upload`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: base } });
    const body = (await response.json()) as { total: number; problems: unknown[]; rows: { violations: unknown[] }[] };
    const flagged = body.rows.filter((r) => r.violations.length > 0).length;
    if (response.status !== 200) throw new Error(`The check answered ${response.status}`);
    return { ms: performance.now() - started, total: body.total, problems: body.problems.length, flagged, shown: body.rows.length };
  };
  const login = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/login`);
    await response.text();
    if (response.status !== 200) throw new Error(`/login answered ${response.status}`);
    return performance.now() - started;
  };

  for (const file of files) {
    console.log(`CSV check of ${ROWS.toLocaleString("en")} ${file.name} through the server, and ${LOGINS} GET /login sent during it (${RUNS} runs)`);
    // Warm-up (modules, threads, connections); its length spaces the logins so all fall within a check.
    const gap = Math.max(5, ((await check(file.csv)).ms * 0.7) / LOGINS);
    const checks: number[] = [];
    const p95s: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const checking = check(file.csv);
      const logins: number[] = [];
      await sleep(gap);
      for (let i = 0; i < LOGINS; i++) {
        const took = await login();
        logins.push(took);
        await sleep(Math.max(0, gap - took));
      }
      const result = await checking;
      const sorted = logins.sort((a, b) => a - b);
      checks.push(result.ms);
      p95s.push(percentile(sorted, 95));
      console.log(
        `  run ${run}: check ${result.ms.toFixed(0)} ms (${result.total} rows, ${result.problems} problems, ${result.flagged} of the first ${result.shown} with a finding)   GET /login during it: p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`,
      );
    }
    console.log(`  median: check ${median(checks).toFixed(0)} ms (target ≤ 3000 ms)   GET /login p95 ${median(p95s).toFixed(1)} ms (target ≤ 100 ms)`);
  }
  await stop();
  await sandbox.cleanUp();
}
