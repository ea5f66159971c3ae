// Rytm calls only public addresses (unless ALLOW_PRIVATE_NETWORK_ADDRESSES): the check is in
// the connector, where the address is used, so a host that resolves to a public address for
// a check and to a private one for the connection (DNS rebinding) is still refused. This run's
// server and worker allow private addresses (the fakes are on loopback); the guard is driven
// here as the processes install it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "~/channels/adapter.server";
import { PRIVATE_ADDRESS, guardedAgent, isPublicAddress } from "~/utils/outbound-guard.server";

let server: Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  server = createServer((_request, response) => {
    hits++;
    response.end("inside");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const refusedCode = async (url: string, agent = guardedAgent()) => {
  const error = await undiciFetch(url, { dispatcher: agent }).then(() => null, (e: Error & { cause?: { code?: string } }) => e);
  return error?.cause?.code ?? "connected";
};

describe("the outbound guard", () => {
  it("knows public from private, loopback, link-local (cloud metadata) and mapped addresses", () => {
    expect(["93.184.215.14", "2606:4700::6810:84e5"].map(isPublicAddress)).toEqual([true, true]);
    expect(["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fc00::1", "::ffff:127.0.0.1", "0.0.0.0"].map(isPublicAddress).every((x) => !x)).toBe(true);
  });

  it("refuses a loopback address written as the host, and one a name resolves to, before any byte is sent", async () => {
    const before = hits;
    expect(await refusedCode(`http://127.0.0.1:${port}/`)).toBe(PRIVATE_ADDRESS);
    expect(await refusedCode(`http://localhost:${port}/`)).toBe(PRIVATE_ADDRESS);
    expect(await refusedCode(`http://[::ffff:127.0.0.1]:${port}/`)).toBe(PRIVATE_ADDRESS);
    expect(hits).toBe(before);
  });

  it("connects where the rule allows it (the same server, an agent that allows loopback)", async () => {
    const before = hits;
    expect(await refusedCode(`http://localhost:${port}/`, guardedAgent(() => true))).toBe("connected");
    expect(hits).toBe(before + 1);
  });

  it("a publish refused by the guard fails as configuration, not as 'may have been posted'", async () => {
    const { setGlobalDispatcher, getGlobalDispatcher } = await import("undici");
    const previous = getGlobalDispatcher();
    setGlobalDispatcher(guardedAgent());
    try {
      const outcome = await send(`http://localhost:${port}/hook`, { method: "POST", body: "{}" });
      expect(outcome).toMatchObject({ kind: "failed", failureClass: "config" });
      expect((outcome as { message: string }).message).toMatch(/public addresses: localhost is at (127\.0\.0\.1|::1), a loopback address/);
    } finally {
      setGlobalDispatcher(previous);
    }
  });
});
