// `npm run bench`: Rytm's speed targets, measured in one run on this machine and printed
// as numbers (timings vary between machines; compare within a run).
import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { runLint } from "../cli/lint-command.ts";
import { evaluateNewPost } from "../app/domain/mix-rules.ts";
import { defaultMixRules } from "../app/domain/mix-rules-settings.ts";
import { PlanIndex } from "../app/domain/plan-index.ts";
import { benchChannels, generatePlan, random, sentence } from "./plan-generator.ts";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function newPostAgainstHistory() {
  const rules = defaultMixRules();
  const now = Date.UTC(2026, 11, 1);
  // 100,000 posts on 20 channels over 4½ years: about 3 a day on each channel.
  const history = generatePlan(100_000, now - 1600 * 86_400_000, 1650, 7);
  let started = performance.now();
  const index = new PlanIndex(history);
  const buildMs = performance.now() - started;
  const rand = random(11);
  const timings: number[] = [];
  let violations = 0;
  for (let i = 0; i < 500; i++) {
    const channel = benchChannels[i % benchChannels.length]!;
    const item = {
      postId: `new${i}`,
      channelId: channel.id,
      channelName: channel.name,
      network: channel.network,
      category: i % 4 === 0 ? "promotional" : "educational",
      at: now + Math.floor(rand() * 60 * 86_400_000),
      text: i % 10 === 0 ? history[Math.floor(rand() * history.length)]!.text : sentence(rand),
    };
    started = performance.now();
    violations += evaluateNewPost(index, [item], { rules, timeZone: "Europe/Warsaw", channels: benchChannels }).own.length;
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  console.log("One new post against a workspace history of 100,000 posts (500 posts checked)");
  console.log(`  index build (once per workspace load): ${ms(buildMs)}`);
  console.log(`  p50 ${ms(percentile(timings, 50))}   p95 ${ms(percentile(timings, 95))}   max ${ms(timings.at(-1)!)}   (target p95 ≤ 10 ms)`);
  console.log(`  violations found: ${violations}`);
}

async function lintCsv() {
  const rand = random(3);
  const categories = ["educational", "engagement", "curated", "news", "behind-the-scenes", "promotional", "offer"];
  const networks = ["linkedin", "x", "facebook", "mastodon", "bluesky", "threads"];
  const start = DateTime.fromISO("2027-01-01T08:00", { zone: "Europe/Warsaw" });
  const lines = ["date;time;channel;category;title;text;link;media"];
  for (let i = 0; i < 10_000; i++) {
    const at = start.plus({ minutes: Math.floor(rand() * 365 * 24 * 60) });
    const text = sentence(rand).replace(/"/g, "");
    lines.push(`${at.toFormat("dd.MM.yyyy")};${at.toFormat("HH:mm")};${networks[i % networks.length]};${categories[Math.floor(rand() * categories.length)]};Post ${i};"${text}";https://example.com/${i}?utm_source=x;`);
  }
  const file = path.join(await mkdtemp(path.join(tmpdir(), "rytm-bench-")), "plan-10k.csv");
  await writeFile(file, `\uFEFF${lines.join("\r\n")}\r\n`);
  let output = 0;
  const started = performance.now();
  const code = await runLint(["lint", file, "--format", "json"], { out: (t) => (output += t.length), err: (t) => (output += t.length) });
  const total = performance.now() - started;
  const cold = performance.now();
  const cli = spawnSync("node", ["bin/rytm.mjs", "lint", file, "--format", "json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const coldMs = performance.now() - cold;
  console.log("Lint a 10,000-row CSV (read, parse, validate, check every rule, render JSON)");
  console.log(`  total ${ms(total)}   (target ≤ 2000 ms)   exit code ${code}, ${output} characters of report`);
  console.log(`  the same as a fresh \`rytm lint\` process, start-up and TypeScript loading included: ${ms(coldMs)} (exit code ${cli.status})`);
}

// `npm run bench -- publish` (or `rules`, `csv`, `month`, `all-brands`, `accounts`, `notifications`, `media`) runs only that benchmark. Each of those starts
// its own database and app modules, so a full run gives each a fresh process.
const only = process.argv[2];
if (!only) {
  await newPostAgainstHistory();
  await lintCsv();
  for (const part of ["csv", "month", "all-brands", "publish", "accounts", "notifications", "media"]) {
    const { status } = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", part], { stdio: "inherit" });
    if (status !== 0) process.exit(status ?? 1);
  }
} else if (only === "rules") {
  await newPostAgainstHistory();
  await lintCsv();
} else if (only === "csv") {
  const { csvCheck } = await import("./csv-check.ts");
  await csvCheck();
} else if (only === "month") {
  const { monthView } = await import("./month-view.ts");
  await monthView();
} else if (only === "all-brands") {
  const { allBrands } = await import("./all-brands.ts");
  await allBrands();
} else if (only === "publish") {
  const { publishLateness } = await import("./publish-lateness.ts");
  await publishLateness();
} else if (only === "accounts") {
  const { accountTiming } = await import("./account-timing.ts");
  await accountTiming();
} else if (only === "media") {
  const { mediaUpload } = await import("./media-upload.ts");
  await mediaUpload();
} else if (only === "notifications") {
  const { notificationBurst } = await import("./notification-burst.ts");
  await notificationBurst();
} else {
  console.error(`Unknown benchmark "${only}": run all with \`npm run bench\`, or one with \`npm run bench -- rules\`, \`-- csv\`, \`-- month\`, \`-- publish\` or \`-- accounts\`.`);
  process.exit(2);
}
process.exit(0);
