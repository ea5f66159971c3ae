// A person's own account: every query is scoped to their user id (never a workspace's data).
import { prisma } from "~/utils/db.server";

export function getAccount(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, locale: true, emailVerifiedAt: true, totpEnabledAt: true, createdAt: true },
  });
}

export async function passwordHashOf(userId: string): Promise<string> {
  return (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;
}

export function findAccountByEmail(email: string) {
  return prisma.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
}

/**
 * Sets a new password and ends every session but `keepSessionId` (none: all of them): whoever
 * knew the old password is signed out everywhere. A reset link also proves the address.
 */
export async function setPassword(userId: string, passwordHash: string, options: { keepSessionId?: string; addressProven?: boolean } = {}) {
  await prisma.$transaction([
    prisma.user.update({
      where: { id: userId },
      data: { passwordHash, ...(options.addressProven ? { emailVerifiedAt: new Date() } : {}) },
      select: { id: true },
    }),
    prisma.session.deleteMany({ where: { userId, ...(options.keepSessionId ? { id: { not: options.keepSessionId } } : {}) } }),
  ]);
}

export function listSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

/** Ends one of the person's sessions; someone else's session id does nothing. */
export async function endSessionOf(userId: string, sessionId: string): Promise<boolean> {
  return (await prisma.session.deleteMany({ where: { id: sessionId, userId } })).count === 1;
}

export async function endAllSessionsOf(userId: string) {
  await prisma.session.deleteMany({ where: { userId } });
}

export async function isOperator(userId: string): Promise<boolean> {
  return (await prisma.user.findUnique({ where: { id: userId }, select: { isOperator: true } }))?.isOperator ?? false;
}
