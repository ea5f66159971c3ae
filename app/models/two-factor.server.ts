// TOTP two-factor sign-in (RFC 6238, otplib) for one person's account, and its recovery
// codes. The secret is encrypted at rest (encryption.server.ts) and in force only once the
// person proved their app has it; a code is accepted once (its time step is remembered),
// a recovery code once (only its hash is kept).
import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { RECOVERY_CODE_COUNT, looksLikeRecoveryCode, normalizeRecoveryCode, recoveryCodeFrom } from "~/domain/recovery-codes";
import { prisma } from "~/utils/db.server";
import { decrypt, encrypt } from "~/utils/encryption.server";

const ISSUER = "Rytm";
// One 30-second step either side: a phone's clock a little off still works.
const EPOCH_TOLERANCE_SECONDS = 30;

const hashCode = (code: string) => createHash("sha256").update(`rytm-recovery:${normalizeRecoveryCode(code)}`).digest("hex");

async function secretOf(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  return { ...user, secret: user.totpSecret ? decrypt(user.totpSecret) : null };
}

export type TwoFactorSetup = { secret: string; uri: string };

/** The secret being set up (made now if there is none); null when two-factor is on already. */
export async function twoFactorSetup(userId: string): Promise<TwoFactorSetup | null> {
  const user = await secretOf(userId);
  if (user.totpEnabledAt) return null;
  let secret = user.secret;
  if (!secret) {
    secret = generateSecret();
    // Two tabs setting up at once: the first secret stays, the second tab reloads it.
    const { count } = await prisma.user.updateMany({ where: { id: userId, totpSecret: null, totpEnabledAt: null }, data: { totpSecret: encrypt(secret) } });
    if (!count) return twoFactorSetup(userId);
  }
  return { secret, uri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
}

/** Checks a code from the app against the secret and remembers its step, so it works once. */
async function acceptTotp(userId: string, secret: string, lastStep: number | null, code: string): Promise<boolean> {
  const result = await verify({ secret, token: code, epochTolerance: EPOCH_TOLERANCE_SECONDS, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  const step = result.valid && "timeStep" in result ? result.timeStep : null;
  if (step === null) return false;
  const { count } = await prisma.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** Turns two-factor on when the code proves the app has the secret; returns the new recovery codes (shown once). */
export async function enableTwoFactor(userId: string, code: string): Promise<string[] | null> {
  const user = await secretOf(userId);
  if (user.totpEnabledAt || !user.secret || !(await acceptTotp(userId, user.secret, user.totpLastStep, code))) return null;
  const { count } = await prisma.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpEnabledAt: new Date() } });
  return count ? replaceRecoveryCodes(userId) : null;
}

/** A code from the app, or an unused recovery code (then used up); false for anything else. */
export async function checkSecondFactor(userId: string, code: string): Promise<"totp" | "recovery" | false> {
  const user = await secretOf(userId);
  if (!user.totpEnabledAt || !user.secret) return false;
  if (/^\d{6}$/.test(code)) return (await acceptTotp(userId, user.secret, user.totpLastStep, code)) ? "totp" : false;
  if (!looksLikeRecoveryCode(code)) return false;
  const { count } = await prisma.recoveryCode.updateMany({ where: { userId, codeHash: hashCode(code), usedAt: null }, data: { usedAt: new Date() } });
  return count === 1 ? "recovery" : false;
}

export async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFrom(randomBytes(10)));
  await prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashCode(code) })) }),
  ]);
  return codes;
}

export function recoveryCodesLeft(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

export async function disableTwoFactor(userId: string) {
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null }, select: { id: true } }),
    prisma.recoveryCode.deleteMany({ where: { userId } }),
  ]);
}
