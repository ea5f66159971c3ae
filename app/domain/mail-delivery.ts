// What handing one mail to the mail server came to, and what the worker does next. Pure:
// the worker passes nodemailer's error in, this decides (decision 0024).
//
// A mail is never sent twice: it is tried again only when the server certainly did not
// take it — it answered 4xx, or the connection failed before any mail was handed over. A
// connection lost or timed out after that may have delivered it: "unknown", not retried.
export type MailOutcome =
  | { kind: "sent" }
  | { kind: "retry"; message: string }
  | { kind: "failed"; message: string }
  | { kind: "unknown"; message: string };

export const MAIL_MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60 * 60_000;

/** Delay before attempt `attempt + 1`: 5 s, 10 s, 20 s, … capped at an hour, jittered in its upper half. */
export function mailRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The parts of a nodemailer error that tell what happened. */
export type SmtpError = { message: string; code?: string; originalCode?: string; responseCode?: number; command?: string; timeoutType?: string };

// Commands whose refusal is about this mail (its sender, recipient or content), not the server.
const messageCommands = new Set(["MAIL FROM", "RCPT TO", "DATA"]);
// Failures before a connection existed: nothing can have been handed over.
const notConnected = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const beforeGreeting = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);

export function classifySmtpError(error: SmtpError): MailOutcome {
  const message = error.message.slice(0, 900);
  const code = error.responseCode;
  if (code && code >= 400 && code < 500) return { kind: "retry", message };
  if (code && code >= 500) {
    // A permanent refusal of this mail; a refusal of the session (greeting, AUTH, TLS) is the
    // server's or our settings' fault, and the mail was not handed over: try again later.
    return messageCommands.has(error.command ?? "") ? { kind: "failed", message } : { kind: "retry", message };
  }
  if (error.code === "EAUTH" || error.code === "EDNS" || error.code === "ETLS" || error.code === "EREQUIRETLS") return { kind: "retry", message };
  if (notConnected.has(error.originalCode ?? "") || beforeGreeting.has(error.timeoutType ?? "")) return { kind: "retry", message };
  return { kind: "unknown", message };
}
