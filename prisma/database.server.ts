// Creating and dropping whole databases: for `npm start` on a fresh machine and for the
// per-run test databases. Connects to the server's maintenance database to do it.
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

function split(url: string) {
  const config = parseIntoClientConfig(url);
  const database = config.database;
  if (!database) throw new Error("DATABASE_URL names no database (expected …/<database>).");
  return { maintenance: { ...config, database: "postgres" }, database };
}

async function withMaintenance<T>(url: string, work: (client: pg.Client, database: string) => Promise<T>) {
  const { maintenance, database } = split(url);
  const client = new pg.Client(maintenance);
  await client.connect();
  try {
    return await work(client, database);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in the URL if it does not exist yet. Returns true if it did. */
export function ensureDatabase(url: string): Promise<boolean> {
  return withMaintenance(url, async (client, database) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quote(database)}`);
    return true;
  });
}

export function dropDatabase(url: string): Promise<void> {
  return withMaintenance(url, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
  });
}
