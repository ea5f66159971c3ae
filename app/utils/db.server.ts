// The one Prisma client of a process, kept across dev-server reloads so that each edit
// does not open another connection pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

declare global {
  var __rytmPrisma: PrismaClient | undefined;
}

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE }) });
}

export const prisma: PrismaClient = (globalThis.__rytmPrisma ??= createClient());

/** True for a unique-constraint violation (two requests racing to create the same row). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
