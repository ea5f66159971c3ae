// Through the real UI in Chromium: moving a post by drag and drop (and being refused for a
// published one), and a client approving through a share link without an account.
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hydrated, launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, signedIn, unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ZONE = "Europe/Warsaw";

async function plannedPost(workspaceId: string, title: string, at: Date, status: "DRAFT" | "IN_REVIEW" | "PUBLISHED" = "DRAFT") {
  const channel = await prisma.channel.create({ data: { workspaceId, network: "mastodon", name: unique("Mastodon") }, select: { id: true } });
  return prisma.post.create({
    data: { workspaceId, title, category: "news", status, scheduledAt: at, variants: { create: { workspaceId, channelId: channel.id, text: `${title}: ${unique("text")}`, scheduledAt: at, status: status === "PUBLISHED" ? "PUBLISHED" : "DRAFT" } } },
    select: { id: true },
  });
}

describe("calendar and client", () => {
  it("reschedules a post by dragging it to another day, keeping its time, and refuses to move a published one", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), ZONE);
    await addMember(workspace.id, owner.id, "OWNER");
    // Both in the middle of next month's calendar page, so the grid shows them whatever today is.
    const month = DateTime.now().setZone(ZONE).plus({ months: 1 }).startOf("month");
    const from = month.set({ day: 10, hour: 9, minute: 30 });
    const post = await plannedPost(workspace.id, "Museum night", from.toJSDate());
    const published = await plannedPost(workspace.id, "Yesterday's news", month.set({ day: 12, hour: 8 }).toJSDate(), "PUBLISHED");

    const page = await newPage(browser);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}?view=month&date=${month.toISODate()}`);
    await hydrated(page);
    const grid = page.getByRole("grid", { name: "Calendar" });
    const chip = grid.getByRole("article", { name: "09:30 Museum night" });
    const target = grid.locator(`[data-day="${month.set({ day: 14 }).toISODate()}"]`);
    // A person's pointer moves in steps; the card follows it (dnd-kit starts a drag after a few pixels).
    await chip.dragTo(target, { steps: 12 });
    // The message names the post and where it went, and offers to take it back.
    const label = (day: number) => month.set({ day, hour: 9, minute: 30 }).setLocale("en").toFormat("ccc d LLL, HH:mm");
    await page.getByText(`Moved “Museum night” to ${label(14)}.`).waitFor();
    await target.getByRole("article", { name: "09:30 Museum night" }).waitFor();
    const moved = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true, variants: { select: { scheduledAt: true } } } });
    expect(DateTime.fromJSDate(moved.scheduledAt!, { zone: ZONE }).toISO()).toBe(month.set({ day: 14, hour: 9, minute: 30 }).toISO());
    expect(moved.variants[0]!.scheduledAt).toEqual(moved.scheduledAt);
    await screenshot(page, "calendar-moved-with-undo");
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText(`Moved back “Museum night” to ${label(10)}.`).waitFor();
    await grid.locator(`[data-day="${from.toISODate()}"]`).getByRole("article", { name: "09:30 Museum night" }).waitFor();
    const back = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true } });
    expect(back.scheduledAt!.getTime()).toBe(from.toMillis());
    expect(await page.getByRole("button", { name: "Undo" }).count()).toBe(0);

    // A published post has no handle to move it by; the form way is refused with the reason.
    expect(await grid.getByRole("button", { name: /^Move “Museum night”/ }).count()).toBe(1);
    expect(await grid.getByRole("button", { name: /^Move “Yesterday's news”/ }).count()).toBe(0);
    const http = await signedIn(owner);
    const refused = await http.post(`/w/${workspace.slug}?index`, { postId: published.id, date: month.set({ day: 20 }).toISODate()!, time: "08:00" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("This post is published; it can no longer be changed.");
  });

  it("drags a post in the week grid to another day and quarter hour, both changing, in the workspace's zone", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), ZONE);
    await addMember(workspace.id, owner.id, "OWNER");
    const monday = DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 1 });
    const from = monday.plus({ days: 1 }).set({ hour: 9 });
    const post = await plannedPost(workspace.id, "Workshop", from.toJSDate());

    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}?view=week&date=${monday.toISODate()}`);
    await hydrated(page);
    const grid = page.getByRole("grid", { name: "Calendar" });
    // The hours' box at the top of the window, so that the pointer stays clear of the edges where a drag scrolls the page.
    await page.evaluate(() => window.scrollTo(0, document.querySelector(".week-scroll")!.getBoundingClientRect().top + window.scrollY - 10));
    const card = (await grid.getByRole("article", { name: "09:00 Workshop" }).boundingBox())!;
    const thursday = (await grid.locator(`[data-day="${monday.plus({ days: 3 }).toISODate()}"]`).boundingBox())!;
    // Grab the card a little inside its top edge and bring that edge to 14:15 on Thursday (a few pixels off: it snaps).
    const grab = { x: card.x + card.width / 2, y: card.y + 6 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(thursday.x + thursday.width / 2, thursday.y + ((14 * 60 + 15) / 1440) * thursday.height + 6 + 3, { steps: 15 });
    await grid.locator(".drop-preview").getByText("14:15").waitFor();
    await page.mouse.up();
    const to = monday.plus({ days: 3 }).set({ hour: 14, minute: 15 });
    await page.getByText(`Moved “Workshop” to ${to.setLocale("en").toFormat("ccc d LLL, HH:mm")}.`).waitFor();
    await grid.locator(`[data-day="${to.toISODate()}"]`).getByRole("article", { name: "14:15 Workshop" }).waitFor();
    const moved = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true, variants: { select: { scheduledAt: true } } } });
    expect(moved.scheduledAt!.getTime()).toBe(to.toMillis());
    expect(moved.variants[0]!.scheduledAt).toEqual(moved.scheduledAt);
    await screenshot(page, "week-grid-dragged");
    expect(page.consoleErrors).toEqual([]);
  });

  it("lets a client approve a post through a share link, with a name and a comment, and nothing else", async () => {
    const owner = await createUser(unique("owner"));
    const workspace = await createWorkspace(unique("brand"), ZONE);
    await addMember(workspace.id, owner.id, "OWNER");
    const day = DateTime.now().setZone(ZONE).plus({ days: 3 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
    const post = await plannedPost(workspace.id, "Anniversary post", day.toJSDate(), "IN_REVIEW");

    const page = await newPage(browser);
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/share`);
    await page.getByLabel("For whom (e.g. the client's name)").fill("Museum director");
    await page.getByRole("button", { name: "Create link" }).click();
    const url = (await page.getByTestId("share-url").textContent())!;
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);

    // The client: a fresh browser, no account.
    const client = await newPage(browser);
    await client.goto(new URL(url).pathname);
    const item = client.getByRole("listitem", { name: "Anniversary post" });
    await item.waitFor();
    expect(await seriousA11yViolations(client)).toEqual([]);
    // The name is asked once, before any decision.
    await client.getByLabel("Your name").fill("Anna Director");
    await client.getByRole("button", { name: "Continue" }).click();
    await client.getByText("You decide as Anna Director.").waitFor();
    await item.getByLabel("Comment").fill("Perfect for the anniversary.");
    await item.getByRole("button", { name: "Approve" }).click();
    await client.getByText("Approved — thank you.").waitFor();
    const decided = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true, approvals: true, comments: true } });
    expect(decided.approvals).toMatchObject([{ approverId: null, approverName: "Anna Director", decision: "APPROVED" }]);
    expect(decided.comments).toMatchObject([{ authorName: "Anna Director", body: "Perfect for the anniversary." }]);
    expect(decided.status).toBe("SCHEDULED");
    // The decision is in the post's activity log, for the team.
    await page.goto(`/w/${workspace.slug}/posts/${post.id}`);
    await page.getByRole("list").filter({ hasText: "Anna Director (client) — approved it" }).waitFor();

    // A link that is revoked opens nothing.
    await page.goto(`/w/${workspace.slug}/share`);
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByText("revoked", { exact: true }).waitFor();
    const gone = await client.goto(new URL(url).pathname);
    expect(gone?.status()).toBe(404);
  });
});
