// Re-encrypts every secret at rest under ENCRYPTION_KEY's newest key (decision 0025).
// Idempotent: a value already under the newest key is left alone, so a second run finds
// nothing to do. Each row is written only if it still holds what was read, so an edit
// made meanwhile (a channel's new token, say) is never overwritten with an older value.
import { prisma } from "../app/utils/db.server.ts";
import { isUnderNewestKey, reencrypt } from "../app/utils/encryption.server.ts";

export type RotationCount = { rotated: number; current: number; unreadable: string[] };

type Column = {
  label: string;
  read: (afterId: string | undefined) => Promise<{ id: string; value: string }[]>;
  write: (id: string, from: string, to: string) => Promise<number>;
};

const BATCH = 500;

const columns: Column[] = [
  {
    label: "channel credentials",
    read: (afterId) =>
      prisma.channel
        .findMany({ where: { credentials: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, credentials: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.credentials! }))),
    write: (id, from, to) => prisma.channel.updateMany({ where: { id, credentials: from }, data: { credentials: to } }).then((r) => r.count),
  },
  {
    label: "TOTP secrets",
    read: (afterId) =>
      prisma.user
        .findMany({ where: { totpSecret: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, totpSecret: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.totpSecret! }))),
    write: (id, from, to) => prisma.user.updateMany({ where: { id, totpSecret: from }, data: { totpSecret: to } }).then((r) => r.count),
  },
  {
    label: "mails in the outbox",
    read: (afterId) =>
      prisma.outboxMail
        .findMany({ where: { body: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, body: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.body! }))),
    write: (id, from, to) => prisma.outboxMail.updateMany({ where: { id, body: from }, data: { body: to } }).then((r) => r.count),
  },
  {
    label: "client link tokens",
    read: (afterId) =>
      prisma.shareLink
        .findMany({ where: { tokenCipher: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, tokenCipher: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.tokenCipher! }))),
    write: (id, from, to) => prisma.shareLink.updateMany({ where: { id, tokenCipher: from }, data: { tokenCipher: to } }).then((r) => r.count),
  },
  {
    label: "team chat webhooks",
    read: (afterId) =>
      prisma.workspace
        .findMany({ where: { chatWebhook: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, chatWebhook: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.chatWebhook! }))),
    write: (id, from, to) => prisma.workspace.updateMany({ where: { id, chatWebhook: from }, data: { chatWebhook: to } }).then((r) => r.count),
  },
  {
    label: "chat messages waiting",
    read: (afterId) =>
      prisma.chatMessage
        .findMany({ where: { body: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, body: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.body! }))),
    write: (id, from, to) => prisma.chatMessage.updateMany({ where: { id, body: from }, data: { body: to } }).then((r) => r.count),
  },
];

export async function rotateKeys(): Promise<Record<string, RotationCount>> {
  const report: Record<string, RotationCount> = {};
  for (const column of columns) {
    const count: RotationCount = { rotated: 0, current: 0, unreadable: [] };
    for (let afterId: string | undefined, rows = await column.read(undefined); rows.length; rows = await column.read(afterId)) {
      for (const { id, value } of rows) {
        if (isUnderNewestKey(value)) {
          count.current++;
          continue;
        }
        let sealed: string | null;
        try {
          sealed = reencrypt(value);
        } catch {
          count.unreadable.push(id);
          continue;
        }
        // Changed meanwhile: whoever changed it wrote it under the newest key already.
        if (sealed && (await column.write(id, value, sealed))) count.rotated++;
        else count.current++;
      }
      afterId = rows.at(-1)!.id;
    }
    report[column.label] = count;
  }
  return report;
}
