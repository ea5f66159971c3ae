// How production runs the worker, shared by `npm start`, the tests and the benchmark
// (package.json's `npm run worker` spells the same). The old-generation heap is capped so
// that V8 collects before the process grows past its memory budget (300 MB RSS under a
// burst of 10,000 due posts); the live set is far smaller.
export const WORKER_BUNDLE = "build/worker/index.js";
export const WORKER_NODE_FLAGS = ["--max-old-space-size=160"];
