// Accounts over HTTP against the real server and worker, with mail read from the test SMTP
// server: sign-up by mailed link (not revealing existing accounts), password reset (once,
// for an hour), password change (other sessions end), and the sessions list.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashToken } from "~/utils/secret-token.server";
import { PASSWORD, createUser, unique } from "../support/fixtures";
import { Client } from "../support/http-client";
import { linkIn, mailsTo, waitForMail } from "../support/mailbox";

const newAddress = () => `${unique("new")}@test.example`;
const NEW_PASSWORD = "a brand new passphrase";

/** The page without what legitimately differs: the address itself, and the build's asset names. */
// The address, asset names and each response's own CSP nonce aside, the pages are the same.
const comparable = (html: string, email: string) =>
  html
    .replaceAll(email, "EMAIL")
    .replace(/\/assets\/[\w.-]+/g, "/assets/X")
    .replace(/nonce="[^"]*"/g, 'nonce="N"');

describe("sign-up", () => {
  it("answers an address with and without an account alike, and mails each what fits", async () => {
    const existing = await createUser();
    const fresh = newAddress();
    const client = Client.at();
    const [a, b] = [await client.post("/signup", { email: fresh }), await client.post("/signup", { email: existing.email })];
    expect(a.status).toBe(200);
    expect(b.status).toBe(a.status);
    expect(a.headers.get("set-cookie")).toBeNull();
    expect(b.headers.get("set-cookie")).toBeNull();
    expect(comparable(await b.text(), existing.email)).toBe(comparable(await a.text(), fresh));

    const welcome = await waitForMail(fresh);
    expect(welcome.subject).toBe("Finish creating your Rytm account");
    expect(welcome.text).toMatch(new RegExp(`${inject("baseUrl")}/signup/[\\w-]{43}`));
    expect(welcome.html).toContain(`href="${inject("baseUrl")}/signup/`);
    expect(welcome.autoSubmitted).toBe("auto-generated");

    const warning = await waitForMail(existing.email);
    expect(warning.subject).toBe("Someone tried to sign up with your address");
    expect(warning.text).toContain(`${inject("baseUrl")}/login`);
    expect(warning.text).toContain(`${inject("baseUrl")}/forgot-password`);
    expect(warning.text).not.toMatch(/\/signup\//);
    // No account was made or changed, and no link exists for the address that has one.
    expect(await prisma.user.count({ where: { email: fresh } })).toBe(0);
    expect(await prisma.accountToken.count({ where: { email: existing.email } })).toBe(0);
  });

  it("makes a confirmed account through the link, signs in, and the link works once", async () => {
    const email = newAddress();
    await Client.at().post("/signup", { email: ` ${email.toUpperCase()} ` });
    const link = linkIn(await waitForMail(email), "/signup/");
    // Only the token's hash is stored.
    const token = link.split("/").pop()!;
    expect(await prisma.accountToken.count({ where: { tokenHash: hashToken(token), purpose: "SIGN_UP" } })).toBe(1);
    expect(await prisma.accountToken.count({ where: { tokenHash: token } })).toBe(0);

    const client = new Client();
    const page = await client.get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);
    const done = await client.post(link, { name: "Anna Nowak", password: PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/workspaces");
    expect((await client.get("/workspaces")).status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { name: true, passwordHash: true, emailVerifiedAt: true } });
    expect(user).toMatchObject({ name: "Anna Nowak", emailVerifiedAt: expect.any(Date) });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const again = new Client();
    expect((await again.get(link)).status).toBe(410);
    const reused = await again.post(link, { name: "Mallory", password: "mallory's password" });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("This link has expired or was used already.");
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("refuses an expired link, and a tampered one", async () => {
    const email = newAddress();
    await Client.at().post("/signup", { email });
    const link = linkIn(await waitForMail(email), "/signup/");
    await prisma.accountToken.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await new Client().get(link)).status).toBe(410);
    expect((await new Client().post(link, { name: "Late", password: PASSWORD })).status).toBe(410);
    expect((await new Client().get("/signup/not-a-token")).status).toBe(410);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("goes back to the invitation it started from", async () => {
    const email = newAddress();
    await Client.at().post("/signup", { email, redirectTo: "/invitations/abc" });
    const link = linkIn(await waitForMail(email), "/signup/");
    const done = await new Client().post(link, { name: "Invited", password: PASSWORD });
    expect(done.headers.get("location")).toBe("/invitations/abc");
  });

  it.each([
    ["/signup", { email: "not-an-email" }, "Enter a valid e-mail address"],
    ["/signup", { email: `${"x".repeat(250)}@test.example` }, "at most 254 characters"],
    ["/forgot-password", { email: "" }, "Enter your e-mail address"],
  ])("%s refuses %o with a message next to the field", async (path, form, message) => {
    const response = await Client.at().post(path, form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
  });

  it("checks the name and password on the link's page, and the link still works after", async () => {
    const email = newAddress();
    await Client.at().post("/signup", { email });
    const link = linkIn(await waitForMail(email), "/signup/");
    const short = await new Client().post(link, { name: "A", password: "short" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Use at least 10 characters");
    expect((await new Client().post(link, { name: "A", password: PASSWORD })).status).toBe(302);
  });

  it("holds off one place that asks too often, and mails one address at most 3 times an hour", async () => {
    const place = Client.at();
    for (let i = 0; i < 10; i++) expect((await place.post("/signup", { email: newAddress() })).status).toBe(200);
    const held = await place.post("/signup", { email: newAddress() });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await held.text()).toContain("Too many attempts. Try again in");

    const target = newAddress();
    for (let i = 0; i < 3; i++) expect((await Client.at().post("/signup", { email: target })).status).toBe(200);
    expect((await Client.at().post("/signup", { email: target })).status).toBe(429);
  });
});

describe("password reset", () => {
  it("mails a one-use link, valid an hour, that sets the password and signs out every session", async () => {
    const user = await createUser();
    const signedIn = await new Client().signIn(user.email, PASSWORD);
    const response = await Client.at().post("/forgot-password", { email: user.email });
    expect(response.status).toBe(200);
    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Reset your Rytm password");
    const link = linkIn(mail, "/reset-password/");
    const row = await prisma.accountToken.findFirstOrThrow({ where: { email: user.email, purpose: "PASSWORD_RESET" }, select: { expiresAt: true, tokenHash: true } });
    expect(row.tokenHash).toBe(hashToken(link.split("/").pop()!));
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    const done = await new Client().post(link, { password: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?notice=password-reset");
    expect((await signedIn.get("/workspaces")).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    await new Client().signIn(user.email, NEW_PASSWORD);
    expect((await new Client().post("/login", { email: user.email, password: PASSWORD })).status).toBe(401);
    expect((await waitForMail(user.email, 2)).subject).toBe("Your Rytm password was changed");

    // Once only.
    const again = await new Client().post(link, { password: "yet another passphrase" });
    expect(again.status).toBe(410);
    await new Client().signIn(user.email, NEW_PASSWORD);
  });

  it("refuses a link an hour old", async () => {
    const user = await createUser();
    await Client.at().post("/forgot-password", { email: user.email });
    const link = linkIn(await waitForMail(user.email), "/reset-password/");
    await prisma.accountToken.updateMany({ where: { email: user.email }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await new Client().get(link)).status).toBe(410);
    expect((await new Client().post(link, { password: NEW_PASSWORD })).status).toBe(410);
    await new Client().signIn(user.email, PASSWORD);
  });

  it("answers an unknown address exactly as a known one, and mails it nothing", async () => {
    const user = await createUser();
    const nobody = newAddress();
    const client = Client.at();
    const known = await client.post("/forgot-password", { email: user.email });
    const unknown = await client.post("/forgot-password", { email: nobody });
    expect(unknown.status).toBe(known.status);
    expect(comparable(await unknown.text(), nobody)).toBe(comparable(await known.text(), user.email));
    await waitForMail(user.email);
    // The known address's mail has arrived; the worker handled both requests in order by then.
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(nobody)).toEqual([]);
  });

  it("a second link retires the first once either is used", async () => {
    const user = await createUser();
    const client = Client.at();
    await client.post("/forgot-password", { email: user.email });
    const first = linkIn(await waitForMail(user.email), "/reset-password/");
    await client.post("/forgot-password", { email: user.email });
    const second = linkIn(await waitForMail(user.email, 2), "/reset-password/");
    expect(first).not.toBe(second);
    expect((await new Client().post(second, { password: NEW_PASSWORD })).status).toBe(302);
    expect((await new Client().post(first, { password: "an attacker's passphrase" })).status).toBe(410);
  });
});

describe("changing the password", () => {
  it("needs the current one, keeps this session and signs out every other", async () => {
    const user = await createUser();
    const here = await new Client().signIn(user.email, PASSWORD);
    const elsewhere = await new Client().signIn(user.email, PASSWORD);

    const wrong = await here.post("/account/password", { currentPassword: "not my password", password: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("The current password is wrong.");

    const changed = await here.post("/account/password", { currentPassword: PASSWORD, password: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Every other session was signed out.");
    expect((await here.get("/workspaces")).status).toBe(200);
    expect((await elsewhere.get("/workspaces")).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    await new Client().signIn(user.email, NEW_PASSWORD);
    const notice = await waitForMail(user.email);
    expect(notice.subject).toBe("Your Rytm password was changed");
  });

  it("stops guessing the current password after 5 tries", async () => {
    const user = await createUser();
    const client = await new Client().signIn(user.email, PASSWORD);
    for (let i = 0; i < 5; i++) expect((await client.post("/account/password", { currentPassword: `guess ${i}`, password: NEW_PASSWORD })).status).toBe(400);
    expect((await client.post("/account/password", { currentPassword: PASSWORD, password: NEW_PASSWORD })).status).toBe(429);
  });
});

describe("sessions", () => {
  const chrome = { "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36" };
  const firefox = { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0" };

  async function signInWith(user: { email: string }, headers: Record<string, string>) {
    const client = new Client();
    const response = await client.post("/login", { email: user.email, password: PASSWORD }, headers);
    expect(response.status).toBe(302);
    return client;
  }

  it("lists each browser with when it signed in and was last used; one can be signed out", async () => {
    const user = await createUser();
    const laptop = await signInWith(user, chrome);
    const other = await signInWith(user, firefox);
    const page = await laptop.get("/account/sessions");
    const html = await page.text();
    expect(html).toContain("Chrome on Windows");
    expect(html).toContain("Firefox on Linux");
    expect(html).toContain("this browser");

    const sessions = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true, userAgent: true } });
    const firefoxSession = sessions.find((s) => s.userAgent?.includes("Firefox"))!;
    const ended = await laptop.post("/account/sessions", { intent: "sign-out", sessionId: firefoxSession.id });
    expect(ended.status).toBe(200);
    expect((await other.get("/workspaces")).status).toBe(302);
    expect((await laptop.get("/workspaces")).status).toBe(200);
  });

  it("cannot sign out someone else's session", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const clientA = await new Client().signIn(a.email, PASSWORD);
    const clientB = await new Client().signIn(b.email, PASSWORD);
    const sessionB = await prisma.session.findFirstOrThrow({ where: { userId: b.id }, select: { id: true } });
    expect((await clientA.post("/account/sessions", { intent: "sign-out", sessionId: sessionB.id })).status).toBe(404);
    expect((await clientB.get("/workspaces")).status).toBe(200);
    expect((await clientA.post("/account/sessions", { intent: "nonsense" })).status).toBe(400);
  });

  it("signs out everywhere, this browser too", async () => {
    const user = await createUser();
    const one = await new Client().signIn(user.email, PASSWORD);
    const two = await new Client().signIn(user.email, PASSWORD);
    const response = await one.post("/account/sessions", { intent: "everywhere" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login");
    expect((await one.get("/workspaces")).status).toBe(302);
    expect((await two.get("/workspaces")).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
