// The benchmark's SMTP server in a process of its own: parsing 1,000 mails must not load the
// web server whose answer times are measured. Prints its SMTP URL, and answers GET /count
// with how many mails arrived and how many distinct Message-IDs they had.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSmtpFake } from "../tests/fakes/smtp.ts";

const smtp = await startSmtpFake();
const http = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ mails: smtp.mails.length, distinct: new Set(smtp.mails.map((m) => m.messageId)).size }));
});
http.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ smtp: smtp.url, count: `http://127.0.0.1:${(http.address() as AddressInfo).port}/count` }));
});
process.on("SIGTERM", () => void smtp.close().then(() => process.exit(0)));
