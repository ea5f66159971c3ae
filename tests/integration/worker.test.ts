// The worker process: consumes Bull jobs from Redis, and on SIGTERM lets running jobs
// finish before it exits. Uses its own Redis prefix, apart from the run's shared worker.
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { exited, startProcess, stop, waitFor } from "../support/processes";

const prefix = `${process.env.REDIS_PREFIX}-worker`;
process.env.REDIS_PREFIX = prefix;

const { createLogger } = await import("~/utils/logger.server");
const { startWorker } = await import("../../workers/runtime");
const { heartbeatKey } = await import("~/utils/queues.server");
const { redis } = await import("~/utils/redis.server");

afterAll(async () => {
  const keys = await redis().keys(`${prefix}:*`);
  if (keys.length) await redis().del(...keys);
});

describe("worker", () => {
  it("finishes a running job before it stops", async () => {
    const events: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = await startWorker(createLogger("test-worker", "silent"), {
      slow: async () => {
        events.push("job started");
        started();
        await new Promise((r) => setTimeout(r, 800));
        events.push("job finished");
      },
    });
    await worker.queues.maintenance!.add("slow", {});
    await running;
    await worker.stop();
    events.push("worker stopped");
    expect(events).toEqual(["job started", "job finished", "worker stopped"]);
  });

  it("runs as a process: heartbeat through the queue, JSON logs, clean exit on SIGTERM", async () => {
    await redis().del(heartbeatKey());
    const worker = startProcess("workers/index.ts", { REDIS_PREFIX: prefix, LOG_LEVEL: "info" });
    onTestFinished(() => stop(worker.child));
    const beat = await waitFor("a heartbeat", async () => (await redis().get(heartbeatKey())) ?? undefined, 30_000);
    const { at, jobId } = JSON.parse(beat) as { at: string; jobId: string };
    expect(Date.now() - Date.parse(at)).toBeLessThan(30_000);
    expect(jobId).toBeTruthy();
    worker.child.kill("SIGTERM");
    expect(await exited(worker.child)).toBe(0);
    const lines = worker.output().trim().split("\n").map((line) => JSON.parse(line) as { msg: string; service: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["worker started", "shutdown requested", "worker stopped"]));
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set(["rytm-worker"]));
  });

  it("refuses to start with a broken environment, naming the variable", async () => {
    const worker = startProcess("workers/index.ts", { REDIS_URL: "http://not-redis" });
    expect(await exited(worker.child)).toBe(2);
    expect(worker.output()).toContain("REDIS_URL must be a redis:// or rediss:// URL");
  });
});
