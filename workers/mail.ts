// Sending one mail from the outbox, never twice (decision 0024, the pattern of 0009):
// 1. The job only wakes the worker; the outbox row decides. A mail no longer PENDING, or
//    not yet due, is left alone, so duplicate and stale jobs do nothing.
// 2. The worker claims the row (PENDING → SENDING, its attempt id, a lease) in one statement.
// 3. The outcome is written only while the claim is still this attempt's. The server
//    certainly refused it → tried again later with backoff; it may have taken it → UNKNOWN.
// 4. The sweeper re-creates the job of a due mail that Redis forgot, and marks a claim whose
//    lease ran out (the worker died while sending) UNKNOWN: a mail server may have it.
import { randomUUID } from "node:crypto";
import type Bull from "bull";
import type { Logger } from "pino";
import { MAIL_MAX_ATTEMPTS, type MailOutcome, type SmtpError, classifySmtpError, mailRetryDelayMs } from "../app/domain/mail-delivery.ts";
import { prisma } from "../app/utils/db.server.ts";
import { decrypt } from "../app/utils/encryption.server.ts";
import { type MailTransport, mailFrom } from "../app/utils/mail-transport.server.ts";
import { type MailJob, enqueueMailDelivery, getMailQueue, mailJobId } from "../app/utils/queues.server.ts";

/** How long a claim holds: longer than a whole SMTP exchange can take (SMTP_TIMEOUTS). */
export const MAIL_LEASE_MS = 2 * 60_000;
const GRACE_MS = 5_000;
const BATCH = 500;

type Claimed = { id: string; to: string; subject: string; body: string | null; attempts: number };

async function claim(mailId: string, attemptId: string): Promise<Claimed | null> {
  const leaseUntil = new Date(Date.now() + MAIL_LEASE_MS);
  const rows = await prisma.$queryRaw<Claimed[]>`
    UPDATE "OutboxMail" SET status = 'SENDING', "attemptId" = ${attemptId}, "leaseUntil" = ${leaseUntil}, attempts = attempts + 1
    WHERE id = ${mailId} AND status = 'PENDING' AND "nextAttemptAt" <= ${new Date(Date.now() + 1000)}
    RETURNING id, "to", subject, body, attempts`;
  return rows[0] ?? null;
}

const messageDomain = () => /@([^>\s]+)/.exec(mailFrom())?.[1] ?? "rytm.invalid";

export type DeliveryResult = { skipped: string } | { outcome: MailOutcome["kind"] };

export async function deliverMail(mailId: string, transport: MailTransport, logger: Logger): Promise<DeliveryResult> {
  const attemptId = randomUUID();
  const mail = await claim(mailId, attemptId);
  if (!mail) return { skipped: "not claimable" };
  let outcome: MailOutcome;
  let content: { text: string; html: string; headers?: Record<string, string> } | null = null;
  try {
    content = JSON.parse(decrypt(mail.body ?? "")) as { text: string; html: string; headers?: Record<string, string> };
  } catch (error) {
    outcome = { kind: "failed", message: `The mail cannot be read (${(error as Error).message}).` };
  }
  if (content) {
    const started = Date.now();
    // The row's id as Message-ID: should a mail server ever see it twice, it is the same mail.
    outcome = await transport
      .send({ messageId: `<${mail.id}@${messageDomain()}>`, to: mail.to, subject: mail.subject, ...content })
      .then((): MailOutcome => ({ kind: "sent" }), (error: SmtpError) => classifySmtpError(error));
    logger.info({ mailId, attempt: mail.attempts, via: transport.via, outcome: outcome.kind, ms: Date.now() - started, ...(outcome.kind !== "sent" ? { reason: outcome.message } : {}) }, "mail attempt");
  }
  await settle(mail, attemptId, transport.via, outcome!);
  return { outcome: outcome!.kind };
}

async function settle(mail: Claimed, attemptId: string, via: MailTransport["via"], outcome: MailOutcome) {
  const mine = { id: mail.id, attemptId, status: "SENDING" as const };
  const released = { attemptId: null, leaseUntil: null };
  if (outcome.kind === "sent") {
    // A mail that went to a server holds a live link no more: its text is dropped. One that
    // went to the log is kept for the mailbox page.
    await prisma.outboxMail.updateMany({ where: mine, data: { ...released, status: "SENT", sentAt: new Date(), deliveredVia: via, lastError: null, ...(via === "smtp" ? { body: null } : {}) } });
  } else if (outcome.kind === "retry" && mail.attempts < MAIL_MAX_ATTEMPTS) {
    const at = new Date(Date.now() + mailRetryDelayMs(mail.attempts));
    const { count } = await prisma.outboxMail.updateMany({ where: mine, data: { ...released, status: "PENDING", nextAttemptAt: at, lastError: `Attempt ${mail.attempts}: ${outcome.message}`.slice(0, 1000) } });
    if (count) await enqueueMailDelivery(mail.id, mail.attempts, at);
  } else {
    const lastError =
      outcome.kind === "retry"
        ? `Gave up after ${mail.attempts} attempts; the last: ${outcome.message}`
        : outcome.kind === "unknown"
          ? `The mail server may have it (not sent again): ${outcome.message}`
          : outcome.message;
    await prisma.outboxMail.updateMany({ where: mine, data: { ...released, status: outcome.kind === "unknown" ? "UNKNOWN" : "FAILED", body: null, lastError: lastError.slice(0, 1000) } });
  }
}

export function mailProcessor(transport: MailTransport, logger: Logger, paceBulk: () => Promise<void> = async () => {}) {
  return async (job: Bull.Job<MailJob>) => {
    if (job.data.bulk) await paceBulk();
    return deliverMail(job.data.mailId, transport, logger);
  };
}

/** Re-creates lost jobs of due mails, and settles claims whose worker died while sending. */
export async function sweepMail(logger: Logger, now = new Date()) {
  const due = await prisma.outboxMail.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: new Date(now.getTime() - GRACE_MS) } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true, attempts: true },
  });
  let requeued = 0;
  for (const mail of due) {
    const job = await getMailQueue().getJob(mailJobId(mail.id, mail.attempts));
    const state = job ? await job.getState() : null;
    if (state === "waiting" || state === "delayed" || state === "active" || state === "paused") continue;
    await job?.remove().catch(() => {});
    await enqueueMailDelivery(mail.id, mail.attempts);
    requeued++;
  }
  const { count: lost } = await prisma.outboxMail.updateMany({
    where: { status: "SENDING", leaseUntil: { lt: now } },
    data: { status: "UNKNOWN", attemptId: null, leaseUntil: null, body: null, lastError: "The worker stopped while sending: the mail server may have it (not sent again)." },
  });
  if (requeued || lost) logger.info({ requeued, unknown: lost }, "mail sweep");
  return { requeued, unknown: lost };
}
