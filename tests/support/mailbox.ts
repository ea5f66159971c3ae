// What the global setup's SMTP server received (tests/fakes/smtp.ts), for tests in any
// worker process: wait for a mail to an address, find the link in it.
import { inject } from "vitest";
import type { ReceivedMail } from "../fakes/smtp";
import { waitFor } from "./processes";

export async function mailsTo(address: string): Promise<ReceivedMail[]> {
  const all = (await (await fetch(inject("mailboxUrl"))).json()) as ReceivedMail[];
  return all.filter((mail) => mail.to.includes(address.toLowerCase()) || mail.to.includes(address));
}

/** The `count`-th mail to an address (1: the first), once it has arrived. */
export function waitForMail(address: string, count = 1, timeoutMs = 20_000): Promise<ReceivedMail> {
  return waitFor(`mail ${count} to ${address}`, async () => (await mailsTo(address))[count - 1], timeoutMs);
}

/** The first link in a mail's text that goes to `path` (e.g. "/signup/"), as a path with its query. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((link) => new URL(link).pathname.startsWith(path));
  if (!url) throw new Error(`No ${path} link in: ${mail.text}`);
  return new URL(url).pathname;
}
