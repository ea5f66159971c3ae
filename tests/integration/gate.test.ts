// The nine ways the app once contradicted its own promises, each reproduced over HTTP on
// the real server and worker: every path now asks the one gate, and every screen gives the
// verdict `rytm lint` gives.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { startWebhookReceiver } from "../fakes/webhook-receiver";
import { type Brand, createBrand, editorForm, localDate, makePost, postState } from "../support/brand";
import { unique } from "../support/fixtures";
import { Client } from "../support/http-client";
import { schedule } from "../support/gate";
import { waitFor } from "../support/processes";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const brand = (policy: Parameters<typeof createBrand>[0] = {}) => createBrand(policy, receiver.url);
const postPage = (b: Brand, postId: string) => `/w/${b.workspace.slug}/posts/${postId}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const xTooLong = "Too long for X. ".repeat(20);

describe("1. no side path around approval or the rules", () => {
  it("refuses an editor's publish-now and reschedule on a draft, a blocked, a cancelled and an in-review post — on the post page and the pause page", async () => {
    const b = await brand({ approvalsRequired: 1, editorsMaySchedule: false });
    const editor = b.people.editor.client;
    const draft = await makePost(b, editor, { variants: [[b.channels.hook.id, `Draft words ${unique("w")}`]] });
    const blocked = await makePost(b, editor, { variants: [[b.channels.x.id, xTooLong]] });
    expect((await editor.post(postPage(b, blocked), { intent: "submit" })).status).toBe(409);
    const cancelled = await makePost(b, editor, { variants: [[b.channels.hook.id, `Cancelled words ${unique("w")}`]] });
    expect((await editor.post(postPage(b, cancelled), { intent: "cancel" })).status).toBe(200);
    const inReview = await makePost(b, editor, { variants: [[b.channels.hook.id, `Review words ${unique("w")}`]], intent: "submit" });
    for (const postId of [draft, blocked, cancelled, inReview]) {
      const { variants } = await postState(postId);
      const variantId = variants[0]!.id;
      const now = await editor.post(postPage(b, postId), { intent: "publish-now", variantId });
      expect(now.status, postId).toBe(409);
      const pause = await editor.post(`/w/${b.workspace.slug}/pause`, { intent: "publish-now", variantId });
      expect(pause.status).toBe(409);
      const later = await editor.post(postPage(b, postId), { intent: "reschedule", variantId, at: `${localDate(b.zone, 2)}T11:00` });
      expect(later.status).toBe(409);
    }
    await sleep(1500);
    for (const postId of [draft, blocked, cancelled, inReview]) {
      const state = await postState(postId);
      expect(state.variants.map((v) => v.status)).not.toContain("SCHEDULED");
      expect(state.variants.map((v) => v.status)).not.toContain("PUBLISHED");
    }
    expect((await postState(inReview)).status).toBe("IN_REVIEW");
    expect((await postState(cancelled)).variants.map((v) => v.status)).toEqual(["CANCELLED"]);
  });
});

describe("2. a client's link is one approver, judged by the same rules", () => {
  it("approves but does not schedule a post that breaks a blocking rule — like an approver in the app", async () => {
    const b = await brand({ approvalsRequired: 1 });
    const owner = b.people.owner.client;
    const viaLink = await makePost(b, b.people.editor.client, { variants: [[b.channels.x.id, xTooLong]] });
    const inApp = await makePost(b, b.people.editor.client, { variants: [[b.channels.x.id, `${xTooLong} again`]] });
    // An owner's override covers mix rules only: a network's own limit still blocks.
    for (const postId of [viaLink, inApp]) await prisma.post.update({ where: { id: postId }, data: { status: "IN_REVIEW" } });
    const token = await shareLink(b, owner);
    const client = new Client();
    const response = await client.post(`/share/${token}`, { postId: viaLink, decision: "approve", name: "Klient" });
    expect(response.status).toBe(200);
    expect((await b.people.approver.client.post(postPage(b, inApp), { intent: "approve" })).status).toBe(200);
    for (const postId of [viaLink, inApp]) {
      const state = await postState(postId);
      expect(state.status).toBe("APPROVED");
      expect(state.variants.map((v) => v.status)).toEqual(["DRAFT"]);
    }
  });

  it("counts one link once however many names are typed into it", async () => {
    const b = await brand({ approvalsRequired: 2 });
    const postId = await makePost(b, b.people.editor.client, { variants: [[b.channels.hook.id, `Two approvals ${unique("w")}`]], intent: "submit" });
    const token = await shareLink(b, b.people.owner.client);
    const client = new Client();
    expect((await client.post(`/share/${token}`, { postId, decision: "approve", name: "Anna" })).status).toBe(200);
    const second = await client.post(`/share/${token}`, { postId, decision: "approve", name: "Someone Else" });
    expect(second.status).toBe(409);
    expect((await postState(postId)).status).toBe("IN_REVIEW");
    // A member's approval is the second one, and the post goes on the schedule.
    expect((await b.people.approver.client.post(postPage(b, postId), { intent: "approve" })).status).toBe(200);
    expect((await postState(postId)).status).toBe("SCHEDULED");
  });
});

describe("2b. a client's page names only what the client may see", () => {
  it("shows a post's violation without naming a draft it conflicts with", async () => {
    const b = await brand({ approvalsRequired: 1 });
    const words = `The new wing opens on Saturday ${unique("w")}`;
    const secret = unique("Secret draft");
    await makePost(b, b.people.editor.client, { title: secret, days: 3, variants: [[b.channels.hook.id, words]] });
    const shown = unique("Shown post");
    const postId = await makePost(b, b.people.editor.client, { title: shown, days: 4, variants: [[b.channels.hook.id, words]] });
    await prisma.post.update({ where: { id: postId }, data: { status: "IN_REVIEW" } });
    const team = await (await b.people.owner.client.get(postPage(b, postId))).text();
    expect(team).toContain(secret);
    const html = await (await new Client().get(`/share/${await shareLink(b, b.people.owner.client)}`)).text();
    expect(html).toContain(shown);
    expect(html).toContain('class="violation');
    expect(html).not.toContain(secret);
  });
});

async function shareLink(b: Brand, owner: Client) {
  const response = await owner.post(`/w/${b.workspace.slug}/share`, { intent: "create", label: "Client", from: localDate(b.zone, 0), to: localDate(b.zone, 20), days: "7" });
  const html = await response.text();
  const token = /\/share\/([A-Za-z0-9_-]{20,})/.exec(html)?.[1];
  if (!token) throw new Error(`no share link in ${response.status}`);
  return token;
}

describe("3. the import counts a blocking rule as a problem", () => {
  it("says how many problems there are, names row 5, and imports nothing", async () => {
    const b = await brand();
    const rows = [1, 2, 3, 4].map((n) => `${localDate(b.zone, n + 2)},10:00,Hook,news,Unique words for row ${n} ${unique("w")}`);
    const csv = ["date,time,channel,category,text", ...rows, `${localDate(b.zone, 8)},10:00,X,news,"${xTooLong}"`].join("\n");
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new Blob([csv], { type: "text/csv" }), "plan.csv");
    const check = await b.people.editor.client.request(`/w/${b.workspace.slug}/transfer/upload`, { method: "POST", body: form, headers: { Origin: b.people.editor.client.baseUrl } });
    const preview = (await check.json()) as { problems: { row: number; message: string }[]; total: number };
    expect(check.status).toBe(200);
    expect(preview.total).toBe(5);
    expect(preview.problems).toEqual([{ row: 6, column: null, message: expect.stringContaining("X allows 280") }]);
    const imported = await b.people.editor.client.post(`/w/${b.workspace.slug}/transfer`, { intent: "import", content: csv });
    expect(imported.status).toBe(422);
    expect(await prisma.post.count({ where: { workspaceId: b.workspace.id } })).toBe(0);
  });
});

describe("4. a post never conflicts with itself", () => {
  it("keeps one post's shared words to one warning, on the editor, the calendar and a move alike", async () => {
    const b = await brand();
    const words = `Open late on Friday ${unique("w")}`;
    const postId = await makePost(b, b.people.editor.client, { variants: [[b.channels.hook.id, words], [b.channels.linkedin.id, words], [b.channels.x.id, words]] });
    // The editor's check of the stored post, as typed.
    const form = editorForm(b, { variants: [[b.channels.hook.id, words], [b.channels.linkedin.id, words], [b.channels.x.id, words]] });
    const checked = (await (await b.people.editor.client.post(`/w/${b.workspace.slug}/posts/check?postId=${postId}`, form)).json()) as { violations: { ruleId: string; severity: string }[] };
    expect(checked.violations.map((v) => [v.ruleId, v.severity])).toEqual([["shared-words", "warn"]]);
    const badges = await planBadges(b, 0, 10);
    expect(badges[postId]).toMatchObject({ block: 0, warn: 1 });
    const moved = await b.people.editor.client.post(`/w/${b.workspace.slug}?index`, { postId, date: localDate(b.zone, 5), time: "10:00" });
    expect(moved.status).toBe(200);
    const state = await postState(postId);
    expect(DateTime.fromJSDate(state.scheduledAt!, { zone: b.zone }).toISODate()).toBe(localDate(b.zone, 5));
  });

  it("takes the dates of a weekly series as one idea, not duplicates of each other", async () => {
    const b = await brand();
    const postId = await makePost(b, b.people.editor.client, {
      variants: [[b.channels.hook.id, `Tuesday: free entry ${unique("w")}`]],
      extra: { repeat: "weekly", interval: "1", ends: "count", count: "4" },
    });
    const { seriesId } = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { seriesId: true } });
    const dates = await prisma.post.count({ where: { seriesId: seriesId! } });
    expect(dates).toBe(4);
    const badges = await planBadges(b, 0, 35);
    expect(Object.values(badges).filter((badge) => badge.block > 0)).toEqual([]);
  });
});

async function planBadges(b: Brand, fromDays: number, toDays: number) {
  const from = DateTime.now().setZone(b.zone).plus({ days: fromDays }).startOf("day").toUTC().toISO();
  const to = DateTime.now().setZone(b.zone).plus({ days: toDays }).startOf("day").toUTC().toISO();
  const response = await b.people.editor.client.get(`/w/${b.workspace.slug}/plan-check?${new URLSearchParams({ from: from!, to: to! })}`);
  return ((await response.json()) as { badges: Record<string, { block: number; warn: number }> }).badges;
}

/** What the editor's rule check says of a stored post, sent as the editor would send it unchanged. */
async function verdictOf(b: Brand, client: Client, postId: string, fields: Parameters<typeof editorForm>[1]) {
  const response = await client.post(`/w/${b.workspace.slug}/posts/check?postId=${postId}`, editorForm(b, fields));
  return (await response.json()) as { violations: { ruleId: string; message: string; suggestion: string; suggestedAt: number; related: { postId: string; title: string }[] }[] };
}

describe("5. suggestions that work, each violation once, posts by their names", () => {
  it("suggests the earliest time that passes, and moving there is accepted", async () => {
    const b = await brand({ approvalsRequired: 0 });
    await prisma.workspace.update({ where: { id: b.workspace.id }, data: { mixRules: { selfPromotion: { severity: "off" }, offers: { severity: "block", perWeek: 1 } } } });
    const owner = b.people.owner.client;
    const first = await makePost(b, owner, { title: "Winter bundle", category: "offer", days: 3, variants: [[b.channels.linkedin.id, `Two bags and a grinder, 20% off ${unique("w")}`]] });
    const fields = { title: "Gift cards", category: "offer", days: 5, variants: [[b.channels.linkedin.id, `Gift cards 10% off until Sunday ${unique("w")}`]] as [string, string][] };
    const second = await makePost(b, owner, fields);
    const [offer, ...rest] = (await verdictOf(b, owner, second, fields)).violations;
    expect(rest).toEqual([]);
    expect(offer).toMatchObject({ ruleId: "offer-flood", related: [{ postId: first, title: "Winter bundle" }] });
    const at = DateTime.fromMillis(offer!.suggestedAt, { zone: b.zone });
    expect(offer!.suggestion).toBe(`Move it to ${at.setLocale("en").toFormat("ccc d LLL, HH:mm")} (the earliest time at which it breaks no blocking rule).`);
    expect(at.toISODate()).toBe(localDate(b.zone, 10));
    expect((await owner.post(postPage(b, second), { intent: "submit" })).status).toBe(409);
    const moved = await owner.post(postPage(b, second), { intent: "move", date: at.toISODate()!, time: at.toFormat("HH:mm") });
    expect(moved.status).toBe(200);
    expect((await owner.post(postPage(b, second), { intent: "submit" })).status).toBe(200);
    expect((await postState(second)).status).toBe("APPROVED");
  });

  it("speaks proper Polish, plural forms and case included, and names the other post by its title", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const owner = b.people.owner.client;
    await owner.post("/preferences", { locale: "pl", redirectTo: "/" });
    await makePost(b, owner, { title: "Wyprzedaż", category: "promotional", days: 3, variants: [[b.channels.linkedin.id, `Wyprzedaż zimowa od poniedziałku ${unique("w")}`]] });
    const fields = { title: "Ostatnie dni", category: "promotional", days: 4, variants: [[b.channels.linkedin.id, `Ostatnie dni wyprzedaży ${unique("w")}`]] as [string, string][] };
    const second = await makePost(b, owner, fields);
    const { violations } = await verdictOf(b, owner, second, fields);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toBe("2 z ostatnich 2 postów na LinkedInie to promocja; limit to 1 na 4.");
    expect(violations[0]!.suggestion).toMatch(/albo zaplanuj przed nim 3 posty niepromocyjne\.$/);
    expect(violations[0]!.related.map((r) => r.title)).toEqual(["Wyprzedaż"]);
    const html = await (await owner.get(postPage(b, second))).text();
    expect(html).toContain("Dotyczy też:");
    expect(html).toMatch(/>Wyprzedaż \(\S+ \d{1,2} \S+, 10:00\)</);
    expect(html).not.toContain("post 1");
  });
});

describe("6. time lives with the variants", () => {
  it("shows in the calendar when a variant rescheduled on its own goes out", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const owner = b.people.owner.client;
    const title = unique("Two channels");
    const postId = await makePost(b, owner, { title, intent: "schedule", days: 2, variants: [[b.channels.hook.id, `One ${unique("w")}`], [b.channels.linkedin.id, `Two ${unique("w")}`]] });
    // The LinkedIn variant failed; a person gives it a time of its own.
    const failing = await prisma.variant.findFirstOrThrow({ where: { postId, channelId: b.channels.linkedin.id }, select: { id: true } });
    await prisma.variant.update({ where: { id: failing.id }, data: { status: "FAILED", failureClass: "content" } });
    await prisma.post.update({ where: { id: postId }, data: { status: "FAILED" } });
    const at = `${localDate(b.zone, 3)}T16:45`;
    expect((await owner.post(postPage(b, postId), { intent: "reschedule", variantId: failing.id, at })).status).toBe(200);
    expect((await postState(postId)).status).toBe("SCHEDULED");
    const html = await (await owner.get(`/w/${b.workspace.slug}?view=list`)).text();
    // The post shows at both times, each with the channels that go out then.
    expect(html).toContain(`aria-label="10:00 ${title}"`);
    expect(html).toContain(`aria-label="16:45 ${title}"`);
  });
});

describe("7. the demo is a clean plan", () => {
  it("has no blocking rule on any post but the labelled examples, and no badge at all on the others", async () => {
    for (const slug of ["muzeum-miasta", "northwind-coffee"]) {
      const workspace = await prisma.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true, timeZone: true } });
      const owner = await new Client().signIn("ola@rytm.example", "rytm-demo-password");
      const from = DateTime.now().minus({ days: 14 }).toUTC().toISO()!;
      const to = DateTime.now().plus({ days: 40 }).toUTC().toISO()!;
      const { badges } = (await (await owner.get(`/w/${slug}/plan-check?${new URLSearchParams({ from, to })}`)).json()) as { badges: Record<string, { block: number; warn: number }> };
      const titles = new Map((await prisma.post.findMany({ where: { workspaceId: workspace.id }, select: { id: true, title: true } })).map((p) => [p.id, p.title]));
      const flagged = Object.keys(badges).map((id) => titles.get(id)!);
      expect(flagged.length).toBeGreaterThan(0);
      for (const title of flagged) expect(title).toMatch(/^(Przykład|Example):/);
    }
  });
});

describe("8. the default path for several channels is valid", () => {
  it("lets a three-channel post written once be submitted, with one grouped note", async () => {
    const b = await brand();
    const words = `Our museum opens late on Thursdays ${unique("w")}`;
    const postId = await makePost(b, b.people.editor.client, { intent: "submit", variants: [[b.channels.hook.id, words], [b.channels.linkedin.id, words], [b.channels.x.id, words]] });
    expect((await postState(postId)).status).toBe("IN_REVIEW");
  });
});

describe("9. states that say what is true", () => {
  it("keeps a signed-off post where it is when only its campaign tag changes", async () => {
    const b = await brand();
    const fields = { title: unique("Tagged"), days: 4, variants: [[b.channels.hook.id, `Tagged ${unique("w")}`]] as [string, string][] };
    const postId = await makePost(b, b.people.editor.client, { ...fields, intent: "submit" });
    expect((await b.people.approver.client.post(postPage(b, postId), { intent: "approve" })).status).toBe(200);
    expect((await postState(postId)).status).toBe("SCHEDULED");
    const edit = editorForm(b, { ...fields, intent: "save", extra: { campaignTag: "winter" } });
    expect((await b.people.editor.client.post(`${postPage(b, postId)}/edit`, edit)).status).toBe(302);
    const after = await postState(postId);
    expect(after.status).toBe("SCHEDULED");
    expect(after.variants.map((v) => v.status)).toEqual(["SCHEDULED"]);
  });

  it("rolls a post up to published when a person marks its last unknown variant as published", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const postId = await makePost(b, b.people.owner.client, { intent: "schedule", days: 2, variants: [[b.channels.hook.id, `Unknown ${unique("w")}`]] });
    const variantId = (await postState(postId)).variants[0]!.id;
    await prisma.variant.update({ where: { id: variantId }, data: { status: "UNKNOWN" } });
    await prisma.post.update({ where: { id: postId }, data: { status: "FAILED" } });
    const marked = await b.people.editor.client.post(postPage(b, postId), { intent: "mark-published", variantId, url: "https://example.com/p/1" });
    expect(marked.status).toBe(200);
    expect((await postState(postId)).status).toBe("PUBLISHED");
  });

  it("shows no 'draft' on the channels of an approved post, in the calendar or on its page", async () => {
    const b = await brand();
    const postId = await makePost(b, b.people.editor.client, { variants: [[b.channels.hook.id, `Approved ${unique("w")}`]], intent: "submit" });
    await prisma.post.update({ where: { id: postId }, data: { scheduledAt: new Date(Date.now() + 2 * 86_400_000) } });
    await prisma.post.update({ where: { id: postId }, data: { status: "APPROVED" } });
    const html = await (await b.people.editor.client.get(`/w/${b.workspace.slug}?view=list`)).text();
    expect(html).toContain("Hook");
    expect(html).not.toMatch(/Hook(<!-- -->)?: (<!-- -->)?draft/);
    // Nor on the post page: its channel waits for the schedule.
    const page = await (await b.people.editor.client.get(postPage(b, postId))).text();
    expect(page).toMatch(/data-testid="variant-state">not on the schedule yet</);
  });
});

describe("the worker asks the gate again", () => {
  it("holds a scheduled post the plan now blocks, with the reason, and lists it for a person", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const owner = b.people.owner.client;
    const later = await makePost(b, owner, { category: "promotional", intent: "schedule", days: 2, variants: [[b.channels.hook.id, `Sale ends tonight ${unique("w")}`]] });
    // The owner moves it to a few seconds from now, while nothing stands in its way…
    await schedule(b.workspace.id, later, new Date(Date.now() + 4000));
    // …and a promotional post is slotted in before it, straight into the plan.
    const before = new Date(Date.now() - 3_600_000);
    await prisma.post.create({
      data: { workspaceId: b.workspace.id, title: "Slotted in", category: "promotional", scheduledAt: before, variants: { create: { workspaceId: b.workspace.id, channelId: b.channels.hook.id, text: `Another sale ${unique("w")}`, scheduledAt: before } } },
    });
    await waitFor("the worker to hold it", async () => {
      const v = (await postState(later)).variants[0]!;
      return v.failureClass === "held-rules" ? v : undefined;
    }, 30_000);
    expect((await postState(later)).variants[0]!.status).toBe("SCHEDULED");
    expect(receiver.deliveries.size).toBe(0);
    const pause = await owner.get(`/w/${b.workspace.slug}/pause`);
    expect(await pause.text()).toContain("the post now breaks a blocking rule");
  });
});

describe("a save changes only what it says", () => {
  it("takes a scheduled post off the schedule when its time is cleared in the editor", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const fields = { title: unique("Cleared"), days: 3, variants: [[b.channels.hook.id, `Cleared ${unique("w")}`]] as [string, string][] };
    const postId = await makePost(b, b.people.owner.client, { ...fields, intent: "schedule" });
    expect((await postState(postId)).variants.map((v) => v.status)).toEqual(["SCHEDULED"]);
    const cleared = editorForm(b, { ...fields, extra: { date: "", time: "" } });
    expect((await b.people.editor.client.post(`${postPage(b, postId)}/edit`, cleared)).status).toBe(302);
    const after = await postState(postId);
    expect(after.scheduledAt).toBeNull();
    expect(after.status).not.toBe("SCHEDULED");
    expect(after.variants.map((v) => [v.status, v.scheduledAt])).toEqual([["DRAFT", null]]);
  });

  it("leaves a failed variant, and one rescheduled on its own, as they were when nothing they depend on changed", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const owner = b.people.owner.client;
    const fields = { title: unique("Untouched"), days: 2, variants: [[b.channels.hook.id, `One ${unique("w")}`], [b.channels.linkedin.id, `Two ${unique("w")}`]] as [string, string][] };
    const postId = await makePost(b, owner, { ...fields, intent: "schedule" });
    const [hook, linkedin] = await Promise.all([b.channels.hook.id, b.channels.linkedin.id].map((channelId) => prisma.variant.findFirstOrThrow({ where: { postId, channelId }, select: { id: true } })));
    // LinkedIn failed and was given a time of its own; then the hook failed too.
    await prisma.variant.update({ where: { id: linkedin!.id }, data: { status: "FAILED", failureClass: "content" } });
    await prisma.post.update({ where: { id: postId }, data: { status: "FAILED" } });
    const at = `${localDate(b.zone, 3)}T16:45`;
    expect((await owner.post(postPage(b, postId), { intent: "reschedule", variantId: linkedin!.id, at })).status).toBe(200);
    await prisma.variant.update({ where: { id: hook!.id }, data: { status: "FAILED", failureClass: "content" } });
    const before = await postState(postId);
    // A save with the same words, time and details (the title kept) touches neither.
    expect((await owner.post(`${postPage(b, postId)}/edit`, editorForm(b, { ...fields, intent: "save" }))).status).toBe(302);
    const after = await postState(postId);
    expect(after.variants.map((v) => [v.status, v.scheduledAt?.toISOString(), v.failureClass])).toEqual(before.variants.map((v) => [v.status, v.scheduledAt?.toISOString(), v.failureClass]));
    expect(after.revision).toBe(before.revision);
  });

  it("refuses an approval given on words that changed since the approver saw them — in the app and on a share link", async () => {
    const b = await brand({ approvalsRequired: 1 });
    const editor = b.people.editor.client;
    const fields = { title: unique("Stale"), days: 4, variants: [[b.channels.hook.id, `First words ${unique("w")}`]] as [string, string][] };
    const postId = await makePost(b, editor, { ...fields, intent: "submit" });
    const seen = (await postState(postId)).revision;
    const token = await shareLink(b, b.people.owner.client);
    // The editor rewrites the post after the approver and the client opened it.
    const rewritten = editorForm(b, { ...fields, variants: [[b.channels.hook.id, `Second words ${unique("w")}`]] });
    expect((await editor.post(`${postPage(b, postId)}/edit`, rewritten)).status).toBe(302);
    expect((await postState(postId)).revision).toBeGreaterThan(seen);
    const approver = await b.people.approver.client.post(postPage(b, postId), { intent: "approve", revision: String(seen) });
    expect(approver.status).toBe(409);
    const viaQueue = await b.people.approver.client.post(`/w/${b.workspace.slug}/review`, { intent: "approve", postId, revision: String(seen) });
    expect(viaQueue.status).toBe(409);
    const viaLink = await new Client().post(`/share/${token}`, { postId, decision: "approve", name: "Klient", revision: String(seen) });
    expect(viaLink.status).toBe(409);
    expect((await postState(postId)).status).toBe("IN_REVIEW");
    // On the words as they are now, the same approval counts.
    const current = (await postState(postId)).revision;
    expect((await b.people.approver.client.post(postPage(b, postId), { intent: "approve", revision: String(current) })).status).toBe(200);
    expect((await postState(postId)).status).toBe("SCHEDULED");
  });

  it("shows in the editor only the buttons the gate would let this person use", async () => {
    const b = await brand({ approvalsRequired: 1, editorsMaySchedule: false });
    const editor = b.people.editor.client;
    const buttonsOf = async (client: Client, path: string) => [...(await (await client.get(path)).text()).matchAll(/name="intent" value="(save|submit|schedule)"/g)].map((m) => m[1]);
    expect(await buttonsOf(editor, `/w/${b.workspace.slug}/posts/new`)).toEqual(["save", "submit"]);
    expect(await buttonsOf(b.people.owner.client, `/w/${b.workspace.slug}/posts/new`)).toEqual(["save", "submit", "schedule"]);
    const postId = await makePost(b, editor, { variants: [[b.channels.hook.id, `In review ${unique("w")}`]], intent: "submit" });
    // In review and not yet approved: nothing to submit, and this editor may not schedule it.
    expect(await buttonsOf(editor, `${postPage(b, postId)}/edit`)).toEqual(["save"]);
    expect((await b.people.approver.client.post(postPage(b, postId), { intent: "approve" })).status).toBe(200);
    expect((await postState(postId)).status).toBe("SCHEDULED");
    expect(await buttonsOf(editor, `${postPage(b, postId)}/edit`)).toEqual(["save"]);
  });

  it("keeps a variant the worker held for a person held through a time-zone change", async () => {
    const b = await brand({ approvalsRequired: 0 });
    const postId = await makePost(b, b.people.owner.client, { intent: "schedule", days: 3, variants: [[b.channels.hook.id, `Held ${unique("w")}`]] });
    const variantId = (await postState(postId)).variants[0]!.id;
    await prisma.variant.update({ where: { id: variantId }, data: { failureClass: "held-rules", lastError: "The post now breaks a blocking rule." } });
    const before = (await postState(postId)).variants[0]!;
    const changed = await b.people.owner.client.post(`/w/${b.workspace.slug}/settings/time-zone`, { zone: "America/New_York", mode: "keep-local" });
    expect(changed.status).toBeLessThan(400);
    const after = (await postState(postId)).variants[0]!;
    expect(after.scheduledAt!.getTime()).not.toBe(before.scheduledAt!.getTime());
    expect([after.status, after.failureClass]).toEqual(["SCHEDULED", "held-rules"]);
  });
});
