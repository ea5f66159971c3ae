// Through the real UI in Chromium, at desktop and phone widths, with screenshots: an editor
// submits, the approver is told in the bell and by mail, follows the mailed link, approves,
// and the author is told; a client approves from a mailed link; the expired approvals list
// and the notification settings.
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, newPage, screenshot, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";
import { linkIn, waitForMail } from "../support/mailbox";
import { waitFor } from "../support/processes";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ZONE = "Europe/Warsaw";
const widths = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function shoot(page: Page, name: string) {
  for (const size of widths) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await screenshot(page, `notifications-${name}-${size.name}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function team() {
  const workspace = await createWorkspace(unique("Muzeum"), ZONE);
  const [owner, editor, approver] = [await createUser(unique("owner")), await createUser(unique("editor")), await createUser(unique("approver"))];
  await addMember(workspace.id, owner.id, "OWNER");
  await addMember(workspace.id, editor.id, "EDITOR");
  await addMember(workspace.id, approver.id, "APPROVER");
  const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Muzeum Mastodon" }, select: { id: true } });
  return { workspace, owner, editor, approver, channel };
}

async function draft(workspaceId: string, channelId: string, authorId: string, title: string, at: Date) {
  return prisma.post.create({
    data: { workspaceId, authorId, title, category: "news", scheduledAt: at, variants: { create: { workspaceId, channelId, text: `${title}: come and see the new rooms on the second floor.`, scheduledAt: at } } },
    select: { id: true },
  });
}

describe("notifications in the browser", () => {
  it("submitted → the approver is told in the bell and by mail → follows the link → approves → the author is told", async () => {
    const { workspace, editor, approver, channel } = await team();
    const at = DateTime.now().setZone(ZONE).plus({ days: 2 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const post = await draft(workspace.id, channel.id, editor.id, "Night at the museum", at.toJSDate());

    const editorPage = await newPage(browser);
    await signInAs(editorPage, editor.email, PASSWORD);
    await editorPage.goto(`/w/${workspace.slug}/posts/${post.id}`);
    await editorPage.getByRole("button", { name: "Submit for review" }).click();
    await editorPage.getByText("Submitted for review. The approvers are told.").waitFor();
    await editorPage.getByText("submitted it for review").waitFor();

    // The approver's mail, read from the test SMTP server: its link opens the post.
    const mail = await waitForMail(approver.email);
    expect(mail.subject).toContain("Night at the museum");
    const approverPage = await newPage(browser);
    await signInAs(approverPage, approver.email, PASSWORD);
    await approverPage.goto(`/w/${workspace.slug}`);
    await approverPage.getByTestId("bell-count").getByText("1").waitFor();
    await shoot(approverPage, "bell");
    await approverPage.getByRole("link", { name: "Notifications: 1 unread" }).click();
    await approverPage.getByText("“Night at the museum” awaits your approval").waitFor();
    expect(await seriousA11yViolations(approverPage)).toEqual([]);
    await shoot(approverPage, "list");

    await approverPage.goto(linkIn(mail, `/w/${workspace.slug}/posts/`));
    await approverPage.getByTestId("approval-deadline").getByText("Needs approval by").waitFor();
    await approverPage.getByRole("button", { name: "Approve" }).click();
    await approverPage.getByText("Approved. It goes out").waitFor();
    // Opening the post read its notice: the bell is quiet again.
    expect(await approverPage.getByTestId("bell-count").count()).toBe(0);

    await waitForMail(editor.email);
    await editorPage.goto(`/w/${workspace.slug}`);
    await editorPage.getByRole("link", { name: "Notifications: 1 unread" }).click();
    await editorPage.getByText(`${approver.name} approved “Night at the museum”; it is on the schedule.`).waitFor();
    expect(editorPage.consoleErrors).toEqual([]);
  });

  it("a client is mailed a link when a post awaits them, and approves from it; the page speaks plainly and asks the name once", async () => {
    const { workspace, owner, editor, channel } = await team();
    const at = DateTime.now().setZone(ZONE).plus({ days: 3 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
    const ownerPage = await newPage(browser);
    await signInAs(ownerPage, owner.email, PASSWORD);
    await ownerPage.goto(`/w/${workspace.slug}/share`);
    const clientEmail = `${unique("client")}@test.example`;
    await ownerPage.getByLabel("For whom (e.g. the client's name)").fill("Museum director");
    await ownerPage.getByLabel(/Client's e-mail/).first().fill(clientEmail);
    await ownerPage.getByRole("button", { name: "Create link" }).click();
    const url = (await ownerPage.getByTestId("share-url").textContent())!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/share\/[\w-]{43}$/);
    await ownerPage.getByRole("button", { name: "Copy: Link for the client" }).first().waitFor();
    await shoot(ownerPage, "share-links");

    const first = await draft(workspace.id, channel.id, editor.id, "Anniversary post", at.toJSDate());
    const second = await draft(workspace.id, channel.id, editor.id, "Curator's tour", at.plus({ days: 1 }).toJSDate());
    const { signedIn } = await import("../support/fixtures");
    const editorHttp = await signedIn(editor);
    for (const post of [first, second]) expect((await editorHttp.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" })).status).toBe(200);
    await editorHttp.post(`/w/${workspace.slug}/posts/${first.id}`, { intent: "comment", comment: "The photo is from the 1926 opening.", visibleToClient: "on" });
    await editorHttp.post(`/w/${workspace.slug}/posts/${first.id}`, { intent: "comment", comment: "Internal: check the budget." });

    const mail = await waitForMail(clientEmail);
    expect(mail.subject).toBe(`${workspace.name}: posts await your approval`);
    expect(mail.listUnsubscribe).toContain("/unsubscribe/c.");
    const client = await newPage(browser);
    await client.goto(linkIn(mail, "/share/"));
    await client.getByRole("heading", { name: "Who are you?" }).waitFor();
    expect(await client.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await client.getByLabel("Your name").fill("Anna Director");
    await client.getByRole("button", { name: "Continue" }).click();
    const item = client.getByRole("listitem", { name: "Anniversary post" });
    await item.getByText("Waiting for your approval").waitFor();
    await item.getByText("The photo is from the 1926 opening.").waitFor();
    expect(await client.getByText("Internal: check the budget.").count()).toBe(0);
    expect(await client.getByText("in review", { exact: true }).count()).toBe(0);
    expect(await seriousA11yViolations(client)).toEqual([]);
    await shoot(client, "client-page");

    await client.getByRole("button", { name: "Approve all 2 posts shown" }).click();
    await client.getByText("2 posts approved.").waitFor();
    await item.getByText("Approved and planned to go out").waitFor();
    // Nothing is left to decide but changes: no Approve button any more.
    expect(await client.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
    const stored = await prisma.post.findMany({ where: { id: { in: [first.id, second.id] } }, select: { status: true, approvals: { select: { approverName: true } } } });
    expect(stored.map((p) => p.status)).toEqual(["SCHEDULED", "SCHEDULED"]);
    expect(stored.flatMap((p) => p.approvals.map((a) => a.approverName))).toEqual(["Anna Director", "Anna Director"]);
    // The name was remembered: a fresh load does not ask again.
    await client.reload();
    await client.getByText("You decide as Anna Director.").waitFor();
    // The owner hears of the client's decision.
    await waitFor("the owner's notice", async () => (await prisma.notification.count({ where: { userId: owner.id, kind: "client-decision" } })) === 2 || undefined);
  });

  it("the expired approvals list and the notification settings", async () => {
    const { workspace, owner, editor, channel } = await team();
    const past = DateTime.now().setZone(ZONE).minus({ hours: 3 }).set({ second: 0, millisecond: 0 });
    const post = await draft(workspace.id, channel.id, editor.id, "Missed the morning", past.toJSDate());
    await prisma.post.update({ where: { id: post.id }, data: { status: "IN_REVIEW" } });
    const page = await newPage(browser);
    await signInAs(page, owner.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/expired`);
    await page.getByRole("listitem", { name: "Missed the morning" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, "expired");
    await page.getByRole("button", { name: "Same time tomorrow" }).click();
    await page.getByText("“Missed the morning” now goes for").waitFor();
    expect((await prisma.variant.findFirstOrThrow({ where: { postId: post.id } })).status).toBe("DRAFT");

    await page.goto("/account/notifications");
    await page.getByLabel("A post failed to publish").selectOption("digest");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, "settings");

    // Polish, with its plural forms.
    await page.goto(`/w/${workspace.slug}/expired`);
    await page.getByRole("combobox", { name: "Language" }).selectOption("pl");
    await page.getByRole("button", { name: "Change" }).click();
    await page.getByRole("heading", { name: "Przeterminowane zatwierdzenia" }).waitFor();
    await shoot(page, "expired-pl");
  });
});
