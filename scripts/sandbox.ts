// A throwaway Rytm for drills and benchmarks: an embedded PostgreSQL with every migration,
// a Redis key prefix of its own, fresh secrets — set in this process's environment before
// any app module reads it. `cleanUp` removes the Redis keys and stops the database.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./local-services.ts";

export async function startSandbox(label: string, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `rytm-${label}-`));
  const database = await startEmbeddedPostgres(dataDir);
  const prefix = `rytm-${label}-${randomBytes(3).toString("hex")}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    REDIS_PREFIX: prefix,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
    // Drills and benches talk to fake networks on loopback, which the outbound guard
    // (decision 0063) refuses unless told otherwise.
    ALLOW_PRIVATE_NETWORK_ADDRESSES: "true",
    ...env,
  });
  const { deployMigrations } = await import("../prisma/schema-engine.server.ts");
  await deployMigrations(database.url);
  return {
    dataDir,
    database,
    prefix,
    async cleanUp(stopDatabase = database.stop) {
      const { redis } = await import("../app/utils/redis.server.ts");
      const keys = await redis().keys(`${prefix}:*`);
      if (keys.length) await redis().del(...keys);
      redis().disconnect();
      const { prisma } = await import("../app/utils/db.server.ts");
      await prisma.$disconnect();
      await stopDatabase();
    },
  };
}
