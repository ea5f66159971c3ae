// Mail leaves through the outbox and the worker, retried with backoff and never twice
// (decision 0024). The worker of this run sends to the test SMTP server; some tests drive
// the delivery functions here, against an SMTP server of their own.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMail, insertMails, queueMail } from "~/models/outbox.server";
import { prisma } from "~/utils/db.server";
import { smtpTransport } from "~/utils/mail-transport.server";
import { enqueueMailDelivery, getMailQueue, mailJobId } from "~/utils/queues.server";
import type Bull from "bull";
import type { MailJob } from "~/utils/queues.server";
import { deliverMail, mailProcessor, sweepMail } from "../../workers/mail";
import { type SmtpFake, startSmtpFake } from "../fakes/smtp";
import { createUser, unique } from "../support/fixtures";
import { Client } from "../support/http-client";
import { mailsTo, waitForMail } from "../support/mailbox";
import { waitFor } from "../support/processes";

const silent = pino({ level: "silent" });
const address = (tag = "") => `${unique("mail")}${tag}@test.example`;
const notice = (to: string) => ({ key: unique("test-mail"), to, locale: "en" as const, content: { template: "password-changed" as const, email: to } });
const settled = (key: string) =>
  waitFor(`mail ${key} settled`, async () => {
    const row = await prisma.outboxMail.findUnique({ where: { key } });
    return row && !["PENDING", "SENDING"].includes(row.status) ? row : undefined;
  }, 30_000);

afterAll(async () => {
  await getMailQueue().close();
});

describe("through the worker", () => {
  it("a mail queued twice under one key, and woken by duplicate jobs, arrives once", async () => {
    const to = address();
    const mail = notice(to);
    expect(await queueMail(mail)).toBe(true);
    expect(await queueMail(mail)).toBe(false);
    const row = await prisma.outboxMail.findUniqueOrThrow({ where: { key: mail.key }, select: { id: true } });
    await Promise.all([enqueueMailDelivery(row.id, 0), enqueueMailDelivery(row.id, 7), enqueueMailDelivery(row.id, 8)]);
    const received = await waitForMail(to);
    expect(received.subject).toBe("Your Rytm password was changed");
    expect(received.html).toContain("<p>");
    const sent = await settled(mail.key);
    expect(sent).toMatchObject({ status: "SENT", attempts: 1, deliveredVia: "smtp", body: null });
    expect(received.messageId).toBe(`<${row.id}@test.example>`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailsTo(to)).toHaveLength(1);
  });

  it("mails made in bulk go out at the worker's pace (20 a second), and a mail a person waits for passes the backlog", async () => {
    const bulk = Array.from({ length: 40 }, (_, n) => notice(address(`-bulk${n}`)));
    const ids = await insertMails(bulk);
    for (const id of ids) await enqueueMailDelivery(id, 0, undefined, { bulk: true });
    const urgent = notice(address("-urgent"));
    expect(await queueMail(urgent)).toBe(true);
    const sentAt = async (keys: string[]) =>
      (await prisma.outboxMail.findMany({ where: { key: { in: keys } }, select: { sentAt: true } })).map((row) => row.sentAt?.getTime() ?? Number.NaN);
    const urgentSent = (await settled(urgent.key)).sentAt!.getTime();
    const bulkSent = await waitFor("the bulk mails sent", async () => {
      const times = await sentAt(bulk.map((mail) => mail.key));
      return times.every(Number.isFinite) ? times.sort((a, b) => a - b) : undefined;
    }, 30_000);
    // 40 slots 50 ms apart span 39 × 50 ms, less what the first send took longer than the last
    // (a new SMTP connection); other tests' bulk mails only spread them more. Unpaced: ~300 ms.
    expect(bulkSent.at(-1)! - bulkSent[0]!).toBeGreaterThanOrEqual(39 * 50 - 500);
    expect(urgentSent).toBeLessThan(bulkSent.at(-1)!);
  });

  it("a mail the server refuses for now (451) is tried again with backoff and arrives once", async () => {
    const to = address("+tempfail2");
    const mail = notice(to);
    await queueMail(mail);
    await waitForMail(to, 1, 40_000);
    const sent = await settled(mail.key);
    expect(sent).toMatchObject({ status: "SENT", attempts: 3 });
    expect(await mailsTo(to)).toHaveLength(1);
  }, 60_000);

  it("a mail refused for good (550) fails at once, and is kept without its text", async () => {
    const mail = notice(address("+reject"));
    await queueMail(mail);
    const row = await settled(mail.key);
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, body: null });
    expect(row.lastError).toMatch(/550/);
  });

  it("a mail the server may have taken (the connection died after the data) is never sent again", async () => {
    const to = address("+vanish");
    const mail = notice(to);
    await queueMail(mail);
    await waitForMail(to);
    const row = await settled(mail.key);
    expect(row).toMatchObject({ status: "UNKNOWN", attempts: 1 });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await mailsTo(to)).toHaveLength(1);
  }, 40_000);

  it("the sweeper queues again a due mail whose job Redis lost", async () => {
    const to = address();
    const mail = notice(to);
    const id = (await insertMail(mail))!;
    await prisma.outboxMail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 60_000) } });
    expect(await getMailQueue().getJob(mailJobId(id, 0))).toBeNull();
    const { requeued } = await sweepMail(silent);
    expect(requeued).toBeGreaterThanOrEqual(1);
    await waitForMail(to);
  });

  it("writes in the person's language", async () => {
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { locale: "pl" } });
    await Client.at().post("/forgot-password", { email: user.email });
    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Zresetuj hasło w Rytm");
    expect(mail.text).toContain("Ktoś, prawdopodobnie Ty, poprosił o zresetowanie hasła");
  });
});

describe("claiming", () => {
  let smtp: SmtpFake;
  beforeAll(async () => {
    smtp = await startSmtpFake();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it("the processor waits for a pacing slot before each bulk mail, and for none before the others", async () => {
    const bulk = await insertMails(Array.from({ length: 6 }, (_, n) => notice(address(`-paced${n}`))));
    const other = await insertMails(Array.from({ length: 4 }, (_, n) => notice(address(`-unpaced${n}`))));
    const transport = smtpTransport(smtp.url);
    // The slots' timing is the pacer's (tests/unit/pacer.test.ts); here: who asks for one.
    let slots = 0;
    const process = mailProcessor(transport, silent, async () => void slots++);
    const job = (mailId: string, bulk: boolean) => ({ data: bulk ? { mailId, bulk: true as const } : { mailId } }) as Bull.Job<MailJob>;
    const results = await Promise.all([...bulk.map((id) => process(job(id, true))), ...other.map((id) => process(job(id, false)))]);
    transport.close();
    expect(results.every((r) => "outcome" in r && r.outcome === "sent")).toBe(true);
    expect(slots).toBe(6);
  });

  it("two deliveries of one mail at once send it once", async () => {
    const to = address();
    const id = (await insertMail(notice(to)))!;
    const transport = smtpTransport(smtp.url);
    const results = await Promise.all([deliverMail(id, transport, silent), deliverMail(id, transport, silent), deliverMail(id, transport, silent)]);
    transport.close();
    expect(results.filter((r) => "outcome" in r && r.outcome === "sent")).toHaveLength(1);
    expect(results.filter((r) => "skipped" in r)).toHaveLength(2);
    expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it("a claim whose worker died while sending is settled as unknown, not sent again", async () => {
    const to = address();
    const id = (await insertMail(notice(to)))!;
    await prisma.outboxMail.update({ where: { id }, data: { status: "SENDING", attemptId: "dead-worker", attempts: 1, leaseUntil: new Date(Date.now() - 1000) } });
    await sweepMail(silent);
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "UNKNOWN", body: null });
    const transport = smtpTransport(smtp.url);
    expect(await deliverMail(id, transport, silent)).toEqual({ skipped: "not claimable" });
    transport.close();
    expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(0);
  });

  it("a server that cannot be reached is tried again later", async () => {
    const id = (await insertMail(notice(address())))!;
    const transport = smtpTransport("smtp://127.0.0.1:1");
    expect(await deliverMail(id, transport, silent)).toEqual({ outcome: "retry" });
    transport.close();
    const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, attemptId: null });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Its next job is queued for then; this test's row is not the worker's business any more.
    await prisma.outboxMail.delete({ where: { id } });
  });
});
