// A freelancer in three brands (Warsaw, New York, Tokyo) opens "All my brands" from São
// Paulo: every brand's post in this week, each time in the brand's zone and in theirs; a
// post opens in its workspace; two brands are paused at once (the third, where they are a
// viewer, cannot be chosen). Screenshots at 1440 × 900 and 390 × 844, English and Polish.
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addMember, createUser, createWorkspace, PASSWORD, unique } from "../support/fixtures";
import { launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";

const HOME = "America/Sao_Paulo";
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// Wednesday of the person's current week, 10:00 in the brand's own zone.
const wednesdayAtTen = (zone: string) => {
  const wednesday = DateTime.now().setZone(HOME).startOf("week").plus({ days: 2 });
  return DateTime.fromObject({ year: wednesday.year, month: wednesday.month, day: wednesday.day, hour: 10 }, { zone });
};

async function brandWithPost(name: string, zone: string, person: string, role: "OWNER" | "EDITOR" | "VIEWER") {
  const brand = await createWorkspace(unique(name), zone);
  await addMember(brand.id, person, role);
  const channel = await prisma.channel.create({ data: { workspaceId: brand.id, network: "mastodon", name: `${name} Mastodon` }, select: { id: true } });
  const at = wednesdayAtTen(zone);
  const post = await prisma.post.create({
    data: { workspaceId: brand.id, title: `${name} weekly`, category: "educational", status: "APPROVED", scheduledAt: at.toJSDate(), variants: { create: { workspaceId: brand.id, channelId: channel.id, text: `${name} text`, scheduledAt: at.toJSDate() } } },
    select: { id: true },
  });
  return { ...brand, post: post.id, at };
}

const noWiderThanScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("all my brands", () => {
  it("shows three brands' week with both times, opens a post in its workspace, and pauses two brands at once", async () => {
    const person = await createUser();
    const warsaw = await brandWithPost("Warsaw", "Europe/Warsaw", person.id, "OWNER");
    const newYork = await brandWithPost("NewYork", "America/New_York", person.id, "EDITOR");
    const tokyo = await brandWithPost("Tokyo", "Asia/Tokyo", person.id, "VIEWER");
    const page = await newPage(browser, { timezoneId: HOME });
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, person.email, PASSWORD);

    await page.goto("/workspaces");
    await page.getByRole("link", { name: "All my brands →" }).click();
    await page.getByRole("heading", { name: "All my brands" }).waitFor();
    // The page learns the browser's zone once it has loaded, then shows each time in it.
    const local = (at: DateTime) => at.setZone(HOME).toFormat("HH:mm");
    const week = page.getByRole("region", { name: "Week of all brands" });
    await week.getByText(`10:00 Warsaw · ${local(warsaw.at)} your time`).waitFor();
    await week.getByText(`10:00 New York · ${local(newYork.at)} your time`).waitFor();
    // Wednesday 10:00 in Tokyo is Tuesday evening in São Paulo: the brand's weekday is said.
    await week.getByText(`Wed 10:00 Tokyo · ${local(tokyo.at)} your time`).waitFor();
    for (const brand of [warsaw, newYork, tokyo]) expect(await week.getByText(brand.name).count()).toBe(1);
    expect(await page.getByText("Your time zone is not known yet").count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "all-brands-week-en-1440");

    // The list view of the same week, then filtering one brand.
    await page.getByRole("navigation", { name: "View" }).getByRole("link", { name: "List" }).click();
    await page.waitForURL(/view=list/);
    await week.getByText("Tokyo weekly").waitFor();
    await page.getByRole("group", { name: "Brands", exact: true }).getByLabel(new RegExp(newYork.name)).check();
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL(/brand=/);
    await expect.poll(() => week.getByText("Tokyo weekly").count()).toBe(0);
    await week.getByText("NewYork weekly").waitFor();
    await screenshot(page, "all-brands-list-en-1440");

    // A post opens in its own workspace.
    await week.getByRole("link", { name: "NewYork weekly" }).click();
    await page.waitForURL(`**/w/${newYork.slug}/posts/${newYork.post}`);
    await page.goto("/calendar");

    // Pause two brands at once; the one where the person is a viewer cannot be chosen.
    const form = page.getByRole("group", { name: "Brands to pause or resume" });
    expect(await form.getByRole("checkbox", { name: new RegExp(tokyo.name) }).isDisabled()).toBe(true);
    await form.getByRole("checkbox", { name: new RegExp(warsaw.name) }).check();
    await form.getByRole("checkbox", { name: new RegExp(newYork.name) }).check();
    await page.getByLabel("Reason (for a pause)").fill("Crisis: a recall across clients");
    await page.getByRole("button", { name: "Pause the chosen brands" }).click();
    const outcomes = page.getByRole("list", { name: "What happened" });
    await outcomes.getByText(warsaw.name).waitFor();
    expect(await outcomes.textContent()).toContain(`${newYork.name}: publishing paused`);
    const state = await prisma.workspace.findMany({ where: { id: { in: [warsaw.id, newYork.id, tokyo.id] } }, select: { id: true, pauseReason: true } });
    expect(Object.fromEntries(state.map((w) => [w.id, w.pauseReason]))).toEqual({ [warsaw.id]: "Crisis: a recall across clients", [newYork.id]: "Crisis: a recall across clients", [tokyo.id]: null });
    await screenshot(page, "all-brands-paused-en-1440");

    // A phone: the week is an agenda of the days that hold posts, no wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/calendar");
    await week.getByText(`10:00 Warsaw · ${local(warsaw.at)} your time`).waitFor();
    expect(await noWiderThanScreen(page)).toBe(true);
    await screenshot(page, "all-brands-week-en-390");

    // Polish, at both sizes.
    await page.getByRole("combobox", { name: "Language" }).selectOption("pl");
    await page.getByRole("button", { name: "Change" }).click();
    await page.getByRole("heading", { name: "Wszystkie moje marki" }).waitFor();
    const tydzien = page.getByRole("region", { name: "Tydzień wszystkich marek" });
    await tydzien.getByText(`10:00 Warsaw · ${local(warsaw.at)} u Ciebie`).waitFor();
    expect(await noWiderThanScreen(page)).toBe(true);
    await screenshot(page, "all-brands-week-pl-390");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/calendar");
    await tydzien.getByText(`10:00 Warsaw · ${local(warsaw.at)} u Ciebie`).waitFor();
    await screenshot(page, "all-brands-week-pl-1440");
    expect(page.consoleErrors).toEqual([]);
  });
});
