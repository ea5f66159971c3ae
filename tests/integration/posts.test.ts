// The editor, the workflow, imports and feeds over HTTP against the real server: what a
// form does, what a bad one gets (a clear 4xx and nothing changed), and who may do what.
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { defaultMixRules } from "~/domain/mix-rules-settings";
import { parsePlanCsv } from "~/domain/plan-csv";
import { prisma } from "~/utils/db.server";
import { addMember, createUser, signedIn, unique, workspaceWithMember } from "../support/fixtures";

const ZONE = "Europe/Warsaw";
const inDays = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!;

async function brand(role: "OWNER" | "EDITOR" = "EDITOR") {
  const setup = await workspaceWithMember(role);
  const channel = await prisma.channel.create({ data: { workspaceId: setup.workspace.id, network: "mastodon", name: unique("Mastodon") }, select: { id: true, name: true } });
  return { ...setup, channel };
}

const postForm = (channelId: string, extra: Record<string, string> = {}) => ({
  intent: "save",
  title: "Opening hours",
  body: "We are open late on Fridays.",
  category: "news",
  date: inDays(5),
  time: "10:00",
  "variants[0].channelId": channelId,
  "variants[0].text": `We are open late on Fridays. ${unique("t")}`,
  ...extra,
});

const postCount = (workspaceId: string) => prisma.post.count({ where: { workspaceId } });

describe("the post editor", () => {
  it("saves a post with its variant at the local time, fingerprinted for the rules", async () => {
    const { client, workspace, channel } = await brand();
    const response = await client.post(`/w/${workspace.slug}/posts/new`, postForm(channel.id));
    expect(response.status).toBe(302);
    const post = await prisma.post.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { status: true, scheduledAt: true, variants: { select: { channelId: true, scheduledAt: true, textHash: true } } } });
    expect(post.status).toBe("DRAFT");
    expect(DateTime.fromJSDate(post.scheduledAt!, { zone: ZONE }).toFormat("yyyy-MM-dd HH:mm")).toBe(`${inDays(5)} 10:00`);
    expect(post.variants).toMatchObject([{ channelId: channel.id, scheduledAt: post.scheduledAt, textHash: expect.any(String) }]);
  });

  it("answers bad input with a clear message and saves nothing", async () => {
    const { client, workspace, channel } = await brand();
    const other = await brand();
    const cases: [Record<string, string>, number, string][] = [
      [{ date: "2026-02-30" }, 400, "Choose a real day"],
      [{ "variants[0].channelId": other.channel.id }, 422, "This channel is not connected to this workspace"],
      [{ "variants[0].text": "x".repeat(10_001) }, 400, "At most 10000 characters"],
      [{ category: "gossip" }, 422, "is not a category of this workspace"],
      [{ title: "" }, 400, "Give the post a title"],
      [{ "variants[0].link": "javascript:alert(1)" }, 400, "Enter a full web address"],
      [{ repeat: "weekly", ends: "count", count: "0" }, 400, "At least 1"],
    ];
    for (const [change, status, message] of cases) {
      const response = await client.post(`/w/${workspace.slug}/posts/new`, postForm(channel.id, change));
      expect(response.status, JSON.stringify(change)).toBe(status);
      expect(await response.text()).toContain(message);
    }
    expect(await postCount(workspace.id)).toBe(0);
    // Another workspace's post cannot be opened or edited through this one.
    const foreign = await prisma.post.create({ data: { workspaceId: other.workspace.id, title: "Theirs", category: "news" }, select: { id: true } });
    expect((await client.get(`/w/${workspace.slug}/posts/${foreign.id}/edit`)).status).toBe(404);
    expect((await client.post(`/w/${workspace.slug}/posts/${foreign.id}/edit`, postForm(channel.id))).status).toBe(404);
    expect((await client.post(`/w/${workspace.slug}/posts/${foreign.id}`, { intent: "cancel" })).status).toBe(404);
    expect(await prisma.post.findUniqueOrThrow({ where: { id: foreign.id }, select: { title: true, status: true } })).toEqual({ title: "Theirs", status: "DRAFT" });
  });

  it("asks which time is meant when the clocks go back, and keeps the one chosen", async () => {
    const { client, workspace, channel } = await brand();
    const ambiguous = postForm(channel.id, { date: "2027-10-31", time: "02:30" });
    const asked = await client.post(`/w/${workspace.slug}/posts/new`, ambiguous);
    expect(asked.status).toBe(422);
    expect(await asked.text()).toContain("happens twice on 2027-10-31");
    expect((await client.post(`/w/${workspace.slug}/posts/new`, { ...ambiguous, dst: "later" })).status).toBe(302);
    const post = await prisma.post.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { scheduledAt: true } });
    expect(post.scheduledAt!.toISOString()).toBe("2027-10-31T01:30:00.000Z");
  });

  it("sends an approved post back to review when its words change, and off the schedule", async () => {
    const { client, workspace, channel, user } = await brand();
    const approver = await createUser();
    await addMember(workspace.id, approver.id, "APPROVER");
    const form = postForm(channel.id, { intent: "submit" });
    expect((await client.post(`/w/${workspace.slug}/posts/new`, form)).status).toBe(302);
    const { id } = await prisma.post.findFirstOrThrow({ where: { workspaceId: workspace.id, authorId: user.id }, select: { id: true } });
    const reviewer = await signedIn(approver);
    expect((await reviewer.post(`/w/${workspace.slug}/posts/${id}`, { intent: "approve" })).status).toBe(200);
    expect(await prisma.variant.findFirstOrThrow({ where: { postId: id }, select: { status: true } })).toEqual({ status: "SCHEDULED" });
    // The approver cannot edit; the editor can, and that needs a new approval.
    expect((await reviewer.post(`/w/${workspace.slug}/posts/${id}/edit`, form)).status).toBe(403);
    expect((await client.post(`/w/${workspace.slug}/posts/${id}/edit`, { ...form, intent: "save", "variants[0].text": "New words entirely, late on Fridays." })).status).toBe(302);
    const after = await prisma.post.findUniqueOrThrow({ where: { id }, select: { status: true, revision: true, variants: { select: { status: true } } } });
    expect(after).toMatchObject({ status: "IN_REVIEW", variants: [{ status: "DRAFT" }] });
    // Approving one's own post, or as a viewer, is refused.
    expect((await client.post(`/w/${workspace.slug}/posts/${id}`, { intent: "approve" })).status).toBe(403);
    const viewer = await createUser();
    await addMember(workspace.id, viewer.id, "VIEWER");
    const viewing = await signedIn(viewer);
    expect((await viewing.post(`/w/${workspace.slug}/posts/${id}`, { intent: "request-changes", comment: "no" })).status).toBe(403);
    expect((await viewing.get(`/w/${workspace.slug}/review`)).status).toBe(403);
  });
});

describe("the calendar", () => {
  it("shows a busy day's first posts in the month and how many more, while the mix counts them all", async () => {
    const { client, workspace, channel } = await brand();
    const day = DateTime.now().setZone(ZONE).plus({ months: 1 }).set({ day: 12, hour: 8, minute: 0, second: 0, millisecond: 0 });
    for (let i = 0; i < 6; i++) {
      const at = day.plus({ hours: i }).toJSDate();
      await prisma.post.create({ data: { workspaceId: workspace.id, title: `Busy ${i}`, category: i < 3 ? "promotional" : "news", scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: `Busy ${i} ${unique("t")}`, scheduledAt: at } } } });
    }
    const html = await (await client.get(`/w/${workspace.slug}?view=month&date=${day.toISODate()}`)).text();
    expect(html.match(/data-post-id=/g)).toHaveLength(4);
    expect(html).toContain(`href="/w/${workspace.slug}?view=week&amp;date=${day.toISODate()}">+2 more</a>`);
    expect(html).toContain('aria-label="News 50%, Promotional 50%"');
    expect(html).toContain("50% promotional — more than one in 4");
    const week = await (await client.get(`/w/${workspace.slug}?view=week&date=${day.toISODate()}`)).text();
    expect(week.match(/data-post-id=/g)).toHaveLength(6);
  });
});

describe("imports and feeds", () => {
  it("previews a CSV with every row's check, refuses a file with problems, imports a good one as drafts, and exports it back", async () => {
    const { client, workspace, channel } = await brand();
    const day = inDays(10);
    const good = `date;time;channel;category;title;text\n${day};09:00;${channel.name};educational;Tip one;How to read a label ${unique("a")}\n${day};15:00;mastodon;news;News;Our new site is live ${unique("b")}\n`;
    const bad = `${good}${day};16:00;tiktok;news;Clip;A clip\n`;
    const upload = (content: string, intent = "check") => {
      const form = new FormData();
      form.set("intent", intent);
      if (intent === "check") form.set("file", new Blob([content], { type: "text/csv" }), "plan.csv");
      else form.set("content", content);
      return client.request(`/w/${workspace.slug}/transfer`, { method: "POST", body: form, headers: { Origin: client.baseUrl } });
    };
    // The check answers with the problems (the check itself succeeded); the import is refused.
    const refused = await upload(bad);
    expect(refused.status).toBe(200);
    const html = await refused.text();
    expect(html).toContain("no TikTok channel is connected to this workspace");
    expect(html).not.toContain("as drafts</button>");
    expect((await upload(bad, "import")).status).toBe(422);
    expect(await postCount(workspace.id)).toBe(0);

    const preview = await upload(good);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("Import 2 rows as drafts");
    expect((await upload(good, "import")).status).toBe(200);
    expect(await prisma.post.findMany({ where: { workspaceId: workspace.id }, select: { status: true }, orderBy: { scheduledAt: "asc" } })).toEqual([{ status: "DRAFT" }, { status: "DRAFT" }]);

    const exported = await client.get(`/w/${workspace.slug}/export?from=${day}&to=${day}`);
    expect(exported.headers.get("content-type")).toContain("text/csv");
    const again = parsePlanCsv(await exported.text(), { defaultTimeZone: ZONE, categories: defaultMixRules().categories, channels: [{ name: channel.name, network: "mastodon" }] });
    expect(again.problems).toEqual([]);
    expect(again.rows.map((r) => r.title)).toEqual(["Tip one", "News"]);
    expect((await client.get(`/w/${workspace.slug}/export?from=${day}&to=2020-01-01`)).status).toBe(400);
  });

  it("serves a valid iCalendar feed at a secret address, and nothing once it is turned off", async () => {
    const { client, workspace, channel } = await brand("OWNER");
    expect((await client.post(`/w/${workspace.slug}/posts/new`, postForm(channel.id, { title: "Friday late opening" }))).status).toBe(302);
    const page = await (await client.post(`/w/${workspace.slug}/settings`, { intent: "feed-create" })).text();
    const url = /data-testid="feed-url">([^<]+)</.exec(page)![1]!;
    const feed = await fetch(url);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual([`Friday late opening (${channel.name})`]);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe(DateTime.fromISO(`${inDays(5)}T10:00`, { zone: ZONE }).toUTC().toISO());
    expect(String(events[0]!.component.getFirstPropertyValue("url"))).toContain(`/w/${workspace.slug}/posts/`);
    const tampered = url.replace(/\/feeds\/(.)/, (_m, c: string) => `/feeds/${c === "A" ? "B" : "A"}`);
    expect((await fetch(tampered)).status).toBe(404);
    await client.post(`/w/${workspace.slug}/settings`, { intent: "feed-off" });
    expect((await fetch(url)).status).toBe(404);
  });

  it("refuses tampered share tokens and decisions on posts outside the link", async () => {
    const { client, workspace, channel } = await brand("OWNER");
    const page = await (await client.post(`/w/${workspace.slug}/share`, { intent: "create", label: "Client", from: inDays(0), to: inDays(3), days: "7" })).text();
    const url = /data-testid="share-url">([^<]+)</.exec(page)![1]!;
    const token = url.split("/").at(-1)!;
    const anonymous = new (client.constructor as new () => typeof client)();
    expect((await anonymous.get(`/share/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).status).toBe(404);
    expect((await anonymous.get("/share/short")).status).toBe(404);
    const later = await prisma.post.create({
      data: { workspaceId: workspace.id, title: "Later", category: "news", status: "IN_REVIEW", scheduledAt: DateTime.fromISO(`${inDays(9)}T10:00`, { zone: ZONE }).toJSDate(), variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: "Later" } } },
      select: { id: true },
    });
    const decision = await anonymous.post(`/share/${token}`, { postId: later.id, decision: "approve", name: "Anna" });
    expect(decision.status).toBe(404);
    expect(await prisma.approval.count({ where: { postId: later.id } })).toBe(0);
    expect((await anonymous.post(`/share/${token}`, { postId: later.id, decision: "request-changes", name: "Anna" })).status).toBe(400);
  });
});
