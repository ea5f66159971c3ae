// A weekly series as a person runs it in the browser: made in the editor (the next dates
// shown), one date moved, "this and following" edited, then stopped — the plan screenshotted
// after each step, at desktop and phone widths (tests/artifacts/series-*.png).
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const zone = "Europe/Warsaw";
// The next Tuesday at least two days away: four weekly dates fit in the list's 28 days.
const start = (() => {
  let day = DateTime.now().setZone(zone).plus({ days: 2 }).startOf("day");
  while (day.weekday !== 2) day = day.plus({ days: 1 });
  return day;
})();

async function planList(page: Page, slug: string, name: string) {
  await page.goto(`/w/${slug}?view=list&date=${start.toISODate()}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await screenshot(page, name);
  return page.locator("main").innerText();
}

describe("a weekly series in the browser", () => {
  it("is made, one date moved, this and following edited, then stopped", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), zone);
    await addMember(workspace.id, owner.id, "OWNER");
    await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Muzeum on Mastodon" } });
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);

    await page.goto(`/w/${workspace.slug}/posts/new`);
    await page.getByLabel("Title (only your team sees it)").fill("Free entry Tuesday");
    await page.getByLabel("Main text").fill("Every Tuesday the permanent exhibition is free. See you there!");
    await page.getByRole("checkbox", { name: "Muzeum on Mastodon" }).check();
    await page.getByLabel("Date", { exact: true }).fill(start.toISODate()!);
    await page.getByLabel("Time", { exact: true }).fill("10:00");
    await page.getByLabel("Repeats").selectOption("weekly");
    await page.getByLabel("Ends").selectOption("count");
    await page.getByLabel("Times", { exact: true }).fill("4");
    const next = page.locator(".next-dates li");
    await expect.poll(() => next.count()).toBe(4);
    expect(await next.nth(3).innerText()).toContain(start.plus({ weeks: 3 }).setLocale("en").toFormat("d LLL yyyy"));
    await screenshot(page, "series-editor-new");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/posts\/[a-z0-9]+$/);
    await page.getByText("Repeats every week on Tuesday at 10:00, 4 times").waitFor();

    const posts = () => prisma.post.findMany({ where: { workspaceId: workspace.id, status: { not: "CANCELLED" } }, orderBy: { scheduledAt: "asc" }, select: { id: true, scheduledAt: true } });
    const local = (at: Date | null) => DateTime.fromJSDate(at!, { zone }).toFormat("ccc HH:mm");
    expect((await posts()).map((p) => local(p.scheduledAt))).toEqual(["Tue 10:00", "Tue 10:00", "Tue 10:00", "Tue 10:00"]);
    await planList(page, workspace.slug, "series-1-made");

    // The second date moves to Wednesday.
    const second = (await posts())[1]!;
    await page.goto(`/w/${workspace.slug}/posts/${second.id}`);
    await page.getByLabel("New date").fill(start.plus({ weeks: 1, days: 1 }).toISODate()!);
    await page.getByRole("button", { name: "Move", exact: true }).click();
    await page.getByText("moved from its date").waitFor();
    expect((await posts()).map((p) => local(p.scheduledAt))).toEqual(["Tue 10:00", "Wed 10:00", "Tue 10:00", "Tue 10:00"]);
    await planList(page, workspace.slug, "series-2-one-moved");

    // The third and the fourth take new words and 12:30.
    const third = (await posts())[2]!;
    await page.goto(`/w/${workspace.slug}/posts/${third.id}/edit`);
    await page.getByLabel("Main text").fill("Tuesdays are free at the museum, now from 12:30 with a short guided walk.");
    await page.getByLabel("Time", { exact: true }).fill("12:30");
    await page.getByRole("radio", { name: "This and following posts" }).check();
    await screenshot(page, "series-editor-this-and-following");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/posts\/[a-z0-9]+\?/);
    await page.getByText("The change also reached 1 other post of the series.").waitFor();
    expect((await posts()).map((p) => local(p.scheduledAt))).toEqual(["Tue 10:00", "Wed 10:00", "Tue 12:30", "Tue 12:30"]);
    await planList(page, workspace.slug, "series-3-following-edited");

    // Stopped from the fourth date on.
    const fourth = (await posts())[3]!;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/w/${workspace.slug}/posts/${fourth.id}`);
    await page.getByRole("button", { name: "Stop the series" }).click();
    await page.getByText("1 later post removed from the plan").waitFor();
    await screenshot(page, "series-4-stopped-phone");
    expect((await posts()).map((p) => local(p.scheduledAt))).toEqual(["Tue 10:00", "Wed 10:00", "Tue 12:30"]);
    await page.setViewportSize({ width: 1440, height: 900 });
    const plan = await planList(page, workspace.slug, "series-4-stopped");
    expect(plan.match(/Free entry Tuesday/g)).toHaveLength(3);
    expect(page.consoleErrors).toEqual([]);
  });
});
