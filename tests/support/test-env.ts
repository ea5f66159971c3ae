// The environment one test run uses: its own database and its own Redis key prefix, so
// runs never see each other's data (and CI can run beside a developer's tests).
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

export type TestEnv = Record<
  "DATABASE_URL" | "REDIS_URL" | "REDIS_PREFIX" | "SESSION_SECRET" | "ENCRYPTION_KEY" | "NODE_ENV" | "LOG_LEVEL" | "PUBLISH_LEAD_MS" | "APP_URL" | "MEDIA_DIR" | "MEDIA_MAX_BYTES",
  string
>;

export function newTestEnv(): TestEnv {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return {
    DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/rytm_test_${id}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `rytm-test-${id}`,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    // Wider than the default 100 ms, so that a test can act between the early claim and the time.
    PUBLISH_LEAD_MS: "400",
    // Empty, as the generated .env writes it: it must count as unset.
    APP_URL: "",
    // Uploaded media of this run only, removed at its end; the limit small enough that a
    // test can pass it without sending a gigabyte.
    MEDIA_DIR: path.join(tmpdir(), `rytm-media-${id}`),
    MEDIA_MAX_BYTES: String(8 * 1024 * 1024),
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
    baseUrl: string;
    /** GET: every mail the global setup's SMTP server received, as JSON. */
    mailboxUrl: string;
    /** The fakes the server's apps are registered with (OAuth and API; /__fake/ steers them); Instagram signs in at Facebook's. */
    networkFakes: { x: string; linkedin: string; facebook: string; threads: string; tiktok: string; bluesky: string };
    /** What the server and worker get beside the test environment to reach them (for extra workers a test starts). */
    networkEnv: Record<string, string>;
  }
}
