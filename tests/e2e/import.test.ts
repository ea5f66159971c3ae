// Through the real UI in Chromium: a CSV plan uploaded with a progress bar, every row
// checked in the preview, then imported as drafts.
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { launch, newPage, seriousA11yViolations, signInAs } from "../support/browser";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("CSV import", () => {
  it("uploads with progress, previews every row's rules, and imports as drafts", async () => {
    const editor = await createUser(unique("editor"));
    const workspace = await createWorkspace(unique("brand"), "Europe/Warsaw");
    await addMember(workspace.id, editor.id, "EDITOR");
    await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Museum on Mastodon" } });
    const day = DateTime.now().setZone("Europe/Warsaw").plus({ days: 6 }).toISODate()!;
    // Two promotional posts in a row: the preview says which row breaks "1 in 4", counts it as
    // a problem, and offers no import until it is fixed.
    const rows = (second: string) => [
      "date;time;channel;category;title;text",
      `${day};09:00;mastodon;promotional;Tickets;Tickets for the night tour are on sale ${unique("a")}`,
      `${day};13:00;mastodon;${second};Shop;Our shop has new prints of the old town ${unique("b")}`,
      `${day};18:00;mastodon;educational;History;How the town hall tower was rebuilt in 1953 ${unique("c")}`,
    ].join("\n");
    const csv = rows("promotional");

    const page = await newPage(browser);
    await signInAs(page, editor.email, PASSWORD);
    await page.goto(`/w/${workspace.slug}/transfer`);
    await page.getByLabel("CSV file").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    // The file goes up through the upload that reports progress, not a plain form post.
    const upload = page.waitForRequest((request) => request.url().endsWith(`/w/${workspace.slug}/transfer/upload`) && request.method() === "POST");
    await page.getByRole("button", { name: "Check the file" }).click();
    await upload;
    const preview = page.getByRole("region", { name: /Preview/ });
    await preview.getByRole("heading", { name: "Preview: 3 rows, 1 problem" }).waitFor();
    await preview.getByRole("listitem").filter({ hasText: "Row 3: 2 of the last 2 posts on Museum on Mastodon are promotional; the limit is 1 in 4." }).waitFor();
    expect(await preview.getByRole("row").count()).toBe(4);
    expect(await page.getByRole("button", { name: /^Import/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Fixed in the spreadsheet: the shop post is news about new prints.
    await page.getByLabel("CSV file").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(rows("news")) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await preview.getByRole("heading", { name: "Preview: 3 rows, 0 problems" }).waitFor();
    await page.getByRole("button", { name: "Import 3 rows as drafts" }).click();
    await page.getByText("Imported 3 posts as drafts.").waitFor();
    expect(await prisma.post.findMany({ where: { workspaceId: workspace.id }, select: { status: true, authorId: true } })).toEqual(
      Array.from({ length: 3 }, () => ({ status: "DRAFT", authorId: editor.id })),
    );
    expect(page.consoleErrors).toEqual([]);
  });
});
