// From source (vitest, the benchmark) a worker thread does not inherit `--import tsx`: this
// loads the task's TypeScript through tsx's API. Built, build/worker/plan-work.js is used.
import { tsImport } from "tsx/esm/api";

const task = await tsImport("./plan-work.ts", import.meta.url);
export default task.default;
