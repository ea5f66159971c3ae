// `npm start` with nothing configured: an embedded PostgreSQL, a private redis-server,
// the demo seeded once, data kept across restarts; and a configured but unreachable
// database failing fast with a message, not a stack trace.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { DEMO_PASSWORD, demoUsers } from "../../prisma/demo-data";
import { Client } from "../support/http-client";
import { exited, freePort, startProcess, stop, waitFor } from "../support/processes";

// What a fresh laptop has: no DATABASE_URL, no REDIS_URL, no Redis on the usual port
// (pointed at a closed one, so that the private redis-server path runs).
function freshLaptop(dataDir: string, port: number) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !["DATABASE_URL", "REDIS_URL", "REDIS_PREFIX"].includes(key)) env[key] = value;
  return { ...env, RYTM_DATA_DIR: dataDir, RYTM_ENV_FILE: path.join(dataDir, "no.env"), RYTM_LOCAL_REDIS_URL: "redis://127.0.0.1:1", PORT: String(port), HOST: "127.0.0.1" };
}

async function startRytm(env: Record<string, string>) {
  const started = startProcess("scripts/start.ts", env, ["--skip-build"], false);
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  await waitFor("Rytm to answer /healthz", async () => ((await fetch(`${baseUrl}/healthz`)).ok ? true : undefined), 90_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${started.output()}`);
  });
  return { ...started, baseUrl };
}

describe("zero-setup start", () => {
  it("runs on an embedded PostgreSQL and a private Redis, and keeps the data across restarts", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "rytm-zero-"));
    const env = freshLaptop(dataDir, await freePort());

    const first = await startRytm(env);
    onTestFinished(() => stop(first.child));
    expect(first.output()).toContain("database:     embedded PostgreSQL");
    expect(first.output()).toContain("Redis:        private redis-server");
    expect(first.output()).toContain(`demo sign-in: ${demoUsers[0].email} / ${DEMO_PASSWORD}`);
    expect(first.output()).toContain("Seeded the demo");
    expect(first.output()).not.toMatch(/SESSION_SECRET=|ENCRYPTION_KEY=|rytm-local@/);
    const owner = await new Client(first.baseUrl).signIn(demoUsers[0].email, DEMO_PASSWORD);
    expect(await (await owner.get("/workspaces")).text()).toContain("Northwind Coffee");
    const created = await owner.post("/workspaces", { name: "Kept Across Restarts", timeZone: "Europe/Warsaw" });
    expect(created.status).toBe(302);
    first.child.kill("SIGTERM");
    expect(await exited(first.child)).toBe(0);

    const second = await startRytm(env);
    onTestFinished(() => stop(second.child));
    expect(second.output()).not.toContain("Seeded the demo");
    const again = await new Client(second.baseUrl).signIn(demoUsers[0].email, DEMO_PASSWORD);
    expect(await (await again.get("/workspaces")).text()).toContain("Kept Across Restarts");
  }, 240_000);

  it("stops within seconds, naming the variable and the host, when the configured database is unreachable", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "rytm-down-"));
    const env = { ...freshLaptop(dataDir, await freePort()), DATABASE_URL: "postgresql://postgres@127.0.0.1:1/rytm" };
    const started = Date.now();
    const run = startProcess("scripts/start.ts", env, ["--skip-build"], false);
    expect(await exited(run.child)).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.output()).toContain("DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1");
    expect(run.output()).not.toMatch(/\n\s+at /);
  });
});
