// For operators and load balancers: is the database reachable, is Redis, and has a worker
// consumed a job lately? 200 when all three hold, 503 otherwise, with the reason.
import { prisma } from "~/utils/db.server";
import { heartbeatKey } from "~/utils/queues.server";
import { redis } from "~/utils/redis.server";

const settle = <T,>(promise: Promise<T>) => promise.then((value) => ({ ok: true as const, value }), (error: Error) => ({ ok: false as const, error: error.message }));

export async function loader() {
  const [database, cache] = await Promise.all([settle(prisma.$queryRaw`SELECT 1`), settle(redis().get(heartbeatKey()))]);
  const beat = cache.ok && cache.value ? (JSON.parse(cache.value) as { at: string }) : null;
  const checks = {
    database: database.ok ? "ok" : `unreachable: ${database.error}`,
    redis: cache.ok ? "ok" : `unreachable: ${cache.error}`,
    worker: beat ? `ok (last job ${beat.at})` : "no worker has consumed a job in the last minute",
  };
  const healthy = database.ok && cache.ok && beat !== null;
  return Response.json({ status: healthy ? "ok" : "degraded", checks }, { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
