// From the editor to three networks: a picture dropped on the Mastodon variant, its alt text
// written once, the same picture picked for Bluesky and X, the post scheduled a minute or two
// ahead; the worker publishes it, and each network's fake received the stored bytes once.
import sharp from "sharp";
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { getPublishQueue } from "~/utils/queues.server";
import { BLUESKY_LOGIN, startBluesky } from "../fakes/bluesky";
import { MASTODON_TOKEN, startMastodon } from "../fakes/mastodon";
import { X_TOKEN, startX } from "../fakes/x";
import { hydrated, launch, newPage, screenshot, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";
import { waitFor } from "../support/processes";

let browser: Browser;
let mastodon: Awaited<ReturnType<typeof startMastodon>>;
let pds: Awaited<ReturnType<typeof startBluesky>>;
let xApi: Awaited<ReturnType<typeof startX>>;
beforeAll(async () => {
  [browser, mastodon, pds, xApi] = await Promise.all([launch(), startMastodon(), startBluesky(), startX()]);
});
afterAll(async () => {
  await Promise.all([browser.close(), mastodon.close(), pds.close(), xApi.close()]);
  await getPublishQueue().close();
});

describe("publishing a picture from the editor", () => {
  it("schedules a post with a dropped picture on Mastodon, Bluesky and X, and each network gets its bytes once", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"));
    await addMember(workspace.id, owner.id, "OWNER");
    const channels = [
      { network: "mastodon", name: "Museum on Mastodon", settings: { instanceUrl: mastodon.url, timeoutMs: 5000 }, credentials: { token: MASTODON_TOKEN } },
      { network: "bluesky", name: "Museum on Bluesky", settings: { service: pds.url, timeoutMs: 5000 }, credentials: BLUESKY_LOGIN },
      { network: "x", name: "Museum on X", settings: { apiBase: xApi.url, timeoutMs: 5000 }, credentials: { token: X_TOKEN } },
    ] as const;
    for (const c of channels) await prisma.channel.create({ data: { workspaceId: workspace.id, network: c.network, name: c.name, settings: c.settings, credentials: encrypt(JSON.stringify(c.credentials)) } });
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#d9822b" } }).jpeg().toBuffer();

    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/posts/new`);
    await hydrated(page);
    const text = `Museum night: doors open at 19:00 ${unique("t")}`;
    await page.getByLabel("Title (only your team sees it)").fill("Museum night");
    await page.getByLabel("Main text").fill(text);
    for (const c of channels) await page.getByRole("checkbox", { name: c.name }).check();

    const first = page.getByRole("region", { name: "Variant for Museum on Mastodon" });
    const transfer = await page.evaluateHandle((content) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(content)], "museum-front.jpg", { type: "image/jpeg" }));
      return data;
    }, [...photo]);
    await first.locator(".media-drop").dispatchEvent("drop", { dataTransfer: transfer });
    await first.getByText("museum-front.jpg uploaded.").waitFor();
    await first.getByLabel("Alt text: museum-front.jpg").fill("The museum's front door at dusk");
    for (const name of ["Museum on Bluesky", "Museum on X"]) {
      const variant = page.getByRole("region", { name: `Variant for ${name}` });
      await variant.getByText("Pick from the library").click();
      await variant.getByRole("button", { name: "Add museum-front.jpg" }).click();
      // The alt text is the item's: written once, it is there for every channel.
      expect(await variant.getByLabel("Alt text: museum-front.jpg").inputValue()).toBe("The museum's front door at dusk");
    }
    // A minute or two ahead, in the workspace's zone (the editor takes minutes).
    const at = DateTime.now().setZone("Europe/Warsaw").plus({ minutes: 2 }).startOf("minute");
    await page.getByLabel("Date", { exact: true }).fill(at.toISODate()!);
    await page.getByLabel("Time", { exact: true }).fill(at.toFormat("HH:mm"));
    const rules = page.getByRole("region", { name: "Rules" });
    await expect.poll(() => page.locator("#editor-status").textContent(), { timeout: 15_000 }).not.toContain("Checking");
    await screenshot(page, "media-publish-editor");
    // Nothing blocks, and the alt text satisfies its rule (the words shared by the three
    // channels may draw a warning of their own).
    expect(await rules.textContent()).not.toMatch(/Blocking:|no alt text/);
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.waitForURL((url) => /\/posts\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
    await expect.poll(() => page.getByTestId("post-status").textContent()).toBe("scheduled");

    const media = await prisma.media.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { sha256: true, byteSize: true } });
    const variants = await waitFor(
      "the three variants to be published",
      async () => {
        const rows = await prisma.variant.findMany({ where: { workspaceId: workspace.id }, select: { status: true, lastError: true } });
        return rows.length === 3 && rows.every((v) => v.status === "PUBLISHED" || v.status === "FAILED") ? rows : undefined;
      },
      240_000,
    );
    expect(variants.map((v) => [v.status, v.lastError])).toEqual([
      ["PUBLISHED", null],
      ["PUBLISHED", null],
      ["PUBLISHED", null],
    ]);
    const stored = { sha256: media.sha256, size: Number(media.byteSize) };
    expect([...mastodon.media.values()].filter((m) => m.sha256 === stored.sha256).map((m) => ({ sha256: m.sha256, size: m.size, description: m.description }))).toEqual([{ ...stored, description: "The museum's front door at dusk" }]);
    expect([...pds.blobs.values()].filter((b) => b.sha256 === stored.sha256).map((b) => ({ sha256: b.sha256, size: b.size }))).toEqual([stored]);
    expect(pds.requests.filter((r) => r.path.startsWith("/xrpc/com.atproto.repo.uploadBlob"))).toHaveLength(1);
    expect([...xApi.media.values()].filter((m) => m.sha256 === stored.sha256).map((m) => ({ sha256: m.sha256, size: m.size, altText: m.altText }))).toEqual([{ ...stored, altText: "The museum's front door at dusk" }]);

    await page.reload();
    await expect.poll(() => page.getByTestId("post-status").textContent()).toBe("published");
    await screenshot(page, "media-publish-published");
    expect(page.consoleErrors).toEqual([]);
  }, 360_000);
});
