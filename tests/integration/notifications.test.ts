// Notifications end to end on the real server and worker (decision 0032): who hears of what,
// in the bell and by mail, never twice; deadlines; digests; unsubscribing; team chat; and
// that nobody reads or marks another person's notices.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanOutBatch, fanOutPending } from "~/models/notification-fanout.server";
import { notify } from "~/models/notification-events.server";
import { sendDueDigests, watchDeadlines } from "~/models/notification-watch.server";
import { prisma } from "~/utils/db.server";
import { enqueueMailDelivery } from "~/utils/queues.server";
import { startFake, type Fake } from "../fakes/http-fake";
import { addMember, createUser, createWorkspace, signedIn, unique } from "../support/fixtures";
import { schedule } from "../support/gate";
import { Client } from "../support/http-client";
import { mailsTo, waitForMail } from "../support/mailbox";
import { waitFor } from "../support/processes";

type Person = Awaited<ReturnType<typeof createUser>>;
let workspace: Awaited<ReturnType<typeof createWorkspace>>;
let owner: Person, editor: Person, approver: Person, viewer: Person;
let chat: Fake;

const noticesOf = (userId: string, kind?: string) => prisma.notification.findMany({ where: { userId, workspaceId: workspace.id, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
const waitForNotice = (userId: string, kind: string, postId?: string) =>
  waitFor(`${kind} for ${userId}`, async () => (await noticesOf(userId, kind)).find((n) => !postId || n.postId === postId), 20_000);

async function draft(title = unique("Post"), at = new Date(Date.now() + 3 * 86_400_000)) {
  const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true } });
  return prisma.post.create({
    data: { workspaceId: workspace.id, authorId: editor.id, title, category: "educational", scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: `${title}, a text of its own`, scheduledAt: at } } },
    select: { id: true, title: true },
  });
}

beforeAll(async () => {
  chat = await startFake(() => ({ status: 200, body: "ok" }));
  workspace = await createWorkspace(unique("notify"), "Europe/Warsaw");
  [owner, editor, approver, viewer] = await Promise.all([createUser(unique("owner")), createUser(unique("editor")), createUser(unique("approver")), createUser(unique("viewer"))]);
  await addMember(workspace.id, owner.id, "OWNER");
  await addMember(workspace.id, editor.id, "EDITOR");
  await addMember(workspace.id, approver.id, "APPROVER");
  await addMember(workspace.id, viewer.id, "VIEWER");
  await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: "Notify Mastodon" } });
  const ownerClient = await signedIn(owner);
  expect((await ownerClient.post(`/w/${workspace.slug}/settings`, { intent: "chat", url: `${chat.url}/hook`, format: "slack" })).status).toBe(200);
});

afterAll(async () => {
  await chat.close();
});

describe("the approval workflow tells people", () => {
  it("a submitted post reaches the approvers in the bell and by mail (absolute link, List-Unsubscribe), not the viewer or the author; the decision reaches the author", async () => {
    const post = await draft("Spring opening");
    const editorClient = await signedIn(editor);
    expect((await editorClient.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" })).status).toBe(200);
    for (const person of [owner, approver]) await waitForNotice(person.id, "review-requested", post.id);
    const mail = await waitForMail(approver.email);
    expect(mail.subject).toContain("Spring opening");
    expect(mail.text).toContain(`${baseUrl()}/w/${workspace.slug}/posts/${post.id}`);
    expect(mail.html).toContain(`href="${baseUrl()}/w/${workspace.slug}/posts/${post.id}"`);
    expect(mail.listUnsubscribe).toMatch(/List-Unsubscribe:\s+<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/u\./);
    expect(mail.listUnsubscribe).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(await noticesOf(viewer.id)).toEqual([]);
    expect(await noticesOf(editor.id, "review-requested")).toEqual([]);

    // The activity log has the submission as a step of its own.
    expect(await prisma.auditEvent.count({ where: { targetId: post.id, action: "post.submit" } })).toBe(1);

    const approverClient = await signedIn(approver);
    const approved = await approverClient.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "approve" });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("Approved. It goes out");
    const told = await waitForNotice(editor.id, "approved", post.id);
    expect(told.mail).toBe("NOW");
    expect((await waitForMail(editor.email)).subject).toContain("approved “Spring opening”");
    // The team chat heard the same, once per event.
    await waitFor("chat messages", async () => (chat.requests.some((r) => String(r.json().text).includes("Spring opening")) ? true : undefined));
    expect(String(chat.requests.find((r) => String(r.json().text).includes("awaits your approval"))!.json().text)).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/w\/[^|]+\|Open>$/);
  });

  it("a request for changes reaches the author with the approver's words", async () => {
    const post = await draft("Museum night");
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" });
    const response = await (await signedIn(approver)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "request-changes", comment: "Say when the doors open." });
    expect(await response.text()).toContain("Changes requested. The author is told.");
    const notice = await waitForNotice(editor.id, "changes-requested", post.id);
    expect(notice.data).toMatchObject({ comment: "Say when the doors open.", title: "Museum night" });
  });

  it("an @mention in a comment tells the member named, once", async () => {
    const post = await draft("Mentioned");
    const name = approver.name;
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "comment", comment: `@${name} could you look at the photo?` });
    await waitForNotice(approver.id, "mention", post.id);
    expect((await noticesOf(owner.id, "mention")).filter((n) => n.postId === post.id)).toEqual([]);
  });

  it("a publish that fails reaches the author and the owners by e-mail", async () => {
    const post = await draft("Doomed", new Date(Date.now() + 2_500));
    await prisma.channel.updateMany({ where: { workspaceId: workspace.id }, data: { enabled: false } });
    try {
      await schedule(workspace.id, post.id);
      await waitForNotice(owner.id, "publish-failed", post.id);
      await waitForNotice(editor.id, "publish-failed", post.id);
      const mail = await waitFor("the owner's failure mail", async () => (await mailsTo(owner.email)).find((m) => m.subject.includes("Doomed")), 20_000);
      expect(mail.text).toContain("was not published on Notify Mastodon: The channel is disabled.");
    } finally {
      await prisma.channel.updateMany({ where: { workspaceId: workspace.id }, data: { enabled: true } });
    }
  });

  it("a channel that needs reconnecting tells the owners once per channel state (called directly, as the OAuth work will)", async () => {
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true } });
    expect(await notify(workspace.id, { kind: "channel-needs-reconnect", channelId: channel.id, reason: "The token was revoked." })).toBe(true);
    expect(await notify(workspace.id, { kind: "channel-needs-reconnect", channelId: channel.id, reason: "Again." })).toBe(false);
    const other = await createWorkspace();
    expect(await notify(other.id, { kind: "channel-needs-reconnect", channelId: channel.id })).toBe(false);
    const notice = await waitForNotice(owner.id, "channel-needs-reconnect");
    expect(notice.data).toMatchObject({ channelName: "Notify Mastodon", reason: "The token was revoked." });
    expect(await noticesOf(editor.id, "channel-needs-reconnect")).toEqual([]);
  });
});

describe("never twice", () => {
  it("a fan-out that dies halfway leaves nothing, and fan-outs racing each other make each notice and mail once", async () => {
    const posts = await Promise.all(Array.from({ length: 30 }, () => draft()));
    // Events written straight, then a fan-out that rolls back (a worker killed mid-transaction).
    await prisma.notificationEvent.createMany({
      data: posts.map((p) => ({ key: `test-review:${p.id}`, workspaceId: workspace.id, kind: "review-requested", actorId: editor.id, data: { postId: p.id, title: p.title } })),
    });
    await prisma
      .$transaction(async (tx) => {
        await fanOutBatch(tx);
        throw new Error("killed");
      })
      .catch(() => undefined);
    await Promise.all([fanOutPending(5), fanOutPending(7), fanOutPending()]);
    await waitFor("every event fanned out", async () => ((await prisma.notificationEvent.count({ where: { key: { startsWith: "test-review:" }, fannedOutAt: null } })) === 0 ? true : undefined));
    const ids = posts.map((p) => p.id);
    const notices = await prisma.notification.groupBy({ by: ["userId", "postId"], where: { postId: { in: ids }, kind: "review-requested" }, _count: true });
    expect(notices).toHaveLength(60);
    expect(notices.every((n) => n._count === 1)).toBe(true);
    const keys = await prisma.outboxMail.groupBy({ by: ["to"], where: { key: { in: (await prisma.notification.findMany({ where: { postId: { in: ids } }, select: { eventId: true, userId: true } })).map((n) => `notify:${n.eventId}:${n.userId}`) } }, _count: true });
    expect(keys.find((k) => k.to === approver.email)?._count).toBe(30);
  });
});

describe("deadlines", () => {
  it("a post whose time passes in review is not published, is listed as expired, and its author and owners are told", async () => {
    const post = await draft("Too late", new Date(Date.now() + 1_500));
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" });
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    // Approving after the time approves without scheduling: nothing can go out late.
    await (await signedIn(approver)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "approve" });
    await watchDeadlines();
    await waitForNotice(editor.id, "approval-expired", post.id);
    await waitForNotice(owner.id, "approval-expired", post.id);
    const stored = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true, variants: { select: { status: true } } } });
    expect(stored.status).toBe("APPROVED");
    expect(stored.variants.map((v) => v.status)).toEqual(["DRAFT"]);
    const page = await (await signedIn(editor)).get(`/w/${workspace.slug}/expired`);
    expect(await page.text()).toContain("Too late");

    // Rescheduled from the list: it goes back on the schedule in one step.
    const tomorrow = DateTime.now().setZone("Europe/Warsaw").plus({ days: 1 });
    const rescheduled = await (await signedIn(owner)).post(`/w/${workspace.slug}/expired`, { intent: "reschedule", postId: post.id, date: tomorrow.toISODate()!, time: "10:00" });
    expect(rescheduled.status).toBe(200);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true } })).status).toBe("SCHEDULED");
    // Watching again tells nobody twice.
    await watchDeadlines();
    await fanOutPending();
    expect((await noticesOf(editor.id, "approval-expired")).filter((n) => n.postId === post.id)).toHaveLength(1);
  });

  it("approvers who have not approved are reminded once within the workspace's lead; the post shows its deadline", async () => {
    const post = await draft("Soon", new Date(Date.now() + 2 * 3_600_000));
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" });
    await watchDeadlines();
    await watchDeadlines();
    await waitForNotice(approver.id, "approval-reminder", post.id);
    await fanOutPending();
    expect((await noticesOf(approver.id, "approval-reminder")).filter((n) => n.postId === post.id)).toHaveLength(1);
    expect(await (await (await signedIn(approver)).get(`/w/${workspace.slug}/posts/${post.id}`)).text()).toContain("Needs approval by");
  });
});

describe("preferences, digests and unsubscribing", () => {
  it("'nothing' tells nothing; 'digest' waits for one daily mail; an unsubscribe link stops that kind's mail", async () => {
    const person = await createUser(unique("prefs"));
    await addMember(workspace.id, person.id, "APPROVER");
    const client = await signedIn(person);
    const form = { digestHour: "0", timeZone: "UTC", "kind.review-requested": "digest", "kind.mention": "off" } as Record<string, string>;
    for (const kind of ["approved", "changes-requested", "client-decision", "publish-failed", "publish-unknown", "publish-held", "channel-needs-reconnect", "publishing-paused", "publishing-resumed", "approval-reminder", "approval-expired"]) form[`kind.${kind}`] = "email";
    expect((await client.post("/account/notifications", form)).status).toBe(200);
    expect((await client.post("/account/notifications", { ...form, digestHour: "25" })).status).toBe(400);

    const post = await draft("Digest me");
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" });
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "comment", comment: `@${person.name} hello` });
    const notice = await waitForNotice(person.id, "review-requested", post.id);
    expect(notice.mail).toBe("DIGEST");
    await fanOutPending();
    expect(await noticesOf(person.id, "mention")).toEqual([]);
    expect(await mailsTo(person.email)).toEqual([]);
    // The digest's mail is queued by whoever made it (this test or the worker's sweep), once.
    for (const id of [...(await sendDueDigests()), ...(await sendDueDigests())]) await enqueueMailDelivery(id, 0);
    const digest = await waitForMail(person.email);
    expect(digest.subject).toMatch(/^Rytm: \d+ notifications? from the last day$/);
    expect(digest.text).toContain("“Digest me” awaits your approval");
    expect(await prisma.outboxMail.count({ where: { to: person.email } })).toBe(1);

    const path = new URL(digest.listUnsubscribe.match(/<([^>]+)>/)![1]!).pathname;
    const anonymous = new Client();
    expect((await anonymous.get(path)).status).toBe(200);
    expect((await anonymous.post(path, { "List-Unsubscribe": "One-Click" })).status).toBe(200);
    const settings = (await prisma.user.findUniqueOrThrow({ where: { id: person.id }, select: { notificationSettings: true } })).notificationSettings as { kinds: Record<string, string> };
    expect(settings.kinds["review-requested"]).toBe("in-app");
    expect((await anonymous.post(`${path.slice(0, -3)}xyz`, {})).status).toBe(404);
  });
});

describe("whose notices", () => {
  it("a person lists and marks only their own, and only of workspaces they still belong to", async () => {
    const post = await draft("Private");
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "submit" });
    const notice = await waitForNotice(approver.id, "review-requested", post.id);
    const stranger = await signedIn(await createUser(unique("stranger")));
    expect(await (await stranger.get("/notifications")).text()).not.toContain("Private");
    expect((await stranger.post("/notifications", { intent: "read", id: notice.id })).status).toBe(404);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).toBeNull();
    const mine = await signedIn(approver);
    expect(await (await mine.get("/notifications")).text()).toContain("Private");
    expect((await mine.post("/notifications", { intent: "read", id: notice.id })).status).toBe(200);
    expect((await mine.get("/notifications?count")).status).toBe(200);

    const leaver = await createUser(unique("leaver"));
    const membership = await addMember(workspace.id, leaver.id, "APPROVER");
    const later = await draft("After leaving");
    await (await signedIn(editor)).post(`/w/${workspace.slug}/posts/${later.id}`, { intent: "submit" });
    await waitForNotice(leaver.id, "review-requested", later.id);
    await prisma.membership.delete({ where: { id: membership.id } });
    expect(await (await (await signedIn(leaver)).get("/notifications")).text()).not.toContain("After leaving");
  });
});

function baseUrl() {
  return new Client().baseUrl;
}
