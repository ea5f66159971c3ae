// `npm start`: from a fresh clone to a running Rytm, with nothing configured.
// - No .env: one is written with fresh secrets (DATABASE_URL and REDIS_URL left unset).
// - DATABASE_URL unset: an embedded PostgreSQL keeps its data in .rytm/pg.
// - REDIS_URL unset: the Redis on 127.0.0.1:6379, else a private redis-server in .rytm/redis.
// - Both set (production): those servers are used, and an unreachable one stops the start
//   within seconds, naming the variable and the host.
// Then: migrations, the demo on an empty database (first start only), a build, and the web
// server and the worker side by side until Ctrl+C, which stops everything it started.
// `npm run dev` does the same with the Vite dev server instead of a build.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import dotenv from "dotenv";
import { type Service, StartError, configuredPostgres, configuredRedis, startEmbeddedPostgres, startLocalRedis } from "./local-services.ts";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "./worker-command.ts";

const dev = process.argv.includes("--dev");
// Several processes started from one build (or a build made in CI/CD) skip building.
const skipBuild = process.argv.includes("--skip-build");
// An empty variable (as the generated .env writes the ones left open) counts as unset.
const dataDir = process.env.RYTM_DATA_DIR || ".rytm";
const envFile = process.env.RYTM_ENV_FILE || ".env";

function ensureDotEnv() {
  if (existsSync(envFile) || process.env.SESSION_SECRET) return;
  const text = readFileSync(".env.example", "utf8")
    .replace(/^SESSION_SECRET=$/m, `SESSION_SECRET=${randomBytes(32).toString("hex")}`)
    .replace(/^ENCRYPTION_KEY=$/m, `ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`);
  writeFileSync(envFile, text, { mode: 0o600 });
  console.log(`Created ${envFile} with fresh secrets.`);
}

const services: Service[] = [];
async function stopServices() {
  for (const service of services.reverse()) await service.stop().catch((error: Error) => console.error(error.message));
}

// SIGHUP: the terminal closed. The services and processes started here run in process groups
// of their own, so these signals reach only this script, which stops them.
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
// Until the web server and the worker run, a signal stops the services started so far.
const stopWhilePreparing = () => void stopServices().then(() => process.exit(130));
for (const signal of SIGNALS) process.on(signal, stopWhilePreparing);

async function prepare() {
  ensureDotEnv();
  dotenv.config({ path: envFile, quiet: true });
  if (!dev) process.env.NODE_ENV ||= "production";

  const database = process.env.DATABASE_URL
    ? await configuredPostgres(process.env.DATABASE_URL)
    : await startEmbeddedPostgres(dataDir);
  services.push(database);
  const redis = process.env.REDIS_URL
    ? await configuredRedis(process.env.REDIS_URL)
    : await startLocalRedis(dataDir, process.env.RYTM_LOCAL_REDIS_URL || undefined);
  services.push(redis);
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = redis.url;

  const { EnvError, env } = await import("../app/utils/env.server.ts");
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) throw new StartError(error.message);
    throw error;
  }

  const { deployMigrations } = await import("../prisma/schema-engine.server.ts");
  const applied = await deployMigrations(config.DATABASE_URL);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

  const { prisma } = await import("../app/utils/db.server.ts");
  const { DEMO_PASSWORD, demoUsers, seedDemo } = await import("../prisma/demo-data.ts");
  if ((await prisma.user.count()) === 0) {
    const counts = await seedDemo();
    console.log(`Seeded the demo: ${counts.workspaces} workspaces, ${counts.posts} posts.`);
  }
  await prisma.$disconnect();

  if (!dev && !skipBuild) {
    // What `npm run build` does, with quieter output.
    for (const [command, args] of [["node_modules/.bin/remix", ["vite:build", "--logLevel", "warn"]], ["npm", ["run", "--silent", "build:worker"]]] as const) {
      if (spawnSync(command, args, { stdio: "inherit" }).status !== 0) throw new StartError("The app did not build (see above).");
    }
  }
  const host = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  return [
    `Rytm: http://${host}:${config.PORT}`,
    `  demo sign-in: ${demoUsers[0].email} / ${DEMO_PASSWORD}`,
    `  database:     ${database.description}`,
    `  Redis:        ${redis.description}`,
    `  mail:         ${config.SMTP_URL ? `sent through ${new URL(config.SMTP_URL).host}` : `no SMTP_URL: written to the worker's log, and listed at http://${host}:${config.PORT}/admin/mail for operators`}`,
    "  Ctrl+C stops the web server and the worker.",
  ].join("\n");
}

function run(summary: string) {
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    const finish = () => void stopServices().then(() => process.exit(code));
    let left = running.length;
    if (left === 0) finish();
    for (const child of running) {
      child.once("exit", () => {
        if (--left === 0) finish();
      });
      child.kill("SIGTERM");
    }
  };
  // Plain node (with tsx's loader where TypeScript runs directly): signals reach the process
  // itself, not a relaying wrapper. In production the worker runs from its bundle.
  for (const [name, args] of [
    ["web", ["--import", "tsx", "server/index.ts", ...(dev ? ["--dev"] : [])]],
    ["worker", dev ? ["--import", "tsx", "workers/index.ts"] : [...WORKER_NODE_FLAGS, WORKER_BUNDLE]],
  ] as const) {
    // In a process group of its own, as are the database and Redis: Ctrl+C in a terminal signals
    // the whole foreground group, and this script, not the terminal, decides the order of the stop
    // (web and worker first, each told once; the services they use last).
    const child = spawn(process.execPath, args, { stdio: "inherit", env: process.env, detached: true });
    child.on("exit", (code) => {
      if (!stopping) console.error(`The ${name} process exited (${code ?? "signal"}); stopping Rytm.`);
      stopAll(code ?? 1);
    });
    children.push(child);
  }
  for (const signal of SIGNALS) {
    process.off(signal, stopWhilePreparing);
    process.on(signal, () => stopAll(0));
  }
  console.log(`\n${summary}\n`);
}

try {
  run(await prepare());
} catch (error) {
  await stopServices();
  // A known problem gets its message; anything else its stack, since it is a bug.
  console.error(error instanceof StartError ? `\n${error.message}\n` : error);
  process.exit(1);
}
