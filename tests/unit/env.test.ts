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
  it("takes a network's app as a pair, and private addresses only when asked", () => {
    expect(parseEnv(valid)).toMatchObject({ ALLOW_PRIVATE_NETWORK_ADDRESSES: false });
    expect(parseEnv({ ...valid, X_CLIENT_ID: "abc", X_CLIENT_SECRET: "def", ALLOW_PRIVATE_NETWORK_ADDRESSES: "true" })).toMatchObject({ X_CLIENT_ID: "abc", X_CLIENT_SECRET: "def", ALLOW_PRIVATE_NETWORK_ADDRESSES: true });
    expect(problems({ ...valid, X_CLIENT_ID: "abc" })).toContain("X_CLIENT_SECRET is required with X_CLIENT_ID (set both, or neither)");
    expect(problems({ ...valid, LINKEDIN_CLIENT_SECRET: "def" })).toContain("LINKEDIN_CLIENT_ID is required with LINKEDIN_CLIENT_SECRET");
    expect(problems({ ...valid, FACEBOOK_CLIENT_ID: "103948576012345" })).toContain("FACEBOOK_CLIENT_SECRET is required with FACEBOOK_CLIENT_ID");
    expect(problems({ ...valid, THREADS_CLIENT_SECRET: "def" })).toContain("THREADS_CLIENT_ID is required with THREADS_CLIENT_SECRET");
    expect(problems({ ...valid, X_CLIENT_ID: "has space", X_CLIENT_SECRET: "x" })).toContain("X_CLIENT_ID must be the value");
    expect(problems({ ...valid, ALLOW_PRIVATE_NETWORK_ADDRESSES: "yes" })).toContain("ALLOW_PRIVATE_NETWORK_ADDRESSES must be true or false");
  });

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

  it("takes several encryption keys, newest first, and refuses a bad or repeated one", () => {
    const [a, b] = [Buffer.alloc(32, 1).toString("base64"), Buffer.alloc(32, 2).toString("base64")];
    expect(parseEnv({ ...valid, ENCRYPTION_KEY: `${a},${b}` }).ENCRYPTION_KEY).toBe(`${a},${b}`);
    expect(problems({ ...valid, ENCRYPTION_KEY: `${a},abc` })).toMatch(/ENCRYPTION_KEY must be 32 random bytes in base64/);
    expect(problems({ ...valid, ENCRYPTION_KEY: `${a},${a}` })).toMatch(/ENCRYPTION_KEY lists the same key twice/);
  });

  it("trusts no proxy unless told how many or which", () => {
    expect(parseEnv(valid).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...valid, TRUST_PROXY: "10.0.0.0/8, loopback, 2001:db8::1" }).TRUST_PROXY).toEqual(["10.0.0.0/8", "loopback", "2001:db8::1"]);
    expect(problems({ ...valid, TRUST_PROXY: "true" })).toMatch(/TRUST_PROXY true would believe any client/);
    expect(problems({ ...valid, TRUST_PROXY: "10.0.0.0/33" })).toMatch(/TRUST_PROXY must be the number of proxies/);
    expect(problems({ ...valid, TRUST_PROXY: "proxy.internal" })).toMatch(/TRUST_PROXY must be/);
  });

  it("checks the mail settings", () => {
    expect(parseEnv({ ...valid, SMTP_URL: "smtps://u:p@smtp.example.com:465", MAIL_FROM: "Rytm <rytm@example.com>" })).toMatchObject({ SMTP_URL: "smtps://u:p@smtp.example.com:465" });
    expect(problems({ ...valid, SMTP_URL: "http://smtp.example.com" })).toMatch(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(problems({ ...valid, MAIL_FROM: "nobody" })).toMatch(/MAIL_FROM must be an address/);
    expect(problems({ ...valid, MAIL_FROM: "a@b\r\nBcc: x@y" })).toMatch(/MAIL_FROM/);
  });
});
