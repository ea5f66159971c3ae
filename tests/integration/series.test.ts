// Recurring series through the real HTTP actions: each finding of the series issue as it was
// seen (a moved occurrence made again, a zone change that doubles a series, a series that
// cannot be stopped, dates skipped or shifted without a word, the wrong offset on the post page).
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { materialiseSeries } from "~/models/series.server";
import { prisma } from "~/utils/db.server";
import { type Brand, createBrand, editorForm } from "../support/brand";
import { unique } from "../support/fixtures";

let b: Brand;
beforeAll(async () => {
  b = await createBrand({ approvalsRequired: 1, editorsMaySchedule: true });
});

type SeriesFields = { date: string; time: string; repeat: string; ends?: string; count?: string; until?: string; interval?: string; missing?: string; byWeekday?: string; text?: string };

/** A series made in the editor by the brand's editor; its first post's id and the series' id. */
async function makeSeries(brand: Brand, fields: SeriesFields) {
  const { byWeekday, text, ...rest } = fields;
  const form = editorForm(brand, { variants: [[brand.channels.hook.id, text ?? `Free entry on Tuesday ${unique("t")}`]], extra: { interval: "1", ends: "never", missing: "last-day", ...rest } });
  const body = new URLSearchParams(form);
  if (byWeekday) for (const d of byWeekday.split(",")) body.append("byWeekday", d);
  const response = await brand.people.editor.client.post(`/w/${brand.workspace.slug}/posts/new`, body);
  if (response.status !== 302) throw new Error(`The editor answered ${response.status}: ${(await response.text()).slice(0, 400)}`);
  const postId = response.headers.get("location")!.split("/").at(-1)!;
  const { seriesId } = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { seriesId: true } });
  return { postId, seriesId: seriesId! };
}

const postsOf = (seriesId: string) =>
  prisma.post.findMany({ where: { seriesId }, orderBy: { scheduledAt: "asc" }, select: { id: true, status: true, scheduledAt: true, occurrenceKey: true, variants: { select: { text: true } } } });
const wall = (at: Date | null, zone: string) => DateTime.fromJSDate(at!, { zone }).toFormat("yyyy-MM-dd HH:mm");
const live = <T extends { status: string }>(posts: T[]) => posts.filter((p) => p.status !== "CANCELLED");
const soon = (days: number) => DateTime.now().setZone(b.zone).plus({ days }).toISODate()!;

describe("a recurring series", () => {
  it("does not make a moved occurrence again, after any number of runs (finding 1)", async () => {
    const { seriesId } = await makeSeries(b, { date: soon(2), time: "10:00", repeat: "daily", ends: "count", count: "6" });
    const posts = await postsOf(seriesId);
    expect(posts).toHaveLength(6);
    const fourth = posts[3]!;
    const day = DateTime.fromJSDate(fourth.scheduledAt!, { zone: b.zone }).toISODate()!;
    const moved = await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/${fourth.id}`, { intent: "move", date: day, time: "11:15" });
    expect(moved.status).toBe(200);
    // The hourly run, a worker restart, and a run an hour later.
    for (const hours of [0, 0, 1]) await materialiseSeries(new Date(Date.now() + hours * 3_600_000), 90, seriesId);
    const after = await postsOf(seriesId);
    expect(after).toHaveLength(6);
    expect(after.filter((p) => wall(p.scheduledAt, b.zone).startsWith(day)).map((p) => wall(p.scheduledAt, b.zone))).toEqual([`${day} 11:15`]);
  });

  it("keeps local times on a zone change New York → Warsaw, or keeps the moments; never more posts (finding 2)", async () => {
    for (const mode of ["keep-local", "keep-instants"] as const) {
      const ny = await createBrand({ approvalsRequired: 1, editorsMaySchedule: true }, undefined, "America/New_York");
      // Weekly from 2 March 2027: the US changes clocks on 14 March, Europe on 28 March.
      const { seriesId } = await makeSeries(ny, { date: "2027-03-02", time: "09:00", repeat: "weekly", ends: "count", count: "6" });
      await materialiseSeries(new Date("2027-03-01T00:00:00Z"), 90, seriesId);
      const before = await postsOf(seriesId);
      expect(before.map((p) => wall(p.scheduledAt, "America/New_York").slice(11))).toEqual(Array(6).fill("09:00"));

      const refused = await ny.people.owner.client.post(`/w/${ny.workspace.slug}/settings`, { name: "Renamed", timeZone: "Europe/Warsaw" });
      expect(refused.status).toBe(409);
      const preview = await (await ny.people.owner.client.get(`/w/${ny.workspace.slug}/settings/time-zone?zone=Europe/Warsaw&mode=${mode}`)).text();
      expect(preview).toContain(mode === "keep-local" ? "6 planned posts move" : "6 planned posts keep their moment");
      const changed = await ny.people.owner.client.post(`/w/${ny.workspace.slug}/settings/time-zone`, { zone: "Europe/Warsaw", mode });
      expect(changed.status).toBe(302);
      for (const now of ["2027-03-01T00:00:00Z", "2027-03-10T00:00:00Z"]) await materialiseSeries(new Date(now), 90, seriesId);

      const after = await postsOf(seriesId);
      expect(after).toHaveLength(6);
      if (mode === "keep-local") {
        expect(after.map((p) => wall(p.scheduledAt, "Europe/Warsaw").slice(11))).toEqual(Array(6).fill("09:00"));
      } else {
        expect(after.map((p) => p.scheduledAt!.getTime())).toEqual(before.map((p) => p.scheduledAt!.getTime()));
        expect((await prisma.series.findUniqueOrThrow({ where: { id: seriesId } })).timeZone).toBe("America/New_York");
      }
    }
  });

  it("can be stopped from a date, even after its first post went out, and says how many posts left (finding 3)", async () => {
    const { postId, seriesId } = await makeSeries(b, { date: soon(1), time: "12:00", repeat: "daily", ends: "count", count: "6" });
    // The first post went out.
    await prisma.variant.updateMany({ where: { postId }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    await prisma.post.update({ where: { id: postId }, data: { status: "PUBLISHED" } });
    const stopped = await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/${postId}`, { intent: "stop-series", from: soon(2) });
    expect(stopped.status).toBe(302);
    expect(stopped.headers.get("location")).toBe(`/w/${b.workspace.slug}/posts/${postId}?stopped=${soon(2)}&removed=5&kept=0`);
    expect(await (await b.people.editor.client.get(stopped.headers.get("location")!)).text()).toContain("5 later posts removed from the plan");
    await materialiseSeries(new Date(), 90, seriesId);
    const left = await postsOf(seriesId);
    expect(left.map((p) => p.status)).toEqual(["PUBLISHED"]);
    expect(await (await b.people.viewer.client.post(`/w/${b.workspace.slug}/posts/${postId}`, { intent: "stop-series", from: soon(2) })).status).toBe(403);
  });

  it("ends sooner when its end changes, and the post page says how many posts left (finding 3)", async () => {
    const { postId, seriesId } = await makeSeries(b, { date: soon(1), time: "13:00", repeat: "daily", ends: "count", count: "6" });
    const form = editorForm(b, { variants: [[b.channels.hook.id, (await postsOf(seriesId))[0]!.variants[0]!.text]], extra: { date: soon(1), time: "13:00", repeat: "daily", interval: "1", ends: "count", count: "2", missing: "last-day", scope: "all" } });
    const saved = await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/${postId}/edit`, { ...form, title: (await prisma.post.findUniqueOrThrow({ where: { id: postId } })).title });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toContain("removed=4");
    expect(await (await b.people.editor.client.get(saved.headers.get("location")!)).text()).toContain("4 posts the series no longer names left the plan");
    await materialiseSeries(new Date(), 90, seriesId);
    expect(live(await postsOf(seriesId))).toHaveLength(2);
  });

  it("gives every month's 31st a date or names the skipped ones, on the post page too (finding 4)", async () => {
    const { postId, seriesId } = await makeSeries(b, { date: "2027-01-31", time: "09:00", repeat: "monthly", ends: "count", count: "4", missing: "last-day" });
    await materialiseSeries(new Date("2027-01-01T00:00:00Z"), 150, seriesId);
    const posts = await postsOf(seriesId);
    expect(posts.map((p) => wall(p.scheduledAt, b.zone).slice(0, 10))).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    const february = await (await b.people.editor.client.get(`/w/${b.workspace.slug}/posts/${posts[1]!.id}`)).text();
    expect(february).toContain("does not exist: on the month&#x27;s last day");

    const skipping = await makeSeries(b, { date: "2028-02-29", time: "09:00", repeat: "yearly", ends: "count", count: "3", missing: "skip" });
    const first = await (await b.people.editor.client.get(`/w/${b.workspace.slug}/posts/${skipping.postId}`)).text();
    for (const year of ["2029", "2030", "2031"]) expect(first).toMatch(new RegExp(`29 Feb ${year}: no such day, skipped`));
    expect(first).toContain("29 Feb 2036");
    expect(postId).toBeTruthy();
  });

  it("says when the clocks skip its time, in the post page of that date (finding 5)", async () => {
    const { seriesId } = await makeSeries(b, { date: "2027-03-27", time: "02:30", repeat: "daily", ends: "count", count: "3" });
    await materialiseSeries(new Date("2027-03-01T00:00:00Z"), 90, seriesId);
    const posts = await postsOf(seriesId);
    expect(posts.map((p) => wall(p.scheduledAt, b.zone))).toEqual(["2027-03-27 02:30", "2027-03-28 03:30", "2027-03-29 02:30"]);
    const page = await (await b.people.editor.client.get(`/w/${b.workspace.slug}/posts/${posts[1]!.id}`)).text();
    expect(page).toContain("the clocks skip this time that day: after the change");
  });

  it("shows the offset of the post's own date on its page (finding 6)", async () => {
    const { postId } = await makeSeries(b, { date: "2027-07-01", time: "09:00", repeat: "yearly", ends: "count", count: "2" });
    const page = await (await b.people.editor.client.get(`/w/${b.workspace.slug}/posts/${postId}`)).text();
    expect(page).toContain("Europe/Warsaw (UTC+02:00)");
  });

  it("edits this and following posts, or all, and leaves the earlier ones and published ones alone", async () => {
    const { seriesId } = await makeSeries(b, { date: soon(3), time: "15:00", repeat: "daily", ends: "count", count: "5", text: "Daily tip one" });
    const posts = await postsOf(seriesId);
    const third = posts[2]!;
    const third_ = await prisma.post.findUniqueOrThrow({ where: { id: third.id } });
    const day = DateTime.fromJSDate(third.scheduledAt!, { zone: b.zone }).toISODate()!;
    const form = editorForm(b, { title: third_.title, variants: [[b.channels.hook.id, "Daily tip two"]], extra: { date: day, time: "16:30", repeat: "daily", interval: "1", ends: "count", count: "5", missing: "last-day", scope: "following" } });
    const saved = await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/${third.id}/edit`, form);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toContain("updated=2");
    const after = await postsOf(seriesId);
    expect(after.map((p) => `${wall(p.scheduledAt, b.zone).slice(11)} ${p.variants[0]!.text}`)).toEqual([
      "15:00 Daily tip one",
      "15:00 Daily tip one",
      "16:30 Daily tip two",
      "16:30 Daily tip two",
      "16:30 Daily tip two",
    ]);
    // Another day for one post asks for "only this post".
    const elsewhere = await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/${third.id}/edit`, { ...form, date: soon(20), scope: "all" });
    expect(elsewhere.status).toBe(422);
  });

  it("keeps the posts made before 'this and following' through a zone change that keeps local times", async () => {
    const brand = await createBrand({ approvalsRequired: 1, editorsMaySchedule: true });
    const { seriesId } = await makeSeries(brand, { date: soon(3), time: "15:00", repeat: "daily", ends: "count", count: "5", text: "Daily tip one" });
    const third = (await postsOf(seriesId))[2]!;
    const { title } = await prisma.post.findUniqueOrThrow({ where: { id: third.id } });
    const day = DateTime.fromJSDate(third.scheduledAt!, { zone: brand.zone }).toISODate()!;
    const form = editorForm(brand, { title, variants: [[brand.channels.hook.id, "Daily tip two"]], extra: { date: day, time: "16:30", repeat: "daily", interval: "1", ends: "count", count: "5", missing: "last-day", scope: "following" } });
    expect((await brand.people.editor.client.post(`/w/${brand.workspace.slug}/posts/${third.id}/edit`, form)).status).toBe(302);

    const preview = await (await brand.people.owner.client.get(`/w/${brand.workspace.slug}/settings/time-zone?zone=America/New_York&mode=keep-local`)).text();
    expect(preview).not.toMatch(/leave the plan|leaves the plan/);
    const changed = await brand.people.owner.client.post(`/w/${brand.workspace.slug}/settings/time-zone`, { zone: "America/New_York", mode: "keep-local" });
    expect(changed.status).toBe(302);
    const after = await postsOf(seriesId);
    expect(after.map((p) => `${wall(p.scheduledAt, "America/New_York").slice(11)} ${p.variants[0]!.text}`)).toEqual([
      "15:00 Daily tip one",
      "15:00 Daily tip one",
      "16:30 Daily tip two",
      "16:30 Daily tip two",
      "16:30 Daily tip two",
    ]);
  });

  it("rotates its texts per date, so X is never sent the same words twice in a row", async () => {
    const body = new URLSearchParams(
      editorForm(b, { variants: [[b.channels.x.id, "Tuesday: free entry to the museum"]], extra: { date: soon(5), time: "09:00", repeat: "weekly", interval: "1", ends: "count", count: "4", missing: "last-day" } }),
    );
    body.append("variants[0].alternates[0]", "Free entry every Tuesday: see you there");
    const response = await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/new`, body);
    expect(response.status).toBe(302);
    const postId = response.headers.get("location")!.split("/").at(-1)!;
    const { seriesId } = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { seriesId: true } });
    const texts = (await postsOf(seriesId!)).map((p) => p.variants[0]!.text);
    expect(texts).toEqual(["Tuesday: free entry to the museum", "Free entry every Tuesday: see you there", "Tuesday: free entry to the museum", "Free entry every Tuesday: see you there"]);
  });
});
