import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/rytm",
  REDIS_URL: "redis://127.0.0.1:6379",
  SESSION_SECRET: "x".repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

const problems = (source: Record<string, string | undefined>) => {
  try {
    parseEnv(source);
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
};

describe("environment", () => {
  it("fills defaults for the optional variables", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", REDIS_PREFIX: "rytm", NODE_ENV: "development", LOG_LEVEL: "info" });
  });

  it("names every missing variable at once", () => {
    const message = problems({});
    for (const name of ["DATABASE_URL", "REDIS_URL", "SESSION_SECRET", "ENCRYPTION_KEY"]) {
      expect(message).toMatch(new RegExp(`^  ${name} is required`, "m"));
    }
  });

  it("treats an empty value as missing", () => {
    expect(problems({ ...valid, SESSION_SECRET: "" })).toMatch(/SESSION_SECRET is required/);
    expect(parseEnv({ ...valid, APP_URL: "" }).APP_URL).toBeUndefined();
  });

  it("explains malformed values", () => {
    expect(problems({ ...valid, DATABASE_URL: "mysql://x/y" })).toMatch(/DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(problems({ ...valid, SESSION_SECRET: "short" })).toMatch(/SESSION_SECRET must be at least 32 characters/);
    expect(problems({ ...valid, ENCRYPTION_KEY: "abc" })).toMatch(/ENCRYPTION_KEY must be 32 random bytes in base64/);
    expect(problems({ ...valid, PORT: "eighty" })).toMatch(/PORT/);
    expect(problems({ ...valid, APP_URL: "not a url" })).toMatch(/APP_URL must be an absolute URL/);
    expect(problems({ ...valid, APP_URL: "javascript:alert(1)" })).toMatch(/APP_URL must be an absolute URL, http or https/);
  });
});
