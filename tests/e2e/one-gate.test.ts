// What a newcomer meets: the demo's month without a red badge on a clean post, a three-
// channel post that starts valid and is adapted per channel in a few clicks, and the owner's
// mix-rules page previewing what a change would block. Screenshots in tests/artifacts.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { localDate } from "../support/brand";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe("the first screens", () => {
  it("shows the demo month with no blocking badge on a clean post", async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, "ola@rytm.example", "rytm-demo-password");
    await page.goto("/w/muzeum-miasta?view=month");
    const grid = page.getByRole("grid", { name: "Calendar" });
    await grid.waitFor();
    // The badges come from a second request; wait for it.
    await page.waitForResponse((r) => r.url().includes("/plan-check?")).catch(() => undefined);
    await page.waitForTimeout(300);
    const chips = grid.getByRole("article");
    expect(await chips.count()).toBeGreaterThan(5);
    const badged = await grid.locator("article:has(.badge)").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    for (const label of badged) expect(label).toMatch(/Przykład:|Example:/);
    await screenshot(page, "demo-month");
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
  });

  it("lets a post written once for three channels be valid at once, and adapted per channel quickly", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"));
    await addMember(workspace.id, owner.id, "OWNER");
    for (const [network, name] of [["mastodon", "Muzeum on Mastodon"], ["linkedin", "Muzeum on LinkedIn"], ["x", "Muzeum on X"]] as const) {
      await prisma.channel.create({ data: { workspaceId: workspace.id, network, name } });
    }
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/posts/new`);
    await page.getByLabel("Title (only your team sees it)").fill("Late opening on Thursdays");
    await page.getByLabel("Main text").fill("From December the museum is open until 20:00 every Thursday. Come after work!");
    for (const name of ["Muzeum on Mastodon", "Muzeum on LinkedIn", "Muzeum on X"]) await page.getByRole("checkbox", { name }).check();
    await page.getByLabel("Date", { exact: true }).fill(localDate("Europe/Warsaw", 5));
    await page.getByLabel("Time", { exact: true }).fill("10:00");
    const rules = page.getByRole("region", { name: "Rules" });
    // Prefilled from the main text: one grouped note, nothing blocking.
    await rules.getByText("use the same words; each network's audience reads differently.").waitFor();
    expect(await rules.locator(".violation-block").count()).toBe(0);
    await screenshot(page, "editor-three-channels-prefilled");
    // One click per channel takes it over; writing its own words clears the note.
    await page.getByRole("button", { name: "Write the Muzeum on LinkedIn text yourself" }).click();
    await page.getByLabel("Text for Muzeum on LinkedIn").fill("Thursday evenings at the museum: open until 20:00 from December, a calm time for teams and schools.");
    await page.getByRole("button", { name: "Write the Muzeum on X text yourself" }).click();
    await page.getByLabel("Text for Muzeum on X").fill("Thursdays: open till 20:00 from December 🌙");
    await rules.getByText("No rule is broken.").waitFor();
    await screenshot(page, "editor-three-channels-adapted");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.waitForURL(/\/posts\/[a-z0-9]+$/);
    await expect.poll(() => page.getByTestId("post-status").textContent()).toBe("scheduled");
  });

  it("previews what a change of the mix rules would block before the owner saves it", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"));
    await addMember(workspace.id, owner.id, "OWNER");
    const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Mastodon" }, select: { id: true } });
    // Two promotional posts six posts apart: fine at "1 in 4", blocked at "1 in 8".
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    const categories = ["promotional", "news", "news", "educational", "news", "curated", "promotional"];
    for (const [i, category] of categories.entries()) {
      await prisma.post.create({
        data: { workspaceId: workspace.id, title: `Post ${i + 1}`, category, scheduledAt: day(i + 2), variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: `Words of post ${i + 1} ${unique("w")}`, scheduledAt: day(i + 2) } } },
      });
    }
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/rules`);
    await page.getByRole("heading", { name: "Under the rules as they stand: 0 posts blocked in the next 30 days" }).waitFor();
    await page.getByLabel("At most one promotional post in every … posts on a channel").fill("8");
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("heading", { name: "With these settings, 1 planned post in the next 30 days would be blocked" }).waitFor();
    await page.getByRole("region", { name: "Blocked under these settings" }).getByRole("link", { name: "Post 7" }).waitFor();
    await screenshot(page, "mix-rules-preview");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Nothing was saved by the preview.
    expect(((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { mixRules: true } })).mixRules as { selfPromotion?: { onePer?: number } }).selfPromotion?.onePer ?? 4).toBe(4);
  });
});
