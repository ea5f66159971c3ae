// Sign-up and password-reset requests, decided in the worker (decision 0024): the web
// request only queues the address, so its answer and timing are the same whether or not
// the address has an account. Here the address is looked up and the right mail queued:
// - sign-up, new address: a link to finish the account (24 h);
// - sign-up, existing account: "someone tried to sign up with your address";
// - reset, existing account: a one-use link (1 h); reset, no account: nothing.
// The job's id keys the mail, so a retried job queues nothing twice.
import type Bull from "bull";
import type { Logger } from "pino";
import { createAccountToken } from "../app/models/account-tokens.server.ts";
import { insertMail, mailLocale } from "../app/models/outbox.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { type AccountRequestJob, enqueueMailDelivery } from "../app/utils/queues.server.ts";

export function accountRequestProcessor(logger: Logger) {
  return async (job: Bull.Job<AccountRequestJob>) => {
    const { kind, email, redirectTo } = job.data;
    const key = `account-request:${job.id}`;
    const user = await prisma.user.findUnique({ where: { email }, select: { id: true, locale: true } });
    const locale = mailLocale(user?.locale, job.data.locale);
    if (kind === "password-reset" && !user) return { mail: "none" };
    const mailId = await prisma.$transaction(async (tx) => {
      if (kind === "sign-up" && user) {
        return insertMail({ key, to: email, locale, content: { template: "sign-up-existing", email } }, tx);
      }
      const token = await createAccountToken({ purpose: kind === "sign-up" ? "SIGN_UP" : "PASSWORD_RESET", email, userId: user?.id, redirectTo }, tx);
      const path = kind === "sign-up" ? `/signup/${token}` : `/reset-password/${token}`;
      const id = await insertMail({ key, to: email, locale, content: { template: kind === "sign-up" ? "sign-up" : "password-reset", path } }, tx);
      // Queued by an earlier run of this job: this run's token must not outlive it.
      if (!id) throw new AlreadyQueued();
      return id;
    }).catch((error: unknown) => {
      if (error instanceof AlreadyQueued) return null;
      throw error;
    });
    if (mailId) await enqueueMailDelivery(mailId, 0);
    logger.debug({ kind, queued: mailId !== null }, "account request");
    return { mail: mailId ? "queued" : "queued before" };
  };
}

class AlreadyQueued extends Error {}
