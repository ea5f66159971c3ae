// Secrets at rest (channel credentials, TOTP secrets, mails waiting in the outbox) are
// encrypted with AES-256-GCM, so that a database dump holds none of them in clear.
//
// ENCRYPTION_KEY lists one or more keys, newest first (decision 0025): the newest
// encrypts, any listed key decrypts. Format: v2.<key id>.<iv>.<tag>.<ciphertext>, each part
// base64url; the key id (derived from the key, never the key) says which key to use.
// v1.<iv>.<tag>.<ciphertext>, written before keys could rotate, has no id: each key is
// tried, and GCM's tag tells the right one. `npm run rotate-keys` rewrites both with the newest.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "./env.server";

type Key = { id: string; secret: Buffer };

export const keyId = (secret: Buffer) => createHash("sha256").update("rytm-key-id:").update(secret).digest().subarray(0, 6).toString("base64url");

/** Parses ENCRYPTION_KEY's comma-separated list (validated at start by env.server.ts). */
export function parseKeys(list: string): Buffer[] {
  return list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => Buffer.from(part, "base64"));
}

let cached: { list: string; keys: Key[] } | undefined;
function configuredKeys(): Key[] {
  const list = env().ENCRYPTION_KEY;
  if (cached?.list !== list) cached = { list, keys: parseKeys(list).map((secret) => ({ id: keyId(secret), secret })) };
  return cached.keys;
}

const keyring = (secrets?: Buffer | Buffer[]): Key[] =>
  secrets === undefined ? configuredKeys() : (Array.isArray(secrets) ? secrets : [secrets]).map((secret) => ({ id: keyId(secret), secret }));

/** Encrypts with the newest key (the first of `secrets`, or of ENCRYPTION_KEY). */
export function encrypt(plaintext: string, secrets?: Buffer | Buffer[]): string {
  const [key] = keyring(secrets);
  if (!key) throw new Error("No encryption key");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.secret, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", key.id, ...[iv, cipher.getAuthTag(), data].map((p) => p.toString("base64url"))].join(".");
}

function open(secret: Buffer, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv("aes-256-gcm", secret, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function decrypt(sealed: string, secrets?: Buffer | Buffer[]): string {
  const keys = keyring(secrets);
  const parts = sealed.split(".");
  if (parts[0] === "v2" && parts.length === 5) {
    const [, id, iv, tag, data] = parts as [string, string, string, string, string];
    const key = keys.find((k) => k.id === id);
    if (!key) throw new Error(`Encrypted with a key that ENCRYPTION_KEY does not list (key id ${id})`);
    return open(key.secret, iv, tag, data);
  }
  if (parts[0] === "v1" && parts.length === 4) {
    const [, iv, tag, data] = parts as [string, string, string, string];
    for (const key of keys) {
      try {
        return open(key.secret, iv, tag, data);
      } catch {
        // GCM's tag did not match this key: try the next.
      }
    }
    throw new Error("None of the keys in ENCRYPTION_KEY opens this ciphertext");
  }
  throw new Error("Unrecognised ciphertext format");
}

/** Whether a ciphertext is already under the newest key (nothing for rotation to do). */
export function isUnderNewestKey(sealed: string, secrets?: Buffer | Buffer[]): boolean {
  const [key] = keyring(secrets);
  return sealed.startsWith(`v2.${key?.id}.`);
}

/** The same plaintext under the newest key, or null when it is already. */
export function reencrypt(sealed: string, secrets?: Buffer | Buffer[]): string | null {
  return isUnderNewestKey(sealed, secrets) ? null : encrypt(decrypt(sealed, secrets), secrets);
}
