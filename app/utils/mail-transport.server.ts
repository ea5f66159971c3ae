// How the worker hands a mail over: to the SMTP server in SMTP_URL, or, without one, to the
// log (development, `npm start` on a laptop), where the mailbox page also finds it.
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { env } from "./env.server";

export type OutgoingMail = { messageId: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> };
export type MailTransport = { via: "smtp" | "log"; send: (mail: OutgoingMail) => Promise<void>; close: () => void };

/** Short timeouts: a lease (MAIL_LEASE_MS) must outlast a whole send. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export function mailFrom(): string {
  const { MAIL_FROM, APP_URL } = env();
  return MAIL_FROM ?? `Rytm <rytm@${APP_URL ? new URL(APP_URL).hostname : "localhost"}>`;
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  const from = mailFrom();
  return {
    via: "smtp",
    send: async ({ messageId, to, subject, text, html, headers }) => {
      // Automatic mail: no out-of-office replies back (RFC 3834).
      await transporter.sendMail({ from, to, subject, text, html, messageId, headers: { ...headers, "Auto-Submitted": "auto-generated" } });
    },
    close: () => transporter.close(),
  };
}

export function logTransport(logger: Logger): MailTransport {
  return {
    via: "log",
    send: async ({ to, subject, text }) => {
      logger.info({ mail: { to, subject, text } }, `mail to ${to} (no SMTP_URL: written here instead of sent)`);
    },
    close: () => {},
  };
}

export function configuredTransport(logger: Logger): MailTransport {
  const url = env().SMTP_URL;
  return url ? smtpTransport(url) : logTransport(logger);
}
