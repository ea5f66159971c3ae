// The database and Redis that `npm start` uses: the configured ones (checked, failing
// fast with the variable and host named), or, when a variable is not set, an embedded
// PostgreSQL and a local or private Redis, kept under the project's data folder.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { PostgresSetupError, startPostgres } from "./embedded-postgres.ts";

export type Service = { url: string; description: string; stop: () => Promise<void> };

export class StartError extends Error {}

const noop = async () => {};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const hostOf = (url: string) => {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith("redis") ? 6379 : 5432)}`;
  } catch {
    return "(unparseable URL)";
  }
};

/** Connects once to the configured PostgreSQL; a clear error within a few seconds if it cannot. */
export async function checkPostgres(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = (error as Error).message || (error as NodeJS.ErrnoException).code || "no answer";
    // A missing database is fine: the migration step creates it.
    if ((error as { code?: string }).code === "3D000") return;
    throw new StartError(`DATABASE_URL: cannot reach PostgreSQL at ${hostOf(url)} (${reason}). Check that it runs and that the URL is right, or unset DATABASE_URL to use an embedded PostgreSQL.`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function checkRedis(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The embedded PostgreSQL (docs/decisions/0008, 0061), its data under `dataDir`; a known problem is a StartError. */
export async function startEmbeddedPostgres(dataDir: string, fixedPort?: number): Promise<Service & { port: number }> {
  const port = fixedPort ?? (await freePort());
  const server = await startPostgres(dataDir, port).catch((error: Error) => {
    throw error instanceof PostgresSetupError ? new StartError(error.message) : error;
  });
  const { databaseDir, linkedFrom, closed } = server.place;
  return {
    port,
    url: server.url("rytm"),
    description: linkedFrom
      ? `embedded PostgreSQL (data in ${databaseDir}, linked from ${linkedFrom}: its postgres user cannot enter ${closed})`
      : `embedded PostgreSQL (data in ${databaseDir})`,
    stop: server.stop,
  };
}

const INSTALL_REDIS = [
  "No Redis found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and there is no redis-server on the PATH.",
  "Install one and start again:",
  "  Debian/Ubuntu: sudo apt-get install redis-server",
  "  macOS:         brew install redis",
  "or set REDIS_URL to a Redis you run elsewhere (e.g. redis://redis.internal:6379).",
].join("\n");

/** A Redis already listening on the usual local port, or a private redis-server. */
export async function startLocalRedis(dataDir: string, localUrl = "redis://127.0.0.1:6379"): Promise<Service> {
  if (await checkRedis(localUrl, 1000)) return { url: localUrl, description: `local Redis at ${hostOf(localUrl)}`, stop: noop };
  if (spawnSync("redis-server", ["--version"]).status !== 0) throw new StartError(INSTALL_REDIS);
  const dir = path.resolve(dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--appendonly", "yes", "--save", "", "--daemonize", "no"],
    // Its own process group: a terminal's Ctrl+C is for `npm start`, which stops it last.
    { stdio: "ignore", detached: true },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await checkRedis(url, 500)); i++) await new Promise((r) => setTimeout(r, 100));
  if (child.exitCode !== null || !(await checkRedis(url, 500))) throw new StartError(`A private redis-server did not start on port ${port}.`);
  return {
    url,
    description: `private redis-server on 127.0.0.1:${port} (data in ${dir})`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function configuredRedis(url: string): Promise<Service> {
  if (!(await checkRedis(url))) {
    throw new StartError(`REDIS_URL: cannot reach Redis at ${hostOf(url)}. Check that it runs and that the URL is right, or unset REDIS_URL to use a local one.`);
  }
  return { url, description: `Redis at ${hostOf(url)} (REDIS_URL)`, stop: noop };
}

export async function configuredPostgres(url: string): Promise<Service> {
  await checkPostgres(url);
  return { url, description: `PostgreSQL at ${hostOf(url)} (DATABASE_URL)`, stop: noop };
}
