// Connecting a Facebook Page and a Threads profile in Chromium as a person does: Connect →
// the fake network's consent page → Authorize app → back at Rytm → pick the Page or profile
// → the channel is listed. Desktop; the Facebook pick once on a phone. Screenshots in
// tests/artifacts.
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { artifactsDir, launch, screenshot, seriousA11yViolations, signedInOwner } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe("connecting Meta's networks by signing in", () => {
  it.each([
    ["facebook", "Facebook", "Rytm Café", "desktop", 1440, 900],
    ["facebook", "Facebook", "Rytm Café", "phone", 390, 844],
    ["threads", "Threads", "@rytm", "desktop", 1440, 900],
  ] as const)("goes from Connect %s through consent and the pick to a connected channel (%s, %s, on a %s)", async (network, name, account, device, width, height) => {
    const { workspace, page } = await signedInOwner(browser, { width, height });
    await page.goto(`/w/${workspace.slug}/channels`);
    if (network === "facebook" && device === "desktop") await screenshot(page, "connect-meta-channels-desktop");

    await page.getByRole("button", { name: `Connect ${name}` }).click();
    await page.waitForURL((url) => url.origin === inject("networkFakes")[network]);
    await page.getByRole("heading", { name: "Authorize Rytm?" }).waitFor();
    // The network's page is not Rytm's: photographed as it is, without waiting for hydration.
    await page.screenshot({ path: path.join(artifactsDir, `connect-meta-${network}-consent-${device}.png`), fullPage: true });
    await page.getByRole("button", { name: "Authorize app" }).click();

    await page.getByRole("heading", { name: `Which ${name} account becomes a channel?` }).waitFor();
    expect(page.url()).toContain(`/w/${workspace.slug}/channels/pick/`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `connect-meta-${network}-pick-${device}`);
    await page.getByRole("button", { name: `Connect this one: ${account}` }).click();

    await page.getByRole("link", { name: `Manage: ${account}` }).waitFor();
    await screenshot(page, `connect-meta-${network}-connected-${device}`);
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { network: true, name: true, credentials: true } });
    expect(channel).toMatchObject({ network, name: account });
    expect(channel.credentials).not.toBeNull();
    expect(page.consoleErrors, JSON.stringify(page.consoleErrors)).toEqual([]);
  });
});
