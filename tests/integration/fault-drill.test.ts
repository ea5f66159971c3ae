// The fault drill (`npm run drill`) in a smaller size: SIGKILLs while publishing, a Redis
// flush with jobs pending, a PostgreSQL restart, and networks that create a post and then
// fail or answer too late; no duplicate at any network, nothing lost.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

describe("fault drill", () => {
  it("publishes every variant exactly once through worker kills, a Redis flush, a PostgreSQL restart and networks failing after posting", async () => {
    // Asynchronously: a test worker blocked for two minutes misses Vitest's own RPC deadline
    // ("Timeout calling onTaskUpdate"), which fails the run although every test passed.
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/fault-drill.ts", "--variants", "150", "--kills", "6", "--json"], {
      encoding: "utf8",
      env: { ...process.env, REDIS_URL: process.env.REDIS_URL },
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    })
      .then((done) => ({ ...done, code: 0 }))
      .catch((error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? "", code: error.code ?? 1 }));
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as {
      duplicates: number;
      duplicatesByNetwork: Record<string, number>;
      faults: Record<string, number>;
      lost: number;
      byStatus: Record<string, number>;
      variants: number;
    };
    expect(run.code, run.stderr).toBe(0);
    const networks = ["mastodon", "bluesky", "x", "linkedin", "facebook", "threads"];
    expect(result.duplicatesByNetwork).toEqual(Object.fromEntries(networks.map((n) => [n, 0])));
    // Every 8th publish request fails, three ways in turn: each network's ~31 variants see each way.
    for (const network of networks) expect(result.faults[network], `faults injected at ${network}`).toBeGreaterThanOrEqual(3);
    expect(result).toMatchObject({ duplicates: 0, lost: 0 });
    expect(result.byStatus.PUBLISHED).toBe(result.variants);
  }, 300_000);
});
