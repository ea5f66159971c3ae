// Read by the Prisma CLI (`prisma generate`, and `prisma migrate deploy` on machines that can
// fetch Prisma's native engine). Rytm's own migration scripts live in prisma/migrate.ts.
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
