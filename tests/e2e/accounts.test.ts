// Accounts through the real UI in Chromium, with mail read from the test SMTP server:
// sign up by mail, turn on two-factor sign-in, sign in with a code; reset a password by mail.
import { generate } from "otplib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, newPage, screenshot, seriousA11yViolations } from "../support/browser";
import { PASSWORD, createUser, unique } from "../support/fixtures";
import { linkIn, waitForMail } from "../support/mailbox";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe("accounts in the browser", () => {
  it("sign up → the mailed link → two-factor on → sign out → sign in with a code", async () => {
    const page = await newPage(browser);
    const email = `${unique("ania")}@test.example`;
    await page.goto("/signup");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").getByText(email).waitFor();

    const mail = await waitForMail(email);
    expect(mail.subject).toBe("Finish creating your Rytm account");
    await page.goto(linkIn(mail, "/signup/"));
    await page.getByText(`Your account will be ${email}.`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("Name").fill("Ania Kowalska");
    await page.getByLabel(/Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/workspaces$/);

    await page.getByRole("link", { name: "Account" }).click();
    await page.waitForURL(/\/account$/);
    await page.getByRole("link", { name: "Two-factor sign-in is off." }).click();
    await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "two-factor-setup");
    const secret = (await page.getByTestId("totp-key").textContent())!.replaceAll(" ", "");
    await page.getByLabel("6-digit code from the app").fill("000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("alert").getByText("That code is not right.").waitFor();
    await page.getByLabel("6-digit code from the app").fill(await codeAt(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    const codes = page.getByTestId("recovery-codes").locator("code");
    await expect.poll(() => codes.count()).toBe(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "recovery-codes");
    await page.getByRole("link", { name: "Continue" }).click();
    await page.waitForURL(/\/account$/);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/login\/two-factor$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("Code").fill(await codeAt(secret, 1));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/account/sessions");
    await page.getByText("this browser").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "sessions");
    // The one wrong code was answered 400, as it should be; nothing else went wrong.
    expect(page.consoleErrors.filter((e) => !/status of 400 .*\/account\/two-factor\.data/.test(e))).toEqual([]);
  });

  it("a forgotten password is reset through the mailed link", async () => {
    const user = await createUser();
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(/\/forgot-password$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").getByText(`If ${user.email} has an account`).waitFor();

    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Reset your Rytm password");
    await page.goto(linkIn(mail, "/reset-password/"));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("New password (at least 10 characters)").fill("my new passphrase");
    await page.getByRole("button", { name: "Change the password" }).click();
    await page.waitForURL(/\/login\?notice=password-reset$/);
    await page.getByRole("status").getByText("Your password was changed").waitFor();
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill("my new passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect(await prisma.accountToken.count({ where: { email: user.email, usedAt: null } })).toBe(0);
    expect(page.consoleErrors).toEqual([]);
  });
});
