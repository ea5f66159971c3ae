// The calendar opens on this week as a time grid, and a post is rescheduled there with the
// keyboard only: focus its handle, lift it with Space, carry it a day right and down the
// hours with the arrow keys, drop it with Space; Undo with Enter puts it back; Escape leaves
// it where it was; in the month the arrows move it by days and weeks. A refusal shows beside the
// post. A screen reader hears each step. Screenshots of the week grid at 1440 × 900
// and 390 × 844 in English and Polish (tests/artifacts/week-grid-*.png).
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hydrated, launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ZONE = "Europe/Warsaw";

async function plannedPost(workspaceId: string, title: string, at: Date, status: "DRAFT" | "APPROVED" = "DRAFT", channelName = unique("Mastodon")) {
  const channel = await prisma.channel.create({ data: { workspaceId, network: "mastodon", name: channelName }, select: { id: true } });
  return prisma.post.create({
    data: { workspaceId, title, category: "news", status, scheduledAt: at, variants: { create: { workspaceId, channelId: channel.id, text: `${title}: ${unique("text")}`, scheduledAt: at, status: "DRAFT" } } },
    select: { id: true },
  });
}

const liveRegion = (page: Page) => page.locator(`[id^="DndLiveRegion-"]`);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

describe("the week grid and moving with the keyboard", () => {
  it("opens on this week by the hour, and moves a post a day and 1¾ hours with the keyboard, then Undo puts it back", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), ZONE);
    await addMember(workspace.id, owner.id, "OWNER");
    // Wednesday of next week, 10:00 in Warsaw: in the future whatever today is.
    const monday = DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 1 });
    const from = monday.plus({ days: 2 }).set({ hour: 10 });
    const post = await plannedPost(workspace.id, "Museum night", from.toJSDate());
    // Two posts at the same hour on Friday sit side by side.
    await plannedPost(workspace.id, "Concert", monday.plus({ days: 4 }).set({ hour: 18 }).toJSDate());
    await plannedPost(workspace.id, "Late opening", monday.plus({ days: 4 }).set({ hour: 18, minute: 30 }).toJSDate());

    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);

    // No view or date in the address: this week, as a time grid, with today marked.
    await page.goto(`/w/${workspace.slug}`);
    await hydrated(page);
    const grid = page.getByRole("grid", { name: "Calendar" });
    expect(await page.getByRole("navigation", { name: "Calendar view" }).getByRole("link", { name: "Week" }).getAttribute("aria-current")).toBe("page");
    const today = DateTime.now().setZone(ZONE).toISODate()!;
    expect(await grid.locator(`[role="gridcell"][data-day="${today}"]`).getAttribute("aria-current")).toBe("date");
    await grid.locator(".now-line").waitFor();

    await page.goto(`/w/${workspace.slug}?view=week&date=${monday.toISODate()}`);
    await hydrated(page);
    const wednesday = grid.locator(`[data-day="${from.toISODate()}"]`);
    await wednesday.getByRole("article", { name: "10:00 Museum night" }).waitFor();
    // The grid opened on the working day: 07:00 is at the top of its box.
    expect(await page.locator(".week-scroll").evaluate((box) => box.scrollTop)).toBeGreaterThan(0);
    const [concert, late] = await Promise.all(["18:00 Concert", "18:30 Late opening"].map((name) => grid.getByRole("article", { name }).boundingBox()));
    expect(late!.x).toBeGreaterThan(concert!.x + concert!.width - 2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "week-grid-en-1440");

    // Keyboard only: the handle, Space to lift, → a day, ↓↓ 30 minutes, Shift+↓ an hour, ↓ … Space to drop.
    const handle = page.getByRole("button", { name: `Move “Museum night”, ${from.setLocale("en").toFormat("ccc d LLL, HH:mm")}` });
    await handle.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => liveRegion(page).textContent()).toContain("Picked up “Museum night”");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("ArrowDown");
    const to = from.plus({ days: 1, hours: 1, minutes: 45 });
    const label = (at: DateTime) => at.setLocale("en").toFormat("ccc d LLL, HH:mm");
    await expect.poll(() => liveRegion(page).textContent()).toContain(`To ${label(to)}.`);
    await grid.locator(`[data-day="${to.toISODate()}"] .drop-preview`).getByText("11:45").waitFor();
    await page.keyboard.press("Space");
    await page.getByText(`Moved “Museum night” to ${label(to)}.`).waitFor();
    await grid.locator(`[data-day="${to.toISODate()}"]`).getByRole("article", { name: "11:45 Museum night" }).waitFor();
    const moved = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true, variants: { select: { scheduledAt: true } } } });
    expect(moved.scheduledAt!.getTime()).toBe(to.toMillis());
    expect(moved.variants[0]!.scheduledAt).toEqual(moved.scheduledAt);
    expect(await liveRegion(page).textContent()).toContain(`Dropped “Museum night” on ${label(to)}.`);

    // Focus is on Undo: Enter takes the move back, and focus returns to the post's handle.
    await expect.poll(() => focusedText(page)).toBe("Undo");
    await page.keyboard.press("Enter");
    await page.getByText(`Moved back “Museum night” to ${label(from)}.`).waitFor();
    await wednesday.getByRole("article", { name: "10:00 Museum night" }).waitFor();
    const back = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true } });
    expect(back.scheduledAt!.getTime()).toBe(from.toMillis());
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "")).toBe(`Move “Museum night”, ${label(from)}`);

    // Escape cancels a move: nothing is sent, the post stays.
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Escape");
    await expect.poll(() => liveRegion(page).textContent()).toContain("Moving “Museum night” cancelled");
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true } })).scheduledAt!.getTime()).toBe(from.toMillis());
    expect(page.consoleErrors).toEqual([]);

    // A phone: the week reads as an agenda of the days with posts, no wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/w/${workspace.slug}?view=week&date=${monday.toISODate()}`);
    await hydrated(page);
    const shown = await grid.locator('[role="gridcell"]').evaluateAll((cells) => cells.filter((c) => (c as HTMLElement).offsetHeight > 0).length);
    expect(shown).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "week-grid-en-390");

    // In Polish.
    await prisma.user.update({ where: { id: owner.id }, data: { locale: "pl" } });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/w/${workspace.slug}?view=week&date=${monday.toISODate()}`);
    await page.getByRole("grid", { name: "Kalendarz" }).waitFor();
    await hydrated(page);
    const pl = page.getByRole("button", { name: `Przenieś „Museum night”, ${from.setLocale("pl").toFormat("ccc d LLL, HH:mm")}` });
    await pl.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => liveRegion(page).textContent()).toContain("Podniesiono „Museum night”");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => liveRegion(page).textContent()).toContain(`Na ${from.minus({ minutes: 15 }).setLocale("pl").toFormat("ccc d LLL, HH:mm")}.`);
    await screenshot(page, "week-grid-pl-1440-moving");
    await page.keyboard.press("Escape");
    await expect.poll(() => liveRegion(page).textContent()).toContain("Anulowano przenoszenie „Museum night”");
    await screenshot(page, "week-grid-pl-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await hydrated(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "week-grid-pl-390");
    expect(page.consoleErrors).toEqual([]);
  });

  it("says a refused move once, beside the post that stayed", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), ZONE);
    await addMember(workspace.id, owner.id, "OWNER");
    // An approved post last week: moving it to another past day is refused (it needs a future time).
    const monday = DateTime.now().setZone(ZONE).startOf("week").minus({ weeks: 1 });
    const at = monday.plus({ days: 2 }).set({ hour: 10 });
    const post = await plannedPost(workspace.id, "Old news", at.toJSDate(), "APPROVED");
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}?view=week&date=${monday.toISODate()}`);
    await hydrated(page);
    await page.getByRole("button", { name: /^Move “Old news”/ }).focus();
    await page.keyboard.press("Space");
    await expect.poll(() => liveRegion(page).textContent()).toContain("Picked up “Old news”");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => liveRegion(page).textContent()).toContain("To ");
    await page.keyboard.press("Space");
    const wednesday = page.locator(`[role="gridcell"][data-day="${at.toISODate()}"]`);
    const note = wednesday.locator(".chip-note");
    await note.getByText(/^Not moved: /).waitFor();
    // Said once: the status region has the words for screen readers, nothing else is an alert.
    expect(await page.locator(".move-result").textContent()).toMatch(/^Not moved: /);
    expect(await page.locator(".move-result").evaluate((region) => getComputedStyle(region.firstElementChild!).position)).toBe("absolute");
    expect(await page.getByRole("alert").filter({ hasText: "Not moved" }).count()).toBe(0);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true } })).scheduledAt!.getTime()).toBe(at.toMillis());
    await screenshot(page, "week-grid-refused-beside");
    // The refusal's own answer (422) is the only error the browser logged.
    expect(page.consoleErrors.filter((e) => !e.includes("status of 422"))).toEqual([]);
  });

  it("moves a post in the month with the keyboard: a week down and a day left, keeping its time", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), ZONE);
    await addMember(workspace.id, owner.id, "OWNER");
    const month = DateTime.now().setZone(ZONE).plus({ months: 1 }).startOf("month");
    const from = month.set({ day: 10, hour: 9, minute: 30 });
    const post = await plannedPost(workspace.id, "Museum night", from.toJSDate());
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}?view=month&date=${month.toISODate()}`);
    await hydrated(page);
    await page.getByRole("button", { name: /^Move “Museum night”/ }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => liveRegion(page).textContent()).toContain("Picked up “Museum night”");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowLeft");
    const to = from.plus({ days: 6 });
    await expect.poll(() => liveRegion(page).textContent()).toContain(`To ${to.setLocale("en").toFormat("ccc d LLL, HH:mm")}.`);
    await page.keyboard.press("Enter");
    await page.getByText(`Moved “Museum night” to ${to.setLocale("en").toFormat("ccc d LLL, HH:mm")}.`).waitFor();
    await page.locator(`[data-day="${to.toISODate()}"]`).getByRole("article", { name: "09:30 Museum night" }).waitFor();
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true } })).scheduledAt!.getTime()).toBe(to.toMillis());
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
  });
});
