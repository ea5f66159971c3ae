// Environment, validated once at start-up: a missing or malformed variable stops the
// process with a message naming each one, instead of failing later somewhere deep.
import { z } from "zod";
import { httpUrlSchema } from "~/domain/http-url";

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, {
    message: "must be 32 random bytes in base64 (generate: openssl rand -base64 32)",
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (e.g. postgresql://postgres@127.0.0.1:5432/rytm_dev)" })
    .regex(/^postgres(ql)?:\/\/.+\/[^/?]+/, "must be a postgresql:// URL naming a database"),
  REDIS_URL: z
    .string({ error: "is required (e.g. redis://127.0.0.1:6379)" })
    .regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL"),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, "must be 1-40 lower-case letters, digits, - or _")
    .default("rytm"),
  SESSION_SECRET: z
    .string({ error: "is required (generate: openssl rand -hex 32)" })
    .min(32, "must be at least 32 characters (generate: openssl rand -hex 32)"),
  ENCRYPTION_KEY: base64Key,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  APP_URL: httpUrlSchema("must be an absolute URL, http or https, such as https://rytm.example.com").optional(),
  // How long a worker may hold a variant while publishing before the sweeper assumes it died.
  PUBLISH_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // A publish job wakes this early, claims the variant and is ready, then sends at the second.
  PUBLISH_LEAD_MS: z.coerce.number().int().min(0).max(5000).default(100),
  // Variants one worker process publishes at once (network calls wait, the CPU does not).
  PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    return source[name] === undefined || source[name] === ""
      ? `  ${name} ${issue.message.replace(/^Invalid input: expected \w+, received undefined$/, "is required")}`
      : `  ${name} ${issue.message}`;
  });
  throw new EnvError(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
