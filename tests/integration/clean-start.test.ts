// A newcomer's first two commands, as root in a private folder (docs/decisions/0059–0062):
// a fresh clone into a mode-700 folder (as /root is in most containers, which the postgres
// system user cannot enter), `npm install` and `npm start` until the sign-in page answers and
// the worker is up — and nothing in their output a newcomer must wonder about.
//
// `npm install` really installs, from this machine's npm cache (`--prefer-offline`; the
// registry is asked only about what the cache lacks), so that node_modules lies inside the
// private folder as it does in a real clone (about 40 s of the test). The clone is of the
// repository's HEAD: what is not committed is not in it.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { exited, freePort, waitFor } from "../support/processes";

const repository = path.resolve(fileURLToPath(import.meta.url), "../../..");

// What a newcomer's shell has: none of the test run's settings (database, Redis, NODE_ENV=test)
// and none of the npm_* variables `npm test` hands its children.
function newcomerShell(port: number): Record<string, string> {
  const kept = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "TERM", "TMPDIR"];
  const env: Record<string, string> = {};
  for (const key of kept) if (process.env[key] !== undefined) env[key] = process.env[key];
  // The private redis-server path (nothing answers on this port): a shared Redis's default
  // `rytm` prefix would mix this run's jobs with any other Rytm on the machine.
  return { ...env, PORT: String(port), HOST: "127.0.0.1", RYTM_LOCAL_REDIS_URL: "redis://127.0.0.1:1" };
}

/** Lines a newcomer would stop at: npm's warnings, Node's and libraries' warnings and deprecations. */
const worrying = (output: string) => output.split("\n").filter((line) => /warn|deprecat/i.test(line));

describe("a fresh clone as root in a private folder", () => {
  it("installs and starts with no warning, PostgreSQL running as its own user, the data folder named in full", async () => {
    const privateDir = mkdtempSync(path.join(tmpdir(), "rytm-clone-"));
    chmodSync(privateDir, 0o700);
    expect(statSync(privateDir).mode & 0o077).toBe(0);
    const clone = path.join(privateDir, "rytm");
    onTestFinished(() => {
      // The data that the postgres user kept outside the private folder goes with the clone.
      const link = path.join(clone, ".rytm", "pg");
      if (existsSync(link) && lstatSync(link).isSymbolicLink()) rmSync(path.dirname(readlinkSync(link)), { recursive: true, force: true });
      rmSync(privateDir, { recursive: true, force: true });
    });
    expect(spawnSync("git", ["clone", "--quiet", repository, clone]).status).toBe(0);

    const port = await freePort();
    const env = newcomerShell(port) as NodeJS.ProcessEnv;
    const install = spawn("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"] });
    let installOutput = "";
    install.stdout.on("data", (chunk: Buffer) => (installOutput += chunk.toString()));
    install.stderr.on("data", (chunk: Buffer) => (installOutput += chunk.toString()));
    expect(await exited(install), installOutput).toBe(0);
    expect(worrying(installOutput), installOutput).toEqual([]);

    let output = "";
    // Its own process group, as a terminal gives it: Ctrl+C reaches npm and everything below.
    const child = spawn("npm", ["start"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const ctrlC = () => process.kill(-child.pid!, "SIGINT");
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    onTestFinished(async () => {
      if (child.exitCode === null && child.signalCode === null) ctrlC();
      await exited(child);
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    // /healthz is ok only when the database, Redis and a worker's heartbeat all are.
    await waitFor("Rytm to answer /healthz", async () => ((await fetch(`${baseUrl}/healthz`)).ok ? true : undefined), 240_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    const signIn = await fetch(`${baseUrl}/login`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toMatch(/type="password"/);
    await waitFor("the worker's start in the log", async () => (output.includes('"msg":"worker started"') ? true : undefined), 10_000);

    const dataLine = output.split("\n").find((line) => line.includes("database:     embedded PostgreSQL"));
    expect(dataLine, output).toMatch(/\(data in \/\S+/);
    expect(dataLine).toContain(`linked from ${clone}/.rytm/pg`);
    expect(output).toMatch(/Redis: {8}private redis-server on 127\.0\.0\.1:\d+ \(data in \//);
    // A real request or two, so that whatever warns at its first use has had the chance.
    expect((await fetch(`${baseUrl}/`, { redirect: "manual" })).status).toBeLessThan(500);
    expect(worrying(output), output).toEqual([]);

    // Ctrl+C: npm itself ends by the signal, after the start script stopped the web server, the
    // worker and the services it started (PostgreSQL removes its postmaster.pid when it stops).
    const databaseDir = /\(data in (\S+?),/.exec(dataLine!)?.[1] ?? "";
    expect(existsSync(path.join(databaseDir, "postmaster.pid"))).toBe(true);
    ctrlC();
    await exited(child);
    expect(output).toContain('"msg":"worker stopped"');
    expect(existsSync(path.join(databaseDir, "postmaster.pid"))).toBe(false);
    expect(worrying(output), output).toEqual([]);
  }, 420_000);
});
