// The media library as a person uses it: two files chosen at once upload side by side, each
// with its own progress; the items appear with their thumbnails, each warns until it has alt
// text, and the alt text is saved. Desktop and phone, screenshots in tests/artifacts.
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hydrated, launch, screenshot, seriousA11yViolations, signedInOwner } from "../support/browser";

let browser: Browser;
let photo: Buffer;
let gif: Buffer;
beforeAll(async () => {
  browser = await launch();
  photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#d9822b" } }).jpeg().toBuffer();
  gif = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#2b6cd9" } }).gif().toBuffer();
});
afterAll(() => browser.close());

describe("the media library", () => {
  it.each([
    ["desktop", 1440, 900],
    ["phone", 390, 844],
  ] as const)("uploads several files at once and takes their alt text, on a %s", async (device, width, height) => {
    const { workspace, page } = await signedInOwner(browser, { width, height });
    await page.goto(`/w/${workspace.slug}/media`);
    await hydrated(page);
    await page.getByText("No media yet").waitFor();

    await page.getByLabel("Choose files").setInputFiles([
      { name: "museum-front.jpg", mimeType: "image/jpeg", buffer: photo },
      { name: "badge.gif", mimeType: "image/gif", buffer: gif },
    ]);
    await page.getByText("museum-front.jpg uploaded.").waitFor();
    await page.getByText("badge.gif uploaded.").waitFor();
    const items = page.locator(".media-item");
    await expect.poll(() => items.count()).toBe(2);
    // Every thumbnail loaded (served through the members-only route).
    await expect.poll(() => page.locator(".media-item img").evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    expect(await page.locator(".media-item .warning").count()).toBe(2);
    await screenshot(page, `media-library-uploaded-${device}`);

    const front = items.filter({ hasText: "museum-front.jpg" });
    await front.getByLabel("Alt text").fill("The museum's front door at sunset");
    await front.getByRole("button", { name: "Save alt text" }).click();
    await page.getByText("Alt text saved.").waitFor();
    await expect.poll(() => page.locator(".media-item .warning").count()).toBe(1);
    expect(await front.locator("img").getAttribute("alt")).toBe("The museum's front door at sunset");
    await screenshot(page, `media-library-${device}`);

    const stored = await prisma.media.findMany({ where: { workspaceId: workspace.id }, orderBy: { fileName: "asc" }, select: { fileName: true, kind: true, width: true, height: true, altText: true } });
    expect(stored).toEqual([
      { fileName: "badge.gif", kind: "GIF", width: 300, height: 300, altText: "" },
      { fileName: "museum-front.jpg", kind: "IMAGE", width: 1200, height: 800, altText: "The museum's front door at sunset" },
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
  });

  it("takes files dropped on it and pasted into it", async () => {
    const { workspace, page } = await signedInOwner(browser);
    await page.goto(`/w/${workspace.slug}/media`);
    await hydrated(page);
    const zone = page.locator(".media-drop");
    // What a browser hands over for a drop or a paste: a DataTransfer holding the files.
    const transfer = (name: string, bytes: number[]) =>
      page.evaluateHandle(([fileName, content]) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(content)], fileName, { type: "image/gif" }));
        return data;
      }, [name, bytes] as const);
    await zone.dispatchEvent("drop", { dataTransfer: await transfer("dropped.gif", [...gif]) });
    await page.getByText("dropped.gif uploaded.").waitFor();
    // A paste is a ClipboardEvent (Playwright's dispatchEvent would make a plain Event).
    await zone.evaluate((element, data) => element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true })), await transfer("pasted.gif", [...gif]));
    await page.getByText("pasted.gif uploaded.").waitFor();
    await expect.poll(() => page.locator(".media-item").count()).toBe(2);
    expect(await prisma.media.count({ where: { workspaceId: workspace.id, fileName: { in: ["dropped.gif", "pasted.gif"] } } })).toBe(2);
  });
});
