// Work that would hold the web server's event loop for long (a CSV of ten thousand rows, a
// month of a busy plan) done in a worker thread of the pool in app/utils/cpu-pool.server.ts.
// Pure: the same functions the server would call, on plain data in, plain data out.
import { type PlanContext, evaluatePlan } from "~/domain/mix-rules";
import { type ParseOptions, parsePlanCsv } from "~/domain/plan-csv";
import type { PlanItem } from "~/domain/plan-index";

export type PlanTask = { kind: "evaluate"; items: PlanItem[]; plan: PlanContext } | { kind: "parse"; content: string; options: ParseOptions };

export default function run(task: PlanTask) {
  return task.kind === "evaluate" ? evaluatePlan(task.items, task.plan) : parsePlanCsv(task.content, task.options);
}
