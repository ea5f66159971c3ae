// The pieces channels' credentials and settings are made of, each checked once here; a
// network's module picks the ones it uses. Credentials are secrets (stored encrypted), so
// they refuse whitespace and control characters rather than trim them; settings are the
// non-secret rest. Messages are English, as the other server-side form messages are.
import { z } from "zod";
import { httpUrlSchema } from "../domain/http-url";
import { controlCharacter } from "../domain/text-input";
import type { ConnectFieldName } from "./network-module";

const secret = (what: string, max = 4000) =>
  z
    .string({ error: `Enter the ${what}` })
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} has at most ${max} characters`)
    .refine((value) => !controlCharacter.test(value) && !/\s/u.test(value), `The ${what} cannot contain spaces or control characters; paste it again`);

// Standard Webhooks: whsec_ and the key in base64, 24 to 64 bytes of random data.
const webhookSecret = z
  .string({ error: "Enter the signing secret" })
  .trim()
  .refine((value) => {
    const key = value.replace(/^whsec_/, "");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) return false;
    const bytes = (key.length / 4) * 3 - (key.match(/=/g)?.length ?? 0);
    return bytes >= 24 && bytes <= 64;
  }, "Enter the signing secret as whsec_ followed by 24 to 64 bytes in base64");

const numericId = (what: string) => z.string({ error: `Enter the ${what}` }).trim().regex(/^\d{1,30}$/, `The ${what} is a number, e.g. 1029384756`);

export const credentialFields = {
  token: secret("access token"),
  /** A Bluesky handle, e-mail address or DID. */
  identifier: z.string({ error: "Enter the handle" }).trim().regex(/^[A-Za-z0-9._:@%+-]{3,253}$/, "Enter the handle (name.bsky.social), the e-mail address or the DID"),
  password: secret("app password", 200),
  secret: webhookSecret,
};

/** An access token and nothing else: Mastodon, X, LinkedIn, Facebook, Threads, Instagram, TikTok. */
export const tokenCredentials = z.strictObject({ token: credentialFields.token });

export const settingFields = {
  instanceUrl: httpUrlSchema("Enter the instance's address, e.g. https://mastodon.social"),
  service: httpUrlSchema("Enter the PDS address, e.g. https://bsky.social"),
  url: httpUrlSchema("Enter the endpoint's address (https://…)"),
  author: z.string({ error: "Enter the author URN" }).trim().regex(/^urn:li:(person|organization):[A-Za-z0-9_-]{1,64}$/, "Enter the author as urn:li:organization:… or urn:li:person:…"),
  pageId: numericId("Page id"),
  userId: numericId("user id"),
  /** A proxy (or a test double) in front of the network's API. */
  apiBase: httpUrlSchema("Enter the API's address (https://…)"),
  /** LinkedIn-Version, YYYYMM: an active version of LinkedIn's API. */
  version: z.string().regex(/^20\d{4}$/, "Enter the API version as YYYYMM"),
  /** Mastodon instances set their own limit (GET /api/v2/instance → max_characters). */
  characterLimit: z.number().int().min(1).max(100_000),
  /** Instagram's hashtag cap; the network has changed it before. */
  hashtagLimit: z.number().int().min(0).max(30),
  /** The channel's own posting budget, for its tier. */
  rateLimit: z.object({ posts: z.number().int().min(1).max(100_000), seconds: z.number().int().min(1).max(7 * 24 * 3600) }),
  /** How long to wait for the network's answer, in ms; after it the outcome is unknown. */
  timeoutMs: z.number().int().min(100).max(120_000),
};

/** The settings every channel may set, whatever its network. */
export const commonSettings = { rateLimit: settingFields.rateLimit.optional(), timeoutMs: settingFields.timeoutMs.optional() };

/** The settings the checks read, parsed leniently: a bad value means the network's default, as before. */
export const checkSettingsSchema = z.object({ characterLimit: settingFields.characterLimit.optional(), hashtagLimit: settingFields.hashtagLimit.optional() });

/** What each connect field holds and how the form asks for it. */
export const connectFields: Record<ConnectFieldName, { holds: "credential" | "setting"; input: "password" | "text" | "url" }> = {
  token: { holds: "credential", input: "password" },
  identifier: { holds: "credential", input: "text" },
  password: { holds: "credential", input: "password" },
  secret: { holds: "credential", input: "password" },
  instanceUrl: { holds: "setting", input: "url" },
  service: { holds: "setting", input: "url" },
  url: { holds: "setting", input: "url" },
  author: { holds: "setting", input: "text" },
  pageId: { holds: "setting", input: "text" },
  userId: { holds: "setting", input: "text" },
};
