import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { PASSWORD, createUser, unique } from "../support/fixtures";
import { Client } from "../support/http-client";

describe("sign-in and sign-out", () => {
  it("signs in with the right password and out again, ending the session on the server", async () => {
    const user = await createUser();
    const client = new Client();
    const response = await client.post("/login", { email: user.email, password: PASSWORD, redirectTo: "/workspaces" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/workspaces");
    expect((await client.get("/workspaces")).status).toBe(200);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    const stolen = client.hasCookie("__rytm_session");
    expect(stolen).toBe(true);
    const cookieBefore = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect((await client.post("/logout", {})).headers.get("location")).toBe("/login");
    expect(await prisma.session.findUnique({ where: { id: cookieBefore.id } })).toBeNull();
    const after = await client.get("/workspaces");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("does not honour a session cookie once its session row is gone", async () => {
    const user = await createUser();
    const client = await new Client().signIn(user.email, PASSWORD);
    await prisma.session.deleteMany({ where: { userId: user.id } });
    expect((await client.get("/workspaces")).status).toBe(302);
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    const user = await createUser();
    const wrong = await new Client().post("/login", { email: user.email, password: "wrong password!" });
    const nobody = await new Client().post("/login", { email: `${unique("nobody")}@test.example`, password: "wrong password!" });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    const message = "The e-mail address or the password is wrong.";
    expect(await wrong.text()).toContain(message);
    expect(await nobody.text()).toContain(message);
  });

  it("never redirects to another site after signing in", async () => {
    const user = await createUser();
    for (const redirectTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const response = await new Client().post("/login", { email: user.email, password: PASSWORD, redirectTo });
      expect(response.headers.get("location")).toBe("/");
    }
  });

  it("sends a signed-out visitor to sign in, and back afterwards", async () => {
    const response = await new Client().get("/w/some-brand/members");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fw%2Fsome-brand%2Fmembers");
  });
});

describe("throttling failed sign-ins", () => {
  it("blocks an account from one address after 5 failures, even with the right password", async () => {
    const user = await createUser();
    const client = new Client();
    for (let i = 0; i < 5; i++) {
      expect((await client.post("/login", { email: user.email, password: `wrong ${i} password` })).status).toBe(401);
    }
    const blocked = await client.post("/login", { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await blocked.text()).toContain("Too many failed sign-ins. Try again in 15 minutes.");

    // Another account from the same address is not locked out by it.
    const other = await createUser();
    expect((await new Client().post("/login", { email: other.email, password: PASSWORD })).status).toBe(302);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await createUser();
    for (let i = 0; i < 4; i++) await new Client().post("/login", { email: user.email, password: "wrong password" });
    await new Client().signIn(user.email, PASSWORD);
    for (let i = 0; i < 4; i++) await new Client().post("/login", { email: user.email, password: "wrong password" });
    expect((await new Client().post("/login", { email: user.email, password: PASSWORD })).status).toBe(302);
  });
});

describe("cross-site form posts", () => {
  it("are refused before any action runs", async () => {
    const user = await createUser();
    const evil = await new Client().post("/login", { email: user.email, password: PASSWORD }, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain("cross-site request refused");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    const fetchSite = await new Client().post("/login", { email: user.email, password: PASSWORD }, { "Sec-Fetch-Site": "cross-site" });
    expect(fetchSite.status).toBe(403);
  });

  it("cannot create a workspace in a signed-in victim's name", async () => {
    const user = await createUser();
    const client = await new Client().signIn(user.email, PASSWORD);
    const name = unique("csrf");
    const response = await client.post("/workspaces", { name, timeZone: "Europe/Warsaw" }, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await prisma.workspace.count({ where: { name } })).toBe(0);
  });
});
