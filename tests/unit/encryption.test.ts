import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt } from "~/utils/encryption.server";

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
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decrypt([...parts.slice(0, 3), flipped.toString("base64url")].join("."), key)).toThrow();
    expect(() => decrypt(sealed, randomBytes(32))).toThrow();
    expect(() => decrypt("plaintext", key)).toThrow(/Unrecognised ciphertext/);
  });
});
