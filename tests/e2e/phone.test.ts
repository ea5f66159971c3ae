// On a phone (390 × 844) every main page fits the screen: no page is wider than the
// viewport, the month reads as an agenda of the days that hold posts, and the workspace's
// menu folds into one button. Screenshots in tests/artifacts (phone-*.png).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, newPage, screenshot, signInAs } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const pages = [
  ["month", "/w/muzeum-miasta?view=month"],
  ["week", "/w/muzeum-miasta"],
  ["list", "/w/muzeum-miasta?view=list"],
  ["editor", "/w/muzeum-miasta/posts/new"],
  ["review", "/w/muzeum-miasta/review"],
  ["channels", "/w/muzeum-miasta/channels"],
  ["members", "/w/muzeum-miasta/members"],
  ["pause", "/w/muzeum-miasta/pause"],
  ["transfer", "/w/muzeum-miasta/transfer"],
  ["share", "/w/muzeum-miasta/share"],
  ["settings", "/w/muzeum-miasta/settings"],
  ["rules", "/w/muzeum-miasta/rules"],
  ["expired", "/w/muzeum-miasta/expired"],
  ["media", "/w/muzeum-miasta/media"],
  ["notifications", "/notifications"],
  ["account", "/account"],
  ["workspaces", "/workspaces"],
  ["all-brands", "/calendar"],
  ["all-brands-list", "/calendar?view=list"],
] as const;

describe("on a phone", () => {
  it("fits every main page to the screen, the post page included", async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "ola@rytm.example", "rytm-demo-password");
    const post = await prisma.post.findFirstOrThrow({ where: { workspace: { slug: "muzeum-miasta" }, status: "APPROVED" }, select: { id: true } });
    const wide: string[] = [];
    for (const [name, path] of [...pages, ["post", `/w/muzeum-miasta/posts/${post.id}`] as const]) {
      await page.goto(path);
      await screenshot(page, `phone-${name}`);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      if (scrollWidth > innerWidth) wide.push(`${name}: ${scrollWidth} px`);
    }
    expect(wide).toEqual([]);
  });

  it("shows the month as an agenda of the days with posts, and the menu behind one button", async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "ola@rytm.example", "rytm-demo-password");
    await page.goto("/w/muzeum-miasta?view=month");
    const grid = page.getByRole("grid", { name: "Calendar" });
    await grid.waitFor();
    // Days without posts are not shown; each shown day says its weekday and date.
    const shown = await grid.locator('[role="gridcell"]').evaluateAll((cells) => cells.filter((c) => (c as HTMLElement).offsetHeight > 0).map((c) => [c.getAttribute("aria-label"), c.querySelectorAll("article").length]));
    expect(shown.length).toBeGreaterThan(3);
    for (const [, count] of shown) expect(count).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("link", { name: "Members" }).isVisible()).toBe(false);
    await page.getByText("Menu", { exact: true }).click();
    await expect.poll(() => page.getByRole("link", { name: "Members" }).isVisible()).toBe(true);
    await screenshot(page, "phone-menu-open");
    // At 1440 px the same page is the month grid with every day and the menu in the bar.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/w/muzeum-miasta?view=month");
    expect(await page.getByRole("link", { name: "Members" }).isVisible()).toBe(true);
    expect(await page.getByText("Menu", { exact: true }).isVisible()).toBe(false);
  });
});
