// Through the real UI in Chromium: the demo owner's first minute, and a newcomer's.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEMO_PASSWORD, demoUsers } from "../../prisma/demo-data";
import { launch, newPage, screenshot } from "../support/browser";
import { unique } from "../support/fixtures";
import { linkIn, waitForMail } from "../support/mailbox";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("in the browser", () => {
  it("the demo owner signs in, sees both brands and switches between them", async () => {
    const page = await newPage(browser);
    await page.goto("/");
    await expect.poll(() => page.url()).toMatch(/\/login$/);
    await page.getByLabel("E-mail").fill(demoUsers[0].email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/workspaces$/);
    const workspaces = page.getByRole("list", { name: "Workspaces" });
    await expect.poll(() => workspaces.getByRole("link").allTextContents()).toEqual(["Muzeum Miasta", "Northwind Coffee"]);
    await screenshot(page, "workspaces");

    await workspaces.getByRole("link", { name: "Muzeum Miasta" }).click();
    await page.waitForURL(/\/w\/muzeum-miasta$/);
    await page.getByText("Times are in Europe/Warsaw").waitFor();
    await screenshot(page, "plan-list");

    await page.getByLabel("Switch workspace").selectOption("northwind-coffee");
    await page.waitForURL(/\/w\/northwind-coffee$/);
    await page.getByText("Times are in America/New_York").waitFor();
    expect(page.consoleErrors).toEqual([]);
  });

  it("a newcomer signs up through the mailed link, sees field errors, creates a brand and invites an approver", async () => {
    const page = await newPage(browser);
    await page.goto("/signup");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByText("Enter a valid e-mail address").waitFor();

    const email = `${unique("newcomer")}@test.example`;
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await page.goto(linkIn(await waitForMail(email), "/signup/"));
    await page.getByLabel("Name").fill("Nowa Osoba");
    await page.getByLabel(/Password/).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Use at least 10 characters").waitFor();
    await page.getByLabel(/Password/).fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/workspaces$/);

    const brand = unique("Piekarnia");
    await page.getByLabel("Brand name").fill(brand);
    await page.getByLabel("Time zone").selectOption("Europe/Warsaw");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(new RegExp(`/w/${brand.toLowerCase()}$`));

    await page.getByRole("link", { name: "Members" }).click();
    const invite = page.getByRole("form", { name: "Invite someone" });
    await invite.getByLabel("E-mail").fill(`approver-${email}`);
    await invite.getByLabel("Role").selectOption("APPROVER");
    await invite.getByRole("button", { name: "Create invitation link" }).click();
    const link = page.getByTestId("invitation-url");
    await expect.poll(() => link.textContent()).toMatch(/\/invitations\/[\w-]+$/);
    await screenshot(page, "members");
    expect(await prisma.invitation.count({ where: { email: `approver-${email}`, role: "APPROVER" } })).toBe(1);
    expect(page.consoleErrors).toEqual([]);
  });
});
