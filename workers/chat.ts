// Posting one message to a workspace's team chat, at most once (the mail outbox's pattern,
// decision 0024): the row is claimed (PENDING → SENDING, attempt id, lease) before the
// request; an answer that proves it was not taken (no connection, 429, 4xx) is retried or
// failed; a request that may have arrived (a timeout, a 5xx) is UNKNOWN, never sent again.
import { randomUUID } from "node:crypto";
import type Bull from "bull";
import type { Logger } from "pino";
import { MAIL_MAX_ATTEMPTS, mailRetryDelayMs } from "../app/domain/mail-delivery.ts";
import { prisma } from "../app/utils/db.server.ts";
import { decrypt } from "../app/utils/encryption.server.ts";
import { PRIVATE_ADDRESS } from "../app/utils/outbound-guard.server.ts";
import { chatJobId, enqueueChatDelivery, getMailQueue } from "../app/utils/queues.server.ts";

const LEASE_MS = 60_000;
const TIMEOUT_MS = 15_000;

type Outcome = { kind: "sent" } | { kind: "retry" | "failed" | "unknown"; message: string };

/** What an answer (or its absence) says about whether the chat took the message. */
export function chatOutcome(status: number | null, error?: { code?: string; name?: string; message: string }): Outcome {
  if (status !== null && status >= 200 && status < 300) return { kind: "sent" };
  if (status === 429) return { kind: "retry", message: "the chat asked to slow down (429)" };
  if (status !== null && status < 500) return { kind: "failed", message: `the chat refused the message (${status}); check the webhook address` };
  if (status !== null) return { kind: "unknown", message: `the chat answered ${status}; it may have posted the message` };
  const code = error?.code ?? "";
  if (code === PRIVATE_ADDRESS) return { kind: "failed", message: `Rytm calls only public addresses: ${error?.message}` };
  if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(code)) return { kind: "retry", message: `no connection (${code})` };
  return { kind: "unknown", message: `no answer (${error?.message ?? "timeout"}); it may have posted the message` };
}

async function post(url: string, body: unknown): Promise<Outcome> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    await response.arrayBuffer().catch(() => undefined);
    return chatOutcome(response.status);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    // The guard's refusal says which address in its own message; fetch's says only "fetch failed".
    return chatOutcome(null, { code: cause?.code, message: cause?.code === PRIVATE_ADDRESS ? cause.message! : (error as Error).message });
  }
}

export async function deliverChat(messageId: string, logger: Logger) {
  const attemptId = randomUUID();
  const [claimed] = await prisma.$queryRaw<{ id: string; body: string | null; attempts: number; workspaceId: string }[]>`
    UPDATE "ChatMessage" SET status = 'SENDING', "attemptId" = ${attemptId}, "leaseUntil" = ${new Date(Date.now() + LEASE_MS)}, attempts = attempts + 1
    WHERE id = ${messageId} AND status = 'PENDING' AND "nextAttemptAt" <= ${new Date(Date.now() + 1000)}
    RETURNING id, body, attempts, "workspaceId"`;
  if (!claimed) return { skipped: "not claimable" };
  let outcome: Outcome;
  try {
    const { url, body } = JSON.parse(decrypt(claimed.body ?? "")) as { url: string; body: unknown };
    outcome = await post(url, body);
  } catch (error) {
    outcome = { kind: "failed", message: `The message cannot be read (${(error as Error).message}).` };
  }
  logger.info({ chatMessageId: messageId, workspaceId: claimed.workspaceId, attempt: claimed.attempts, outcome: outcome.kind }, "chat attempt");
  const mine = { id: messageId, attemptId, status: "SENDING" as const };
  const released = { attemptId: null, leaseUntil: null };
  if (outcome.kind === "sent") {
    await prisma.chatMessage.updateMany({ where: mine, data: { ...released, status: "SENT", sentAt: new Date(), body: null, lastError: null } });
  } else if (outcome.kind === "retry" && claimed.attempts < MAIL_MAX_ATTEMPTS) {
    const at = new Date(Date.now() + mailRetryDelayMs(claimed.attempts));
    const { count } = await prisma.chatMessage.updateMany({ where: mine, data: { ...released, status: "PENDING", nextAttemptAt: at, lastError: outcome.message } });
    if (count) await enqueueChatDelivery(messageId, claimed.attempts, at);
  } else {
    const status = outcome.kind === "unknown" ? "UNKNOWN" : "FAILED";
    await prisma.chatMessage.updateMany({ where: mine, data: { ...released, status, body: null, lastError: "message" in outcome ? outcome.message.slice(0, 1000) : null } });
  }
  return { outcome: outcome.kind };
}

export function chatProcessor(logger: Logger) {
  return (job: Bull.Job<{ messageId: string }>) => deliverChat(job.data.messageId, logger);
}

/** Jobs Redis lost are made again; a claim whose worker died is UNKNOWN (the chat may have it). */
export async function sweepChat(now = new Date()) {
  const due = await prisma.chatMessage.findMany({ where: { status: "PENDING", nextAttemptAt: { lte: new Date(now.getTime() - 5_000) } }, take: 500, select: { id: true, attempts: true } });
  for (const message of due) {
    const job = await getMailQueue().getJob(chatJobId(message.id, message.attempts));
    const state = job ? await job.getState() : null;
    if (state === "waiting" || state === "delayed" || state === "active" || state === "paused") continue;
    await job?.remove().catch(() => {});
    await enqueueChatDelivery(message.id, message.attempts);
  }
  await prisma.chatMessage.updateMany({
    where: { status: "SENDING", leaseUntil: { lt: now } },
    data: { status: "UNKNOWN", attemptId: null, leaseUntil: null, body: null, lastError: "The worker stopped while posting: the chat may have it (not sent again)." },
  });
}
