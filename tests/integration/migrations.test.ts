import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase } from "../../prisma/database.server";
import { deployMigrations, openEngine } from "../../prisma/schema-engine.server";

const url = `postgresql://postgres@127.0.0.1:5432/rytm_migrations_${randomBytes(4).toString("hex")}`;

describe("migrations", () => {
  afterAll(() => dropDatabase(url));

  it("turn an empty database into exactly schema.prisma, and run once", async () => {
    const applied = await deployMigrations(url);
    expect(applied.length).toBeGreaterThan(0);
    expect(await deployMigrations(url)).toEqual([]);

    const engine = await openEngine(url);
    try {
      expect(await engine.liveSchemaDrift()).toBe("");
      expect(await engine.pendingSchemaChange()).toBe("");
    } finally {
      await engine.dispose();
    }
  });

  it("notice when the live database drifts from the schema", async () => {
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    await client.query('ALTER TABLE "Post" ADD COLUMN "stray" integer');
    await client.end();
    const engine = await openEngine(url);
    try {
      expect(await engine.liveSchemaDrift()).toMatch(/DROP COLUMN "stray"/);
    } finally {
      await engine.dispose();
    }
  });
});
