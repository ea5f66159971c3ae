// Whether answering reveals accounts by its timing: the sign-up and password-reset actions,
// and a failed sign-in, called as the server calls them, for addresses with and without an
// account, interleaved. Each request comes from its own client address and names its own
// e-mail address, so no limit interferes.
import { performance } from "node:perf_hooks";
import { startSandbox } from "../scripts/sandbox.ts";

const RUNS = Number(process.env.BENCH_ACCOUNT_RUNS ?? 150);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (timings: number[]) => {
  const sorted = [...timings].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms  p95 ${percentile(sorted, 95).toFixed(2)} ms`;
};

export async function accountTiming() {
  const sandbox = await startSandbox("accounts", { NODE_ENV: "production", APP_URL: "http://bench.invalid" });
  const { prisma } = await import("../app/utils/db.server.ts");
  const { hashPassword } = await import("../app/utils/password.server.ts");
  const signup = await import("../app/routes/signup.tsx");
  const forgot = await import("../app/routes/forgot-password.tsx");
  const login = await import("../app/routes/login.tsx");
  const passwordHash = await hashPassword("bench password 1234");
  await prisma.user.createMany({ data: Array.from({ length: RUNS * 3 }, (_, i) => ({ email: `known${i}@bench.invalid`, name: "Bench", passwordHash })) });

  let n = 0;
  const post = (form: Record<string, string>) => {
    n++;
    return {
      request: new Request("http://bench.invalid/x", { method: "POST", body: new URLSearchParams(form), headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      context: { clientAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, cspNonce: "" },
      params: {},
    };
  };
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run().catch((response: unknown) => response);
    return performance.now() - started;
  };

  console.log(`Answer times for addresses with and without an account (${RUNS} of each, interleaved)`);
  const cases: [string, (email: string) => Promise<unknown>][] = [
    ["sign-up", (email) => signup.action(post({ email }))],
    ["password reset request", (email) => forgot.action(post({ email }))],
    ["sign-in, wrong password", (email) => login.action(post({ email, password: "wrong password" }))],
  ];
  let offset = 0;
  for (const [label, run] of cases) {
    // Warm-up: the first calls load modules and open connections.
    for (let i = 0; i < 5; i++) await run(`warm${offset + i}@bench.invalid`);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      known.push(await time(() => run(`known${offset + i}@bench.invalid`)));
      unknown.push(await time(() => run(`nobody${offset + i}@bench.invalid`)));
    }
    offset += RUNS;
    console.log(`  ${label.padEnd(24)} with an account: ${summary(known)}   without: ${summary(unknown)}`);
  }
  await sandbox.cleanUp();
}
