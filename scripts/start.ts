// `npm start`: from a fresh clone to a running Rytm. Creates .env with fresh secrets if
// there is none, creates and migrates the database, seeds the demo on an empty database,
// builds the app, then runs the web server and the worker side by side until stopped.
// `npm run dev` does the same with the Vite dev server instead of a build.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import dotenv from "dotenv";

const dev = process.argv.includes("--dev");

function ensureDotEnv() {
  if (existsSync(".env")) return;
  const text = readFileSync(".env.example", "utf8")
    .replace(/^SESSION_SECRET=$/m, `SESSION_SECRET=${randomBytes(32).toString("hex")}`)
    .replace(/^ENCRYPTION_KEY=$/m, `ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`);
  writeFileSync(".env", text, { mode: 0o600 });
  console.log("Created .env from .env.example with fresh secrets.");
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureDotEnv();
dotenv.config({ quiet: true });
if (!dev) process.env.NODE_ENV ??= "production";

const { EnvError, env } = await import("../app/utils/env.server.ts");
let config;
try {
  config = env();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const { deployMigrations } = await import("../prisma/schema-engine.server.ts");
const applied = await deployMigrations(config.DATABASE_URL);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const { prisma } = await import("../app/utils/db.server.ts");
if ((await prisma.user.count()) === 0) {
  const { DEMO_PASSWORD, demoUsers, seedDemo } = await import("../prisma/demo-data.ts");
  const counts = await seedDemo();
  console.log(`Seeded the demo: ${counts.workspaces} workspaces, ${counts.posts} posts.`);
  console.log(`Demo sign-in: ${demoUsers[0].email} / ${DEMO_PASSWORD} (also ${demoUsers.slice(1).map((u) => u.email).join(", ")})`);
}
await prisma.$disconnect();

if (!dev) run("npx", ["remix", "vite:build"]);

const children: ChildProcess[] = [];
let stopping = false;
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}
for (const [name, args] of [
  ["web", ["server/index.ts", ...(dev ? ["--dev"] : [])]],
  ["worker", ["workers/index.ts"]],
] as const) {
  const child = spawn("node_modules/.bin/tsx", args, { stdio: "inherit", env: process.env });
  child.on("exit", (code) => {
    if (!stopping) console.error(`The ${name} process exited (${code ?? "signal"}); stopping Rytm.`);
    stopAll(code ?? 1);
  });
  children.push(child);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
console.log(`\nRytm is starting at http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT} (web and worker; Ctrl+C stops both)\n`);
