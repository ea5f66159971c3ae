// Media in the post editor as a person uses it: a picture dropped on a variant uploads with
// its progress and shows in the editor and in the network's preview; the rules say it has no
// alt text until it is written; a second one is picked from the library; the draft is saved
// and the post page shows both, in order. Screenshots in tests/artifacts.
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hydrated, launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe("media in the post editor", () => {
  it("drops a picture on a variant, takes its alt text, picks another from the library and saves both in order", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"));
    await addMember(workspace.id, owner.id, "OWNER");
    await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Museum on Mastodon" } });
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#d9822b" } }).jpeg().toBuffer();
    const poster = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#2b6cd9" } }).png().toBuffer();
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signInAs(page, owner.email, PASSWORD);
    // The poster is in the library already (uploaded there earlier).
    await page.goto(`/w/${workspace.slug}/media`);
    await hydrated(page);
    await page.getByLabel("Choose files").setInputFiles([{ name: "poster.png", mimeType: "image/png", buffer: poster }]);
    await page.getByText("poster.png uploaded.").waitFor();

    await page.goto(`/w/${workspace.slug}/posts/new`);
    await hydrated(page);
    await page.getByLabel("Title (only your team sees it)").fill("Museum night");
    await page.getByLabel("Main text").fill("Museum night: doors open at 19:00, free entry.");
    await page.getByRole("checkbox", { name: "Museum on Mastodon" }).check();
    const variant = page.getByRole("region", { name: "Variant for Museum on Mastodon" });
    const transfer = await page.evaluateHandle((content) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(content)], "museum-front.jpg", { type: "image/jpeg" }));
      return data;
    }, [...photo]);
    await variant.locator(".media-drop").dispatchEvent("drop", { dataTransfer: transfer });
    await variant.getByText("museum-front.jpg uploaded.").waitFor();
    const preview = variant.getByRole("figure", { name: "Mastodon preview" });
    await expect.poll(() => preview.locator("img").evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0).length)).toBe(1);
    const rules = page.getByRole("region", { name: "Rules" });
    await rules.getByText(/has no alt text \(museum-front\.jpg\)/).waitFor();
    await screenshot(page, "editor-media-dropped");

    await variant.getByLabel("Alt text: museum-front.jpg").fill("The museum's front door at dusk, lanterns lit");
    await expect.poll(() => rules.getByText(/no alt text/).count()).toBe(0);
    await variant.getByText("Pick from the library").click();
    await variant.getByRole("button", { name: "Add poster.png" }).click();
    await variant.getByLabel("Alt text: poster.png").fill("Poster: Museum night, 19:00, free entry");
    await expect.poll(() => preview.locator("img").count()).toBe(2);
    expect(await preview.locator("img").first().getAttribute("alt")).toBe("The museum's front door at dusk, lanterns lit");
    await screenshot(page, "editor-media-attached");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL((url) => /\/posts\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
    await page.getByRole("heading", { name: "Museum night" }).waitFor();
    const shown = page.getByRole("figure", { name: "Mastodon preview" }).locator("img");
    await expect.poll(() => shown.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).alt))).toEqual(["The museum's front door at dusk, lanterns lit", "Poster: Museum night, 19:00, free entry"]);
    await screenshot(page, "editor-media-post-page");

    const carried = await prisma.variantMedia.findMany({ where: { variant: { workspaceId: workspace.id } }, orderBy: { position: "asc" }, select: { media: { select: { fileName: true, altText: true } } } });
    expect(carried.map((c) => c.media)).toEqual([
      { fileName: "museum-front.jpg", altText: "The museum's front door at dusk, lanterns lit" },
      { fileName: "poster.png", altText: "Poster: Museum night, 19:00, free entry" },
    ]);
    expect(page.consoleErrors).toEqual([]);
  });
});
