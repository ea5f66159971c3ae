import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

export type AuditInput = {
  workspaceId: string | null;
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
};

/** Records who did what; pass the transaction so the record and the change commit together. */
export function recordAudit(db: Db, event: AuditInput) {
  return db.auditEvent.create({ data: { ...event, data: event.data ?? {} }, select: { id: true } });
}
