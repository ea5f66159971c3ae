// Issue 11, finding 10: small data faults. An empty APP_URL (as the generated .env writes
// it, and as this test run's server has it) made links relative; 24:00 was a time;
// "europe/warsaw" was stored as typed; bidi overrides went into titles, the iCal feed and
// the CSV; a Windows-1250 CSV (Polish Excel) came in full of U+FFFD.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it, inject } from "vitest";
import { prisma } from "~/utils/db.server";
import { unique, workspaceWithMember } from "../support/fixtures";

const ZONE = "Europe/Warsaw";
const inDays = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!;

async function owner() {
  const setup = await workspaceWithMember("OWNER");
  const channel = await prisma.channel.create({ data: { workspaceId: setup.workspace.id, network: "mastodon", name: unique("Mastodon") }, select: { id: true, name: true } });
  return { ...setup, channel };
}

/** Windows-1250 bytes of `text`, from the code page's own table (TextDecoder has no encoder). */
function windows1250(text: string): Uint8Array<ArrayBuffer> {
  const decoder = new TextDecoder("windows-1250");
  const table = new Map(Array.from({ length: 256 }, (_, byte) => [decoder.decode(Uint8Array.of(byte)), byte] as const));
  return Uint8Array.from([...text].map((char) => table.get(char)!));
}

describe("links people copy", () => {
  it("are absolute with an empty APP_URL: client links, calendar feeds, invitations", async () => {
    expect(inject("testEnv").APP_URL).toBe("");
    const { client, workspace } = await owner();
    const origin = new URL(client.baseUrl).origin;
    const share = await (await client.post(`/w/${workspace.slug}/share`, { intent: "create", label: "Client", from: inDays(0), to: inDays(7), days: "7" })).text();
    const feed = await (await client.post(`/w/${workspace.slug}/settings`, { intent: "feed-create" })).text();
    const invitation = await (await client.post(`/w/${workspace.slug}/members`, { intent: "invite", email: `${unique("guest")}@test.example`, role: "VIEWER" })).text();
    expect(/data-testid="share-url">([^<]+)</.exec(share)![1]).toMatch(new RegExp(`^${origin}/share/[\\w-]{43}$`));
    expect(/data-testid="feed-url">([^<]+)</.exec(feed)![1]).toMatch(new RegExp(`^${origin}/feeds/[\\w-]{43}\\.ics$`));
    expect(/data-testid="invitation-url">([^<]+)</.exec(invitation)![1]).toMatch(new RegExp(`^${origin}/invitations/`));
  });
});

describe("times and zones", () => {
  it("24:00 is not a time: the editor and both move forms refuse it", async () => {
    const { client, workspace, channel } = await owner();
    const form = { intent: "save", title: "Late", category: "news", date: inDays(3), time: "24:00", "variants[0].channelId": channel.id, "variants[0].text": "Late night" };
    expect((await client.post(`/w/${workspace.slug}/posts/new`, form)).status).toBe(400);
    expect(await prisma.post.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect((await client.post(`/w/${workspace.slug}/posts/new`, { ...form, time: "23:59" })).status).toBe(302);
    const post = await prisma.post.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true, scheduledAt: true } });
    expect((await client.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "move", date: inDays(4), time: "24:00" })).status).toBe(400);
    expect((await client.post(`/w/${workspace.slug}?index`, { postId: post.id, date: inDays(4), time: "24:00" })).status).toBe(400);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { scheduledAt: true } })).scheduledAt).toEqual(post.scheduledAt);
  });

  it("a zone typed in any case is stored as its canonical IANA name", async () => {
    const { client, workspace } = await owner();
    expect((await client.post(`/w/${workspace.slug}/settings/time-zone`, { zone: "asia/tokyo", mode: "keep-local" })).status).toBe(302);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { timeZone: true } })).timeZone).toBe("Asia/Tokyo");
    const created = await client.post("/workspaces", { name: unique("Brand"), timeZone: "AMERICA/NEW_YORK" });
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.split("/").pop()!;
    expect((await prisma.workspace.findUniqueOrThrow({ where: { slug }, select: { timeZone: true } })).timeZone).toBe("America/New_York");
  });
});

describe("invisible formatting characters", () => {
  it("are refused in a title, and a title stored before cannot reorder the iCal feed or the CSV", async () => {
    const { client, workspace, channel } = await owner();
    const form = { intent: "save", title: "Invoice \u202egnp.exe", category: "news", date: inDays(3), time: "10:00", "variants[0].channelId": channel.id, "variants[0].text": "Hello" };
    const refused = await client.post(`/w/${workspace.slug}/posts/new`, form);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("U+202E");
    for (const title of ["zero\u200bwidth", "iso\u2066late"]) expect((await client.post(`/w/${workspace.slug}/posts/new`, { ...form, title })).status).toBe(400);
    expect(await prisma.post.count({ where: { workspaceId: workspace.id } })).toBe(0);

    // A title stored before this check (or by another way in).
    const at = DateTime.fromISO(`${inDays(3)}T10:00`, { zone: ZONE }).toJSDate();
    await prisma.post.create({ data: { workspaceId: workspace.id, title: "Invoice \u202egnp.exe\u200b", category: "news", scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: "Hello \u2067שלום\u2069", scheduledAt: at } } } });
    const page = await (await client.post(`/w/${workspace.slug}/settings`, { intent: "feed-create" })).text();
    const feed = await (await fetch(/data-testid="feed-url">([^<]+)</.exec(page)![1]!)).text();
    const summary = new ICAL.Event(new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent("vevent")!).summary;
    expect(summary).toBe(`Invoice gnp.exe (${channel.name})`);
    const csv = await (await client.get(`/w/${workspace.slug}/export?from=${inDays(3)}&to=${inDays(3)}`)).text();
    expect(csv).toContain(",Invoice gnp.exe,");
    // The post's own text is what gets published: a right-to-left isolate stays in it.
    expect(csv).toContain("Hello \u2067שלום\u2069");
  });
});

describe("a CSV saved by Polish Excel (Windows-1250)", () => {
  const csv = (channel: string) => `date;time;channel;category;title;text\r\n${DateTime.fromISO(inDays(6)).toFormat("dd.MM.yyyy")};09:00;${channel};news;Zażółć;Gęślą jaźń — świętujemy łódzkie żółwie\r\n`;

  it("is imported with its Polish letters, and the preview says how it was read", async () => {
    const { client, workspace, channel } = await owner();
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new Blob([windows1250(csv(channel.name))], { type: "text/csv" }), "plan.csv");
    const response = await client.request(`/w/${workspace.slug}/transfer/upload`, { method: "POST", body: form, headers: { Origin: client.baseUrl } });
    expect(response.status).toBe(200);
    const preview = await response.json();
    expect(preview.notice).toMatch(/Windows-1250/);
    expect(preview.rows[0].text).toBe("Gęślą jaźń — świętujemy łódzkie żółwie");
    expect(preview.content).not.toContain("\uFFFD");
  });

  it("is linted with its Polish letters by rytm lint, which says how it read the file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rytm-cp1250-"));
    const file = path.join(dir, "plan.csv");
    writeFileSync(file, windows1250(csv("mastodon")));
    const result = spawnSync("node", ["bin/rytm.mjs", "lint", file, "--format", "json"], { encoding: "utf8" });
    expect(result.stderr).toMatch(/Windows-1250/);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, rows: 1 });
  });

  it("that is neither UTF-8 nor Windows-1250 is refused, naming the problem", async () => {
    const { client, workspace } = await owner();
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new Blob([Uint8Array.from([0x64, 0x61, 0x74, 0x65, 0x81, 0x98, 0x0a])], { type: "text/csv" }), "plan.csv");
    const response = await client.request(`/w/${workspace.slug}/transfer/upload`, { method: "POST", body: form, headers: { Origin: client.baseUrl } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/neither UTF-8 nor Windows-1250/);
  });
});
