import { createCipheriv, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt, isUnderNewestKey, keyId, parseKeys, reencrypt } from "~/utils/encryption.server";

const key = randomBytes(32);

describe("credential encryption", () => {
  it("round-trips any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(decrypt(encrypt(text, key), key)).toBe(text);
      }),
    );
  });

  it("never contains the plaintext and differs every time", () => {
    const token = "mastodon-token-abcdef123456";
    const a = encrypt(token, key);
    expect(a).not.toContain(token);
    expect(a).not.toContain(Buffer.from(token).toString("base64url"));
    expect(encrypt(token, key)).not.toBe(a);
  });

  it("refuses a tampered ciphertext or the wrong key", () => {
    const sealed = encrypt("secret", key);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[4]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decrypt([...parts.slice(0, 4), flipped.toString("base64url")].join("."), key)).toThrow();
    expect(() => decrypt(sealed, randomBytes(32))).toThrow();
    expect(() => decrypt("plaintext", key)).toThrow(/Unrecognised ciphertext/);
  });
});

// A ciphertext as this module wrote it before keys could rotate (no key id).
function sealV1(plaintext: string, secret: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secret, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

describe("several keys (rotation)", () => {
  const older = randomBytes(32);
  const newer = randomBytes(32);

  it("names the key in the ciphertext and opens it with that key among several", () => {
    const sealed = encrypt("token", older);
    expect(sealed.split(".")[1]).toBe(keyId(older));
    expect(decrypt(sealed, [newer, older])).toBe("token");
    expect(() => decrypt(sealed, [newer])).toThrow(/key that ENCRYPTION_KEY does not list \(key id/);
  });

  it("encrypts with the first (newest) key", () => {
    expect(encrypt("token", [newer, older]).split(".")[1]).toBe(keyId(newer));
  });

  it("still reads ciphertexts written before key ids, with whichever listed key fits", () => {
    const old = sealV1("legacy token", older);
    expect(decrypt(old, [newer, older])).toBe("legacy token");
    expect(() => decrypt(old, [newer])).toThrow(/None of the keys/);
  });

  it("re-encrypts under the newest key once, then has nothing to do", () => {
    for (const sealed of [sealV1("a", older), encrypt("a", older)]) {
      const rotated = reencrypt(sealed, [newer, older])!;
      expect(isUnderNewestKey(rotated, [newer, older])).toBe(true);
      expect(decrypt(rotated, newer)).toBe("a");
      expect(reencrypt(rotated, [newer, older])).toBeNull();
    }
  });

  it("key ids do not reveal the key", () => {
    expect(keyId(older)).toMatch(/^[\w-]{8}$/);
    expect(older.toString("base64url")).not.toContain(keyId(older));
  });
});

describe("ENCRYPTION_KEY lists", () => {
  it("parses one key or several, newest first", () => {
    expect(parseKeys(`${newKey} , ${oldKey}`).map((k) => k.toString("base64"))).toEqual([newKey, oldKey]);
  });
});
const newKey = randomBytes(32).toString("base64");
const oldKey = randomBytes(32).toString("base64");
