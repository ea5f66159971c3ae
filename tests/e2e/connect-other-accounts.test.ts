// Connecting Bluesky with a handle and an app password, and adding a webhook whose signing
// secret is shown once, in Chromium as a person does (decision 0036). Desktop, and the
// secret on a phone; screenshots in tests/artifacts.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, screenshot, seriousA11yViolations, signedInOwner } from "../support/browser";
import { unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

async function ownerOnChannels(width: number, height: number) {
  const { workspace, page } = await signedInOwner(browser, { width, height });
  await page.goto(`/w/${workspace.slug}/channels`);
  return { page, workspace };
}

describe("connecting Bluesky and adding a webhook", () => {
  it("signs in to Bluesky with a handle and an app password, on a desktop", async () => {
    const handle = `${unique("e2e").replace(/[^a-z0-9]/g, "")}.rytm.test`;
    await fetch(`${inject("networkFakes").bluesky}/__fake/accounts?${new URLSearchParams({ handle, password: "abcd-efgh-ijkl-mnop" })}`, { method: "POST" });
    const { page, workspace } = await ownerOnChannels(1440, 900);
    await page.getByRole("link", { name: "Sign in to Bluesky" }).click();
    await page.getByRole("heading", { name: "Sign in to Bluesky" }).waitFor();
    await page.getByLabel("Handle").fill(handle);
    await page.getByLabel("App password").fill("wrong-pass-word0");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Bluesky refused the handle or the app password.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "connect-bluesky-refused-desktop");

    await page.getByLabel("App password").fill("abcd-efgh-ijkl-mnop");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: `Manage: @${handle}` }).waitFor();
    await screenshot(page, "connect-bluesky-connected-desktop");
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { network: true, name: true, needsReconnect: true } });
    expect(channel).toEqual({ network: "bluesky", name: `@${handle}`, needsReconnect: false });
    // The only error in the console is the refused sign-in's answer (422), which the page explained.
    expect(page.consoleErrors, JSON.stringify(page.consoleErrors)).toEqual([expect.stringContaining("status of 422")]);
  });

  it.each([
    ["desktop", 1440, 900],
    ["phone", 390, 844],
  ] as const)("creates a webhook and shows its secret once, on a %s", async (device, width, height) => {
    const { page, workspace } = await ownerOnChannels(width, height);
    await page.getByRole("link", { name: "Add a webhook" }).click();
    await page.getByRole("heading", { name: "Add a webhook" }).waitFor();
    await page.getByLabel("Display name").fill("Newsroom CMS");
    await page.getByLabel("Endpoint address").fill("https://cms.example.com/hooks/rytm");
    await page.getByRole("button", { name: "Create the webhook" }).click();
    const secretBox = page.getByRole("textbox", { name: "Signing secret" });
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `connect-webhook-secret-${device}`);

    // Shown once: the channels page and the channel's page never show it again.
    await page.getByRole("link", { name: "Back to channels" }).click();
    await page.getByRole("link", { name: "Manage: Newsroom CMS" }).click();
    await page.getByRole("button", { name: "Rotate the secret" }).waitFor();
    expect(await page.content()).not.toContain(secret);
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { network: true, name: true, settings: true } });
    expect(channel).toEqual({ network: "webhook", name: "Newsroom CMS", settings: { url: "https://cms.example.com/hooks/rytm" } });
    if (device === "desktop") {
      await page.getByRole("button", { name: "Rotate the secret" }).click();
      await page.getByText("A new secret signs the deliveries from now on.").waitFor();
      expect(await page.getByRole("textbox", { name: "Signing secret" }).inputValue()).not.toBe(secret);
      await screenshot(page, "connect-webhook-rotated-desktop");
    }
    expect(page.consoleErrors, JSON.stringify(page.consoleErrors)).toEqual([]);
  });
});
