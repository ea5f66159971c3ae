// Environment, validated once at start-up: a missing or malformed variable stops the
// process with a message naming each one, instead of failing later somewhere deep.
import { isIP } from "node:net";
import { z } from "zod";
import { httpUrlSchema } from "~/domain/http-url";

// One key, or several separated by commas, newest first (the newest encrypts, all decrypt).
const base64Keys = z
  .string()
  .refine((value) => value.split(",").every((key) => Buffer.from(key.trim(), "base64").length === 32), {
    message: "must be 32 random bytes in base64 (generate: openssl rand -base64 32); to rotate, list several, newest first, separated by commas",
  })
  .refine((value) => new Set(value.split(",").map((key) => key.trim())).size === value.split(",").length, {
    message: "lists the same key twice",
  });

// Which proxies' X-Forwarded-For to believe (decision 0023). Off by default: a client could
// otherwise name any address it likes and slip past the sign-in throttle. A hop count, or the
// proxies' addresses (IPs, CIDR ranges, or Express's loopback / linklocal / uniquelocal).
const proxyPresets = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyAddress = (entry: string) => {
  if (proxyPresets.has(entry)) return true;
  const [ip, bits, ...rest] = entry.split("/");
  if (rest.length || !ip || !isIP(ip)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
};
const trustProxy = z
  .string()
  .transform((value, ctx): false | number | string[] => {
    const text = value.trim().toLowerCase();
    if (text === "false" || text === "0" || text === "off") return false;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
    if (entries.length && entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: "custom",
      message:
        text === "true"
          ? "true would believe any client's X-Forwarded-For; give the number of proxies in front (e.g. 1) or their addresses"
          : "must be the number of proxies in front of Rytm (e.g. 1), or their addresses: IPs, CIDR ranges, loopback, linklocal, uniquelocal (comma-separated)",
    });
    return z.NEVER;
  })
  .default(false);

// A network's client id or secret, as its developer portal shows it.
const clientCredential = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]{1,200}$/, "must be the value the network's developer portal shows (1-200 printable characters, no spaces)")
  .optional();

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
  ENCRYPTION_KEY: base64Keys,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  APP_URL: httpUrlSchema("must be an absolute URL, http or https, such as https://rytm.example.com").optional(),
  TRUST_PROXY: trustProxy,
  // Mail server; unset, mails are written to the worker's log (and the mailbox page lists them).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465")
    .optional(),
  MAIL_FROM: z
    .string()
    .max(300)
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address, optionally with a name: "Rytm <rytm@example.com>"')
    .optional(),
  // Mails made in bulk (notices, digests) one worker process sends per second, so that a burst
  // does not take the machine from the people using it; 0 sends them as fast as it can.
  MAIL_BULK_PER_SECOND: z.coerce.number().min(0).max(1000).default(20),
  // How long a worker may hold a variant while publishing before the sweeper assumes it died.
  PUBLISH_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // A publish job wakes this early, claims the variant and is ready, then sends at the second.
  PUBLISH_LEAD_MS: z.coerce.number().int().min(0).max(5000).default(1000),
  // The last look (pause, channel budget) this long before a variant's time (decision 0013).
  PUBLISH_PREFLIGHT_MS: z.coerce.number().int().min(0).max(1000).default(50),
  // Worker threads the web server may use for a CSV check or a big plan check (decision 0028).
  PLAN_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  // Variants one worker process has in hand at once (claimed and waiting for their time, or
  // waiting for the network): at least the posts due within the lead, with room (decision 0031).
  PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(300),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Media storage (decision 0040): a folder on this machine unless an S3-compatible bucket is
  // named. A relative MEDIA_DIR is resolved from the project's folder, not the current one.
  MEDIA_DIR: z.string().min(1).default(".rytm/media"),
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(5 * 1024 ** 3).default(1024 ** 3),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name").optional(),
  S3_ENDPOINT: httpUrlSchema("must be an absolute http(s) URL of an S3-compatible service").optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Rytm's app at each network (README, "Connecting accounts"): a network without its pair
  // is shown as not set up on this server. Mastodon registers itself on each instance.
  X_CLIENT_ID: clientCredential,
  X_CLIENT_SECRET: clientCredential,
  LINKEDIN_CLIENT_ID: clientCredential,
  LINKEDIN_CLIENT_SECRET: clientCredential,
  // One Meta app with Facebook Login connects Facebook Pages and Instagram; Threads has its own app id and secret.
  FACEBOOK_CLIENT_ID: clientCredential,
  FACEBOOK_CLIENT_SECRET: clientCredential,
  THREADS_CLIENT_ID: clientCredential,
  THREADS_CLIENT_SECRET: clientCredential,
  // A proxy (or a test double) in front of a network: its origin replaces the network's hosts
  // in the OAuth endpoints and becomes a new channel's apiBase. Unset in production.
  X_API_URL: httpUrlSchema("must be an absolute http(s) URL").optional(),
  LINKEDIN_API_URL: httpUrlSchema("must be an absolute http(s) URL").optional(),
  FACEBOOK_API_URL: httpUrlSchema("must be an absolute http(s) URL").optional(),
  THREADS_API_URL: httpUrlSchema("must be an absolute http(s) URL").optional(),
  // TikTok calls its client id the client key (decision 0036).
  TIKTOK_CLIENT_KEY: clientCredential,
  TIKTOK_CLIENT_SECRET: clientCredential,
  TIKTOK_API_URL: httpUrlSchema("must be an absolute http(s) URL").optional(),
  // Where a Bluesky handle is resolved (com.atproto.identity.resolveHandle) instead of by DNS
  // and https://<handle>/.well-known/atproto-did, and the PLC directory for did:plc documents.
  BLUESKY_HANDLE_RESOLVER: httpUrlSchema("must be an absolute http(s) URL").optional(),
  BLUESKY_PLC_URL: httpUrlSchema("must be an absolute http(s) URL").optional(),
  // Requests to hosts a person types (a Mastodon instance) may reach loopback and private
  // addresses only when this is on: tests, and an instance on the operator's own network.
  ALLOW_PRIVATE_NETWORK_ADDRESSES: z
    .enum(["true", "false", "1", "0"], { error: "must be true or false" })
    .transform((value) => value === "true" || value === "1")
    .default(false),
}).superRefine((value, ctx) => {
  for (const [idName, secretName] of [["X_CLIENT_ID", "X_CLIENT_SECRET"], ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET"], ["FACEBOOK_CLIENT_ID", "FACEBOOK_CLIENT_SECRET"], ["THREADS_CLIENT_ID", "THREADS_CLIENT_SECRET"], ["TIKTOK_CLIENT_KEY", "TIKTOK_CLIENT_SECRET"]] as const) {
    const id = value[idName];
    const secret = value[secretName];
    if (Boolean(id) !== Boolean(secret)) {
      ctx.addIssue({ code: "custom", path: [id ? secretName : idName], message: `is required with ${id ? idName : secretName} (set both, or neither)` });
    }
  }
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
