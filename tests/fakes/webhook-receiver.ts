// A Standard Webhooks consumer (networks.md §7): checks the signature and the timestamp,
// keeps each webhook-id once.
import { createHmac, timingSafeEqual } from "node:crypto";
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";

export const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/** `secret`: the signing secret it checks, read at each delivery (one Rytm made after the receiver started). */
export async function startWebhookReceiver(secret: () => string = () => WEBHOOK_SECRET): Promise<Fake & { deliveries: Map<string, unknown> }> {
  const deliveries = new Map<string, unknown>();
  const fake = await startFake((request: FakeRequest): Reply => {
    const key = Buffer.from(secret().slice("whsec_".length), "base64");
    const id = String(request.headers["webhook-id"] ?? "");
    const timestamp = Number(request.headers["webhook-timestamp"]);
    if (!id || Math.abs(Date.now() / 1000 - timestamp) > 300) return { status: 400, body: { error: "bad id or timestamp" } };
    const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${request.body}`).digest();
    const signatures = String(request.headers["webhook-signature"] ?? "").split(" ").map((s) => Buffer.from(s.replace(/^v1,/, ""), "base64"));
    if (!signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected))) return { status: 401, body: { error: "No matching signature found" } };
    if (!deliveries.has(id)) deliveries.set(id, request.json());
    return { status: 204 };
  });
  return Object.assign(fake, { deliveries });
}
