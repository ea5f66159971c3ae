// Links mailed to an address (decision 0024): finishing a sign-up, resetting a password.
// 256 random bits shown once in the mail; only their SHA-256 is kept. A link expires and
// works once: using it is one conditional update, so two clicks cannot both succeed.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashToken, isTokenShaped, newSecretToken } from "~/utils/secret-token.server";

type Db = typeof prisma | Prisma.TransactionClient;
export type TokenPurpose = "SIGN_UP" | "PASSWORD_RESET";

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = { SIGN_UP: 24 * 60 * 60_000, PASSWORD_RESET: 60 * 60_000 };

export async function createAccountToken(
  input: { purpose: TokenPurpose; email: string; userId?: string; redirectTo?: string },
  db: Db = prisma,
): Promise<string> {
  const token = newSecretToken();
  await db.accountToken.create({
    data: {
      purpose: input.purpose,
      email: input.email,
      userId: input.userId ?? null,
      redirectTo: input.redirectTo?.slice(0, 2048) ?? null,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[input.purpose]),
    },
    select: { id: true },
  });
  return token;
}

/** A link that still works (unused, unexpired), without using it. */
export async function findLiveToken(purpose: TokenPurpose, token: string | undefined) {
  if (!isTokenShaped(token)) return null;
  return prisma.accountToken.findFirst({
    where: { purpose, tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, userId: true, redirectTo: true },
  });
}

/** Uses the link: true for the one caller that did, false when it was used or expired meanwhile. */
export async function spendToken(id: string, db: Db = prisma): Promise<boolean> {
  const { count } = await db.accountToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  return count === 1;
}

/** Every other live link of the same kind for this address stops working (one reset wins). */
export async function retireTokens(purpose: TokenPurpose, email: string, db: Db = prisma) {
  await db.accountToken.updateMany({ where: { purpose, email, usedAt: null }, data: { usedAt: new Date() } });
}
