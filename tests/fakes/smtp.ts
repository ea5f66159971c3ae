// A real SMTP server for tests (smtp-server), keeping every mail it accepted, parsed with
// mailparser. What it does with a mail is chosen by a tag in the recipient's address, so a
// test can ask for a failure without talking to the fake:
//   anna+tempfail2@…  the first 2 deliveries are refused with 451 at the end of DATA;
//   anna+reject@…     refused for good (550 at RCPT);
//   anna+vanish@…     accepted and kept, then the connection dies before the reply: the
//                     sender cannot know it arrived (the "unknown" case).
// The global test setup runs one for the worker and serves what arrived over HTTP
// (tests/support/mailbox.ts reads it); a test file may run its own.
import { createServer } from "node:http";
import type { Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; html: string; messageId: string; autoSubmitted: string; listUnsubscribe: string; receivedAt: number };

export type SmtpFake = { url: string; port: number; mails: ReceivedMail[]; close: () => Promise<void> };

const tag = (address: string) => /\+([a-z]+)(\d*)@/.exec(address);

export async function startSmtpFake(): Promise<SmtpFake> {
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, number>();
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (tag(address.address)?.[1] === "reject") return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const tempfail = to.map(tag).find((t) => t?.[1] === "tempfail");
          if (tempfail) {
            const key = to.join(",");
            const seen = refusals.get(key) ?? 0;
            if (seen < Number(tempfail[2] || 1)) {
              refusals.set(key, seen + 1);
              return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
            }
          }
          mails.push({
            to,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
            autoSubmitted: String(parsed.headers.get("auto-submitted") ?? ""),
            // The raw header lines: mailparser folds List-* headers into objects.
            listUnsubscribe: parsed.headerLines.filter((h) => h.key.startsWith("list-unsubscribe")).map((h) => h.line).join("\n"),
            receivedAt: Date.now(),
          });
          if (to.some((address) => tag(address)?.[1] === "vanish")) {
            // The mail is in; the answer never reaches the sender.
            const connection = [...(server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections].find((c) => c.id === session.id);
            connection?._socket.destroy();
            return;
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Serves what the fake received as JSON (GET /mails), for test workers in other processes. */
export async function serveMailbox(fake: SmtpFake): Promise<{ url: string; close: () => Promise<void> }> {
  const http = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(fake.mails));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/mails`, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}
