// Throttling that cannot lock a person out (decision 0023). Each test comes from its own
// client address (X-Forwarded-For, which the test server trusts from loopback only).
import { inject } from "vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redis } from "~/utils/redis.server";
import { PASSWORD, createUser, unique } from "../support/fixtures";
import { Client, randomAddress } from "../support/http-client";
import { freePort, startProcess, stop, waitFor, type Started } from "../support/processes";

const nobody = () => `${unique("nobody")}@test.example`;

async function failMany(address: string, count: number, email: () => string = nobody) {
  const attacker = Client.at(address);
  for (let i = 0; i < count; i++) expect((await attacker.post("/login", { email: email(), password: "spray password" })).status).toBe(401);
}

describe("the address-wide limit", () => {
  it("after 50 failures with unknown addresses, keeps the owner out for 15 minutes at most", async () => {
    const owner = await createUser();
    const address = randomAddress();
    await failMany(address, 50);
    const blocked = await Client.at(address).post("/login", { email: owner.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The lock itself expires within the window, whatever the answer says.
    const ttl = await redis().pttl(`${inject("testEnv").REDIS_PREFIX}:signin-fail-address:${address}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    // Another place is not held back by it.
    await Client.at().signIn(owner.email, PASSWORD);
  });

  it("never holds back a browser that signed in to the account before", async () => {
    const owner = await createUser();
    const address = randomAddress();
    const device = Client.at(address);
    await device.signIn(owner.email, PASSWORD);
    expect(device.hasCookie("__rytm_device")).toBe(true);
    await device.post("/logout", {});

    // 5 failures against the owner's account itself from the same place, then 45 more elsewhere.
    await failMany(address, 5, () => owner.email);
    await failMany(address, 45);
    expect((await Client.at(address).post("/login", { email: owner.email, password: PASSWORD })).status).toBe(429);

    const back = await device.post("/login", { email: owner.email, password: PASSWORD });
    expect(back.status).toBe(302);
  });

  it("a device has its own limit: 10 failures hold it 15 minutes, and no one else", async () => {
    const owner = await createUser();
    const address = randomAddress();
    const device = await Client.at(address).signIn(owner.email, PASSWORD);
    await device.post("/logout", {});
    for (let i = 0; i < 10; i++) expect((await device.post("/login", { email: owner.email, password: `wrong ${i}` })).status).toBe(401);
    const held = await device.post("/login", { email: owner.email, password: PASSWORD });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    // Its failures were counted on the device only: another browser at the same place signs in.
    await Client.at(address).signIn(owner.email, PASSWORD);
  });

  it("a device cookie helps only the account it was issued for, and only when its signature holds", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const address = randomAddress();
    const device = await Client.at(address).signIn(owner.email, PASSWORD);
    await device.post("/logout", {});
    await failMany(address, 50);
    expect((await device.post("/login", { email: other.email, password: PASSWORD })).status).toBe(429);

    const forged = Client.at(address);
    const cookie = device.cookie("__rytm_device")!;
    forged.setCookie("__rytm_device", `${cookie.slice(0, -4)}AAAA`);
    expect((await forged.post("/login", { email: owner.email, password: PASSWORD })).status).toBe(429);
  });
});

describe("TRUST_PROXY", () => {
  // A second web server on the same build and database, with the default: no proxy trusted.
  let server: Started;
  let baseUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // The run's own environment has no TRUST_PROXY (global-setup gives it to its server only).
    server = startProcess("server/index.ts", { ...inject("testEnv"), PORT: String(port), HOST: "127.0.0.1", APP_URL: baseUrl });
    await waitFor("a web server without TRUST_PROXY", async () => ((await fetch(`${baseUrl}/healthz`)).status ? true : undefined));
  }, 60_000);
  afterAll(async () => {
    if (server) await stop(server.child);
  });

  it("is off by default: a client cannot pick its address with X-Forwarded-For to escape the limit", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) {
      const response = await new Client(baseUrl, randomAddress()).post("/login", { email: user.email, password: `wrong ${i}` });
      expect(response.status).toBe(401);
    }
    const blocked = await new Client(baseUrl, randomAddress()).post("/login", { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
  });
});
