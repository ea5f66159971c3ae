// The one Prisma client of a process, kept across dev-server reloads so that each edit
// does not open another connection pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { databasePool } from "./database-pool.server";
import { env } from "./env.server";

declare global {
  var __rytmPrisma: PrismaClient | undefined;
}

function createClient() {
  const size = env().DATABASE_POOL_SIZE;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: size, min: databasePool.keepOpen ? size : 0 }) });
}

export const prisma: PrismaClient = (globalThis.__rytmPrisma ??= createClient());

/** Opens every connection of the pool now (the worker does at start), not when a burst needs them. */
export async function openDatabasePool() {
  await Promise.all(Array.from({ length: env().DATABASE_POOL_SIZE }, () => prisma.$queryRaw`SELECT 1 AS open FROM pg_sleep(0.02)`));
}

/** True for a unique-constraint violation (two requests racing to create the same row). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
