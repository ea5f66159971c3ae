// Connecting channels as an owner would: the form asks each network for what its module
// needs (Mastodon its instance, Bluesky a handle and an app password, Instagram only a
// name to plan with), says what is missing, and the list names each network with its icon
// and, where publishing is not available yet, why. Desktop and phone, screenshots in
// tests/artifacts.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, screenshot, seriousA11yViolations, signedInOwner } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe("connecting channels", () => {
  it.each([
    ["desktop", 1440, 900],
    ["phone", 390, 844],
  ] as const)("asks each network for its own fields, on a %s", async (device, width, height) => {
    const { workspace, page } = await signedInOwner(browser, { width, height });
    await page.goto(`/w/${workspace.slug}/channels`);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Connect", exact: true }) });
    const connect = async (network: string, name: string, fields: Record<string, string>) => {
      await form.getByLabel("Network").selectOption({ label: network });
      await form.getByLabel("Display name").fill(name);
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
      await form.getByRole("button", { name: "Connect" }).click();
    };

    await connect("Mastodon", "Muzeum on Mastodon", { "Instance address (https://mastodon.social)": "https://mastodon.example", "Access token (stored encrypted)": "tok_mastodon_123" });
    await page.getByRole("cell", { name: "Muzeum on Mastodon" }).waitFor();

    // Bluesky asks for a handle and an app password, both or neither.
    await connect("Bluesky", "Muzeum on Bluesky", { "Handle or e-mail address (name.bsky.social)": "muzeum.bsky.social" });
    await form.getByText("Enter the app password").waitFor();
    await screenshot(page, `channels-bluesky-needs-password-${device}`);
    await form.getByLabel("App password (stored encrypted)").fill("abcd-efgh-ijkl-mnop");
    await form.getByRole("button", { name: "Connect" }).click();
    await page.getByRole("cell", { name: "Muzeum on Bluesky" }).waitFor();

    // Instagram cannot publish yet: a channel to plan with, and the list says why.
    await connect("Instagram", "Muzeum on Instagram", {});
    await page.getByText("Publishing to Instagram needs media uploads").waitFor();
    expect(await form.getByLabel("Instance address (https://mastodon.social)").count()).toBe(0);
    await screenshot(page, `channels-${device}`);

    const channels = await prisma.channel.findMany({ where: { workspaceId: workspace.id }, orderBy: { network: "asc" }, select: { network: true, settings: true, credentials: true } });
    expect(channels.map((c) => [c.network, c.settings, c.credentials !== null])).toEqual([
      ["mastodon", { instanceUrl: "https://mastodon.example" }, true],
      ["bluesky", {}, true],
      ["instagram", {}, false],
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
  });
});
