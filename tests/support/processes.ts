// Starting Rytm's real processes (web server, worker) for tests, and waiting on them.
import { type ChildProcess, spawn } from "node:child_process";
export { freePort } from "../../scripts/local-services.ts";

export type Started = { child: ChildProcess; output: () => string };

/** Runs a TypeScript entry point; `env` adds to this process's environment unless `inheritEnv` is false. */
export function startProcess(script: string, env: Record<string, string>, args: string[] = [], inheritEnv = true, nodeFlags: string[] = []): Started {
  let output = "";
  // Plain node (with tsx's loader for TypeScript), so that a signal reaches the process under test itself.
  const child = spawn(process.execPath, [...nodeFlags, ...(script.endsWith(".ts") ? ["--import", "tsx"] : []), script, ...args], {
    env: (inheritEnv ? { ...process.env, ...env } : env) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The exit code; null when a signal ended the process. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await exited(child);
}
