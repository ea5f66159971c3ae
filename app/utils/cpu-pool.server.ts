// A pool of worker threads (piscina) for plan work big enough to stall the web server: a
// request waiting on it leaves the event loop free for every other request. Small work stays
// inline, where a thread hop would cost more than it saves.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { evaluatePlan } from "~/domain/mix-rules";
import type { parsePlanCsv } from "~/domain/plan-csv";
import runInline, { type PlanTask } from "~/workers/plan-work";
import { env } from "~/utils/env.server";

/** Above this many plan items (or CSV bytes / 100), the work goes to a thread. */
export const INLINE_LIMIT = 500;

let pool: Piscina | undefined;

// Built (`npm start`, the tests' server) the task is its own bundle in build/worker; from
// source (vitest, the benchmark) a small module loads the TypeScript through tsx.
function taskFile() {
  const built = path.resolve(process.cwd(), "build/worker/plan-work.js");
  if (existsSync(built)) return built;
  return path.join(path.dirname(fileURLToPath(import.meta.url)), "../workers/plan-work-source.mjs");
}

function threads() {
  pool ??= new Piscina({ filename: taskFile(), minThreads: 0, maxThreads: env().PLAN_THREADS, idleTimeout: 30_000 });
  return pool;
}

export function runPlanTask(task: Extract<PlanTask, { kind: "evaluate" }>): Promise<ReturnType<typeof evaluatePlan>>;
export function runPlanTask(task: Extract<PlanTask, { kind: "parse" }>): Promise<ReturnType<typeof parsePlanCsv>>;
export async function runPlanTask(task: PlanTask) {
  const size = task.kind === "evaluate" ? task.items.length : task.content.length / 100;
  if (size <= INLINE_LIMIT) return runInline(task);
  return threads().run(task);
}
