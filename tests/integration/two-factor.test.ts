// Two-factor sign-in over HTTP: set-up, the code after the password, recovery codes,
// throttling, turning it off, and workspaces that require it of their owners.
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { decrypt } from "~/utils/encryption.server";
import { PASSWORD, addMember, createUser, workspaceWithMember } from "../support/fixtures";
import { Client } from "../support/http-client";
import { waitForMail } from "../support/mailbox";

const STEP = 30;
/** The code for a time step from now (0: the current one); each code is accepted once. */
const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * STEP });

async function turnOn(client: Client) {
  const page = await (await client.get("/account/two-factor")).text();
  const secret = /data-testid="totp-key">([A-Z2-7 ]+)</.exec(page)![1]!.replaceAll(" ", "");
  const response = await client.post("/account/two-factor", { intent: "enable", code: await codeAt(secret) });
  expect(response.status).toBe(200);
  const html = await response.text();
  const recoveryCodes = [...html.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
  return { secret, recoveryCodes };
}

async function passPassword(email: string) {
  const client = new Client();
  const response = await client.post("/login", { email, password: PASSWORD, redirectTo: "/workspaces" });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/login/two-factor");
  return client;
}

describe("two-factor sign-in", () => {
  it("is set up with a code from the app, stores the secret encrypted, and then asks for a code after the password", async () => {
    const user = await createUser();
    const client = await new Client().signIn(user.email, PASSWORD);
    const page = await (await client.get("/account/two-factor")).text();
    const secret = /data-testid="totp-key">([A-Z2-7 ]+)</.exec(page)![1]!.replaceAll(" ", "");
    expect(page).toContain('role="img"');
    expect((await client.post("/account/two-factor", { intent: "enable", code: "000000" })).status).toBe(400);
    const enabled = await client.post("/account/two-factor", { intent: "enable", code: await codeAt(secret) });
    expect(enabled.status).toBe(200);
    const codes = [...(await enabled.text()).matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecret).not.toContain(secret);
    expect(decrypt(stored.totpSecret!)).toBe(secret);
    const hashes = await prisma.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(hashes).toHaveLength(10);
    for (const { codeHash } of hashes) expect(codes.some((code) => codeHash.includes(code.replace("-", "")))).toBe(false);
    expect((await waitForMail(user.email)).subject).toBe("Two-factor sign-in is on");
    // The codes are shown once: the page does not show them again.
    expect(await (await client.get("/account/two-factor")).text()).not.toContain(codes[0]);

    const second = await passPassword(user.email);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await second.get("/workspaces")).status).toBe(302);
    expect((await second.post("/login/two-factor", { code: "123456" })).status).toBe(401);
    const next = await codeAt(secret, 1);
    const done = await second.post("/login/two-factor", { code: next });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/workspaces");
    expect((await second.get("/workspaces")).status).toBe(200);

    // The same code does not work twice.
    const replay = await passPassword(user.email);
    expect((await replay.post("/login/two-factor", { code: next })).status).toBe(401);
  });

  it("takes each recovery code once instead of a code", async () => {
    const user = await createUser();
    const { recoveryCodes } = await turnOn(await new Client().signIn(user.email, PASSWORD));
    const first = await passPassword(user.email);
    expect((await first.post("/login/two-factor", { code: recoveryCodes[3]!.toUpperCase() })).status).toBe(302);
    const again = await passPassword(user.email);
    expect((await again.post("/login/two-factor", { code: recoveryCodes[3]! })).status).toBe(401);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
  });

  it("holds the account 15 minutes after 5 wrong codes", async () => {
    const user = await createUser();
    const { recoveryCodes } = await turnOn(await new Client().signIn(user.email, PASSWORD));
    const client = await passPassword(user.email);
    for (let i = 0; i < 5; i++) expect((await client.post("/login/two-factor", { code: `00000${i}` })).status).toBe(401);
    const held = await client.post("/login/two-factor", { code: recoveryCodes[0]! });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
  });

  it("cannot be skipped: no code step without the password first", async () => {
    const response = await new Client().post("/login/two-factor", { code: "123456" });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("This sign-in took too long. Sign in again.");
  });

  it("is turned off only with the password and a code", async () => {
    const user = await createUser();
    const client = await new Client().signIn(user.email, PASSWORD);
    const { secret, recoveryCodes } = await turnOn(client);
    expect((await client.post("/account/two-factor", { intent: "disable", password: "wrong password", code: recoveryCodes[0]! })).status).toBe(400);
    expect((await client.post("/account/two-factor", { intent: "disable", password: PASSWORD, code: "999999" })).status).toBe(400);
    expect((await client.post("/account/two-factor", { intent: "disable", password: PASSWORD, code: recoveryCodes[0]! })).status).toBe(200);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(after.totpEnabledAt).toBeNull();
    // The page offers a fresh set-up at once; the old secret is gone for good.
    expect(after.totpSecret && decrypt(after.totpSecret)).not.toBe(secret);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    await new Client().signIn(user.email, PASSWORD);
  });
});

describe("a workspace that asks its owners for two-factor", () => {
  it("sends an owner without it to set it up first, and back; other roles are not asked", async () => {
    const { workspace, client } = await workspaceWithMember("OWNER");
    const editor = await createUser();
    await addMember(workspace.id, editor.id, "EDITOR");
    await prisma.workspace.update({ where: { id: workspace.id }, data: { ownersNeedTwoFactor: true } });

    const page = await client.get(`/w/${workspace.slug}/members`);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`/account/two-factor?workspace=${workspace.slug}&redirectTo=%2Fw%2F${workspace.slug}%2Fmembers`);
    const acting = await client.post(`/w/${workspace.slug}/settings`, { name: "Renamed", timeZone: "Europe/Warsaw" });
    expect(acting.status).toBe(302);
    expect(acting.headers.get("location")).toMatch(/^\/account\/two-factor\?/);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).name).toBe(workspace.name);
    expect(await (await client.get(page.headers.get("location")!)).text()).toContain(`${workspace.name} asks its owners to use two-factor sign-in`);

    expect((await (await new Client().signIn(editor.email, PASSWORD)).get(`/w/${workspace.slug}`)).status).toBe(200);

    await turnOn(client);
    expect((await client.get(`/w/${workspace.slug}/members`)).status).toBe(200);
  });

  it("is switched on only by an owner who has two-factor on", async () => {
    const { workspace, client } = await workspaceWithMember("OWNER");
    const refused = await client.post(`/w/${workspace.slug}/settings`, { intent: "owners-two-factor", ownersNeedTwoFactor: "on" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Turn on two-factor sign-in for yourself first");
    await turnOn(client);
    expect((await client.post(`/w/${workspace.slug}/settings`, { intent: "owners-two-factor", ownersNeedTwoFactor: "on" })).status).toBe(200);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).ownersNeedTwoFactor).toBe(true);
    expect(await prisma.auditEvent.count({ where: { workspaceId: workspace.id, action: "workspace.two-factor-policy" } })).toBe(1);
  });
});
