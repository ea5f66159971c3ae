// Connecting an X account in Chromium as a person does: Connect X → the fake network's
// consent page → Authorize app → back at Rytm → pick the account → the channel is listed,
// then managed. Desktop and phone, screenshots in tests/artifacts.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { prisma } from "~/utils/db.server";
import path from "node:path";
import { artifactsDir, launch, screenshot, seriousA11yViolations, signedInOwner } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe("connecting an account by signing in at the network", () => {
  it.each([
    ["desktop", 1440, 900],
    ["phone", 390, 844],
  ] as const)("goes from Connect X through consent and the pick to a connected channel, on a %s", async (device, width, height) => {
    const { workspace, page } = await signedInOwner(browser, { width, height });
    await page.goto(`/w/${workspace.slug}/channels`);
    await screenshot(page, `connect-accounts-channels-${device}`);

    await page.getByRole("button", { name: "Connect X" }).click();
    await page.waitForURL((url) => url.origin === inject("networkFakes").x);
    await page.getByRole("heading", { name: "Authorize Rytm?" }).waitFor();
    // The network's page is not Rytm's: photographed as it is, without waiting for hydration.
    await page.screenshot({ path: path.join(artifactsDir, `connect-accounts-consent-${device}.png`), fullPage: true });
    await page.getByRole("button", { name: "Authorize app" }).click();

    await page.getByRole("heading", { name: "Which X account becomes a channel?" }).waitFor();
    expect(page.url()).toContain(`/w/${workspace.slug}/channels/pick/`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `connect-accounts-pick-${device}`);
    await page.getByRole("button", { name: "Connect this one: @rytm" }).click();

    await page.getByRole("link", { name: "Manage: @rytm" }).waitFor();
    await screenshot(page, `connect-accounts-connected-${device}`);
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { network: true, name: true, credentials: true } });
    expect(channel).toMatchObject({ network: "x", name: "@rytm" });
    expect(channel.credentials).not.toBeNull();

    await page.getByRole("link", { name: "Manage: @rytm" }).click();
    await page.getByRole("heading", { name: "Channel: @rytm" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `connect-accounts-manage-${device}`);
    expect(page.consoleErrors, JSON.stringify(page.consoleErrors)).toEqual([]);
  });
});
