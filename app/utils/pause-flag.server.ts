// A workspace's crisis pause, mirrored in Redis for the worker's last look before sending.
// PostgreSQL stays the truth (the claim checks it); the flag spares the few milliseconds
// before the time a database round trip, which under a burst was most of a post's lateness.
import { redis, redisKey } from "./redis.server";

const key = (workspaceId: string) => redisKey("paused", workspaceId);

export async function setPauseFlag(workspaceId: string, paused: boolean) {
  if (paused) await redis().set(key(workspaceId), "1");
  else await redis().del(key(workspaceId));
}

export async function pauseFlagged(workspaceId: string): Promise<boolean> {
  return (await redis().exists(key(workspaceId))) === 1;
}
