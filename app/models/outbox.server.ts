// The mail outbox (decision 0024): a mail is a row, keyed so that asking twice queues it
// once, rendered in the recipient's language and encrypted, before any job exists. The
// worker (workers/mail.ts) claims and sends it. Not workspace data: mails go to people.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { type Locale, isLocale } from "~/i18n/locales";
import { type MailContent, renderMail } from "~/mail/templates";
import { prisma } from "~/utils/db.server";
import { decrypt, encrypt } from "~/utils/encryption.server";
import { env } from "~/utils/env.server";
import { enqueueMailDelivery } from "~/utils/queues.server";

type Db = typeof prisma | Prisma.TransactionClient;

/**
 * Where links in mails point: APP_URL, else the address this server listens on. Never the
 * request's Host header: a forged one would send people a link to someone else's site.
 */
export function mailOrigin(): string {
  const { APP_URL, HOST, PORT } = env();
  if (APP_URL) return APP_URL.replace(/\/$/, "");
  return `http://${HOST === "0.0.0.0" || HOST === "::" ? "localhost" : HOST}:${PORT}`;
}

export const mailLocale = (...choices: (string | null | undefined)[]): Locale => choices.find(isLocale) ?? "en";

export type QueuedMail = { key: string; to: string; locale: Locale; content: MailContent };

/** Inserts the mail unless its key is queued already; returns its id, or null when it was. */
export async function insertMail(mail: QueuedMail, db: Db = prisma): Promise<string | null> {
  const [id] = await insertMails([mail], db);
  return id ?? null;
}

/** Inserts the mails whose keys are not queued yet (one statement); returns the new rows' ids. */
export async function insertMails(mails: readonly QueuedMail[], db: Db = prisma): Promise<string[]> {
  if (mails.length === 0) return [];
  const origin = mailOrigin();
  const rows = mails.map((mail) => {
    const { subject, text, html, headers } = renderMail(mail.content, mail.locale, origin);
    return { id: randomUUID(), key: mail.key, to: mail.to, template: mail.content.template, locale: mail.locale, subject, body: encrypt(JSON.stringify({ text, html, headers })) };
  });
  const created = await db.outboxMail.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
  return created.map((row) => row.id);
}

/** Queues a mail and wakes the worker for it (once per key: a second call does nothing). */
export async function queueMail(mail: QueuedMail): Promise<boolean> {
  const id = await insertMail(mail);
  if (id) await enqueueMailDelivery(id, 0);
  return id !== null;
}

export type MailboxEntry = {
  id: string;
  to: string;
  subject: string;
  status: "PENDING" | "SENDING" | "SENT" | "FAILED" | "UNKNOWN";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredVia: string | null;
  /** Only for mails that went to the log (no mail server): their text, links and all. */
  text: string | null;
};

/** The instance's latest mails, for its operator (the mailbox page). */
export async function latestMails(limit = 50): Promise<MailboxEntry[]> {
  const rows = await prisma.outboxMail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, deliveredVia: true, body: true },
  });
  return rows.map(({ body, ...row }) => {
    let text: string | null = null;
    if (body && row.deliveredVia === "log") {
      try {
        text = (JSON.parse(decrypt(body)) as { text: string }).text;
      } catch {
        // Under a key no longer listed: the mail is listed without its text.
      }
    }
    return { ...row, text };
  });
}
