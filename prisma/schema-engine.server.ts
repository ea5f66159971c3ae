// Prisma's schema engine compiled to WebAssembly, driven through the pg driver adapter.
// The native engine that `prisma migrate` downloads cannot be fetched on machines without
// internet access; this engine does the same work in-process (docs/decisions/0002).
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { ensureDatabase } from "./database.server.ts";

export const prismaDir = path.dirname(new URL(import.meta.url).pathname);
export const schemaPath = path.join(prismaDir, "schema.prisma");
export const migrationsDir = path.join(prismaDir, "migrations");

const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

let instantiated: Promise<void> | undefined;

// Node 20 cannot import a .wasm module without a flag, so the module is instantiated here.
function instantiateEngine(): Promise<void> {
  instantiated ??= (async () => {
    // The package exports no path to its .wasm file; it sits beside the glue module.
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return instantiated;
}

export async function readSchema() {
  return { path: schemaPath, content: await readFile(schemaPath, "utf8") };
}

export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(lockPath, "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

type AdapterFactory = Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0];

const PG_CHAR = 18;
const PG_TEXT = 25;

// The engine reads catalog columns of PostgreSQL's one-byte "char" type (constraint kinds),
// which the pg driver adapter cannot decode; they are plain text to the engine.
class CatalogPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((res: pg.QueryResult) => {
      for (const field of res.fields ?? []) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
      return res;
    }) as never;
  }
}

// PrismaPg runs a migration script by splitting it at every ";", which cuts a function body
// ($$ … $$, the plan-version triggers) apart; PostgreSQL's simple query protocol takes the
// whole script at once, as `prisma migrate deploy` sends it.
const connectTo = async (config: pg.PoolConfig) => {
  const pool = new CatalogPool(config);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
};

// PrismaPg's own shadow database drops the database while its pool still holds a
// connection, which PostgreSQL refuses; this one closes the pool first.
function adapterFactory(databaseUrl: string): AdapterFactory {
  const config = parseIntoClientConfig(databaseUrl) as pg.PoolConfig;
  const main = new PrismaPg(config);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => connectTo(config),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      const admin = new pg.Client(config);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await connectTo({ ...config, database: name });
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return shadow;
    },
  };
}

export interface Engine {
  /** SQL that takes a database holding all migrations to the schema; empty when they agree. */
  pendingSchemaChange(): Promise<string>;
  /** SQL that takes the live database to the schema; empty when they agree. */
  liveSchemaDrift(): Promise<string>;
  applyMigrations(): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function openEngine(databaseUrl: string, log: (line: string) => void = () => {}): Promise<Engine> {
  await instantiateEngine();
  const factory = adapterFactory(databaseUrl);
  const schema = await readSchema();
  const engine: SchemaEngine = await glue.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  const diff = async (from: Parameters<SchemaEngine["diff"]>[0]["from"]) => {
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return emptyDiffToBlank(result.stdout ?? "");
  };
  return {
    pendingSchemaChange: async () => {
      const migrations = await readMigrations();
      // Before the first migration there is no lock file naming the connector to diff from.
      return diff(migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" });
    },
    // "schemaDatasource" describes the database the adapter is connected to.
    liveSchemaDrift: () => diff({ tag: "schemaDatasource", files: [schema], configDir: prismaDir }),
    applyMigrations: async () => {
      const output = await engine.applyMigrations({
        migrationsList: await readMigrations(),
        filters: noFilters,
      });
      return output.appliedMigrationNames;
    },
    dispose: async () => engine.free(),
  };
}

// The engine answers an empty diff with a comment line rather than with nothing.
function emptyDiffToBlank(script: string): string {
  return script.trim() === "-- This is an empty migration." ? "" : script.trim();
}

/** `prisma migrate deploy`: creates the database if needed and applies what is pending. */
export async function deployMigrations(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const engine = await openEngine(databaseUrl);
  try {
    return await engine.applyMigrations();
  } finally {
    await engine.dispose();
  }
}
