// The fault drill (`npm run drill`) in a smaller size: SIGKILLs while publishing, a Redis
// flush with jobs pending and a PostgreSQL restart; no duplicate, nothing lost.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("fault drill", () => {
  it("publishes every variant exactly once through worker kills, a Redis flush and a PostgreSQL restart", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/fault-drill.ts", "--variants", "150", "--kills", "6", "--json"], {
      encoding: "utf8",
      env: { ...process.env, REDIS_URL: process.env.REDIS_URL },
      timeout: 240_000,
    });
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { duplicates: number; lost: number; byStatus: Record<string, number>; variants: number };
    expect(run.status, run.stderr).toBe(0);
    expect(result).toMatchObject({ duplicates: 0, lost: 0 });
    expect(result.byStatus.PUBLISHED).toBe(result.variants);
  }, 300_000);
});
