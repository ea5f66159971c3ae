// Two-factor recovery codes: ten codes of ten characters (50 random bits each), written
// xxxxx-xxxxx in an alphabet without look-alikes (no 0/o, 1/l/i). Pure; the bytes come in.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Makes one code from 10 random bytes (each picks a letter; the slight bias is irrelevant at 49 bits). */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error("A recovery code needs 10 random bytes");
  const chars = [...bytes.subarray(0, 10)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The form a code is compared in: lower case, without spaces or the dash. */
export const normalizeRecoveryCode = (input: string) => input.toLowerCase().replace(/[\s-]+/g, "");

export const looksLikeRecoveryCode = (input: string) => /^[a-z0-9]{10}$/.test(normalizeRecoveryCode(input));
