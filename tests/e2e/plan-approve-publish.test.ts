// Through the real UI in Chromium, the real app, database, worker and fake networks:
// an editor writes a post for X and LinkedIn, sees the self-promotion rule explain itself,
// fixes it and submits; an approver approves it from the review queue; the worker
// publishes it; the calendar shows it published with its links. Screenshots of the month
// view, the editor and the mix panel land in tests/artifacts (git-ignored).
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schedule } from "../support/gate";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { getPublishQueue } from "~/utils/queues.server";
import { LINKEDIN_TOKEN, startLinkedIn } from "../fakes/linkedin";
import { X_TOKEN, startX } from "../fakes/x";
import { launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";
import { waitFor } from "../support/processes";

let browser: Browser;
let x: Awaited<ReturnType<typeof startX>>;
let linkedin: Awaited<ReturnType<typeof startLinkedIn>>;
beforeAll(async () => {
  [browser, x, linkedin] = await Promise.all([launch(), startX(), startLinkedIn()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([x?.close(), linkedin?.close()]);
  await getPublishQueue().close();
});

const ZONE = "Europe/Warsaw";

describe("plan, approve, publish", () => {
  it("goes from an editor's draft to a published post shown with its links", async () => {
    const workspace = await createWorkspace(unique("brand"), ZONE);
    const [editor, approver] = await Promise.all([createUser(unique("editor")), createUser(unique("approver"))]);
    await Promise.all([addMember(workspace.id, editor.id, "EDITOR"), addMember(workspace.id, approver.id, "APPROVER")]);
    const [xChannel] = await Promise.all([
      prisma.channel.create({ data: { workspaceId: workspace.id, network: "x", name: "Brand on X", settings: { apiBase: x.url }, credentials: encrypt(JSON.stringify({ token: X_TOKEN })) }, select: { id: true } }),
      prisma.channel.create({
        data: { workspaceId: workspace.id, network: "linkedin", name: "Brand on LinkedIn", settings: { apiBase: linkedin.url, author: "urn:li:organization:123" }, credentials: encrypt(JSON.stringify({ token: LINKEDIN_TOKEN })) },
        select: { id: true },
      }),
    ]);
    // Tomorrow 10:00 there is already a promotional post on X: a second one at 11:00 breaks "1 in 4".
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf("day");
    const earlier = tomorrow.set({ hour: 10 }).toJSDate();
    const existing = await prisma.post.create({
      data: { workspaceId: workspace.id, title: "Winter offer", category: "promotional", status: "APPROVED", scheduledAt: earlier, variants: { create: { workspaceId: workspace.id, channelId: xChannel.id, text: "Our winter offer is here.", scheduledAt: earlier } } },
      select: { id: true },
    });

    const page = await newPage(browser);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await signInAs(page, editor.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/posts/new`);
    await page.getByLabel("Title (only your team sees it)").fill("New espresso blend");
    await page.getByLabel("Main text").fill("Meet our new espresso blend: dark chocolate, cherry and a long finish. In all our cafés from tomorrow.");
    await page.getByRole("checkbox", { name: "Brand on X" }).check();
    await page.getByRole("checkbox", { name: "Brand on LinkedIn" }).check();
    await page.getByLabel("Category").selectOption("promotional");
    await page.getByLabel("Date", { exact: true }).fill(tomorrow.toISODate()!);
    await page.getByLabel("Time", { exact: true }).fill("11:00");
    // Live counters per network, and the rule check as you type.
    await page.getByText("102 / 280 weighted characters").waitFor();
    await page.getByText("102 / 3000 characters").waitFor();
    const rules = page.getByRole("region", { name: "Rules" });
    await rules.getByText("2 of the last 2 posts on Brand on X are promotional; the limit is 1 in 4.").waitFor();
    // The other post is named by its title and local time, and linked.
    await expect.poll(() => rules.getByRole("link", { name: /^Winter offer \(\w{3} \d{1,2} \w{3}, 10:00\)$/ }).getAttribute("href")).toBe(`/w/${workspace.slug}/posts/${existing.id}`);
    await screenshot(page, "editor");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Submitting is refused while a blocking rule is broken; the text stays as typed.
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByRole("alert").filter({ hasText: "breaks a blocking rule" }).waitFor();
    await expect.poll(() => page.getByLabel("Title (only your team sees it)").inputValue()).toBe("New espresso blend");

    // Fixed: it is news about the product, not a promotion; and LinkedIn gets its own words
    // (the same text on two channels is a duplicate).
    await page.getByLabel("Category").selectOption("news");
    await page.getByLabel("Text for Brand on LinkedIn").fill("Our roasters spent a year on a new espresso blend. Here is what they learned about dark chocolate notes, cherry and a long finish.");
    await rules.getByText("No rule is broken.").waitFor();
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.waitForURL(/\/posts\/[a-z0-9]+$/);
    await expect.poll(() => page.getByTestId("post-status").textContent()).toBe("in review");
    const postId = page.url().split("/").at(-1)!;

    // The approver's queue.
    const review = await newPage(browser);
    await review.setViewportSize({ width: 1400, height: 1000 });
    await signInAs(review, approver.email, PASSWORD);
    await review.getByRole("link", { name: "Review" }).click();
    const item = review.getByRole("listitem", { name: "New espresso blend" });
    await item.waitFor();
    expect(await seriousA11yViolations(review)).toEqual([]);
    await item.getByLabel("Comment (needed when requesting changes)").fill("Lovely, go.");
    await item.getByRole("button", { name: "Approve" }).click();
    await review.getByText("Nothing is waiting for review.").waitFor();
    const post = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { status: true, variants: { select: { id: true, status: true } } } });
    expect(post.status).toBe("SCHEDULED");
    expect(post.variants.map((v) => v.status)).toEqual(["SCHEDULED", "SCHEDULED"]);

    // The clock is moved forward: an owner moves the post to two seconds from now.
    await schedule(workspace.id, postId, new Date(Date.now() + 2_000));
    await waitFor("the worker to publish both variants", async () => {
      const variants = await prisma.variant.findMany({ where: { postId }, select: { status: true } });
      return variants.every((v) => v.status === "PUBLISHED") ? true : undefined;
    }, 30_000);
    expect([...x.tweets.values()].filter((t) => t.includes("espresso blend"))).toHaveLength(1);
    expect([...linkedin.posts.values()].filter((p) => String(p.commentary).includes("espresso blend"))).toHaveLength(1);

    // The calendar shows it published, with a link to each network's post.
    await page.goto(`/w/${workspace.slug}?view=list`);
    const chip = page.getByRole("article", { name: /New espresso blend/ });
    await chip.getByText("published", { exact: true }).waitFor();
    await expect.poll(() => chip.getByRole("link", { name: "view" }).count()).toBe(2);
    await page.goto(`/w/${workspace.slug}?view=month`);
    await page.getByRole("grid", { name: "Calendar" }).waitFor();
    await screenshot(page, "month-view");
    await page.getByRole("complementary", { name: "Content mix" }).screenshot({ path: "tests/artifacts/mix-panel.png" });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The refused submit answered 409 (shown on the page); nothing else went wrong.
    expect(page.consoleErrors.filter((e) => !e.includes("status of 409"))).toEqual([]);
  });
});
