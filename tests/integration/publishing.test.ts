// The worker publishing for real: this run's worker process, PostgreSQL, Redis and the
// fake networks. Each test plans its own post and watches the variant row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNeedingAttention, pauseWorkspace, resumeWorkspace } from "~/models/scheduling.server";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { enqueuePublish, getPublishQueue, publishJobId } from "~/utils/queues.server";
import { createLogger } from "~/utils/logger.server";
import { sweep } from "../../workers/sweeper";
import { BLUESKY_LOGIN, startBluesky } from "../fakes/bluesky";
import { MASTODON_TOKEN, startMastodon } from "../fakes/mastodon";
import { X_TOKEN, startX } from "../fakes/x";
import { createUser, createWorkspace, unique } from "../support/fixtures";
import { cancel, publishNow, schedule, unschedule } from "../support/gate";
import { waitFor } from "../support/processes";

let mastodon: Awaited<ReturnType<typeof startMastodon>>;
let pds: Awaited<ReturnType<typeof startBluesky>>;
let xApi: Awaited<ReturnType<typeof startX>>;
beforeAll(async () => {
  [mastodon, pds, xApi] = await Promise.all([startMastodon(), startBluesky(), startX()]);
});
afterAll(async () => {
  await Promise.all([mastodon.close(), pds.close(), xApi.close()]);
  await getPublishQueue().close();
});

const logger = createLogger("test", "silent");

const channelData = {
  mastodon: (characterLimit?: number) => ({ name: "Mastodon", settings: { instanceUrl: mastodon.url, timeoutMs: 800, characterLimit }, credentials: encrypt(JSON.stringify({ token: MASTODON_TOKEN })) }),
  bluesky: () => ({ name: "Bluesky", settings: { service: pds.url, timeoutMs: 800 }, credentials: encrypt(JSON.stringify(BLUESKY_LOGIN)) }),
  x: () => ({ name: "X", settings: { apiBase: xApi.url, timeoutMs: 800 }, credentials: encrypt(JSON.stringify({ token: X_TOKEN })) }),
};

async function planned(network: keyof typeof channelData, inMs: number, text = `Post ${unique("t")}`, characterLimit?: number) {
  const workspace = await createWorkspace();
  const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network, ...channelData[network](characterLimit) }, select: { id: true } });
  const at = new Date(Date.now() + inMs);
  const post = await prisma.post.create({
    data: { workspaceId: workspace.id, title: text.slice(0, 100), category: "news", scheduledAt: at, variants: { create: { workspaceId: workspace.id, channelId: channel.id, text, scheduledAt: at } } },
    select: { id: true, variants: { select: { id: true } } },
  });
  return { workspace, postId: post.id, variantId: post.variants[0]!.id, text, at };
}

const variant = (id: string) => prisma.variant.findUniqueOrThrow({ where: { id } });
const settled = (id: string, timeoutMs = 20_000) =>
  waitFor(`variant ${id} to settle`, async () => {
    const v = await variant(id);
    return ["PUBLISHED", "FAILED", "UNKNOWN"].includes(v.status) ? v : undefined;
  }, timeoutMs);
const tootsWith = (text: string) => [...mastodon.statuses.values()].filter((s) => String(s.content).includes(text));

describe("publishing", () => {
  it("publishes on time, once, and stores the post's id and URL", async () => {
    const plan = await planned("mastodon", 3000);
    await schedule(plan.workspace.id, plan.postId);
    const done = await settled(plan.variantId);
    expect(done).toMatchObject({ status: "PUBLISHED", attempts: 1, externalUrl: expect.stringMatching(/\/@rytm\/\d+$/) });
    expect(done.publishedAt!.getTime()).toBeGreaterThanOrEqual(plan.at.getTime());
    expect(tootsWith(plan.text)).toHaveLength(1);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: plan.postId } })).status).toBe("PUBLISHED");
  });

  it("reschedules: the old job does nothing, the new time counts", async () => {
    const plan = await planned("mastodon", 60_000);
    await schedule(plan.workspace.id, plan.postId);
    const moved = new Date(Date.now() + 1000);
    await schedule(plan.workspace.id, plan.postId, moved);
    const done = await settled(plan.variantId);
    expect(done).toMatchObject({ status: "PUBLISHED", scheduleVersion: 2 });
    expect(done.publishedAt!.getTime()).toBeLessThan(moved.getTime() + 10_000);
    expect(tootsWith(plan.text)).toHaveLength(1);
  });

  it("cancels: nothing goes out", async () => {
    const plan = await planned("mastodon", 2500);
    await schedule(plan.workspace.id, plan.postId);
    await cancel(plan.workspace.id, plan.postId);
    await new Promise((r) => setTimeout(r, 3500));
    expect((await variant(plan.variantId)).status).toBe("CANCELLED");
    expect(tootsWith(plan.text)).toHaveLength(0);
  });

  it("honours a pause at the moment the job runs, and lists what is overdue on resume instead of sending it", async () => {
    const plan = await planned("mastodon", 2500);
    const owner = await createUser();
    await schedule(plan.workspace.id, plan.postId);
    await pauseWorkspace(plan.workspace.id, owner.id, "Crisis: a product recall");
    await waitFor("the variant to be held", async () => ((await variant(plan.variantId)).failureClass === "paused" ? true : undefined));
    const overdue = await resumeWorkspace(plan.workspace.id, owner.id);
    expect(overdue.map((v) => v.id)).toEqual([plan.variantId]);
    await sweep(logger);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await variant(plan.variantId)).status).toBe("SCHEDULED");
    expect(tootsWith(plan.text)).toHaveLength(0);
    expect((await listNeedingAttention(plan.workspace.id)).map((v) => v.id)).toEqual([plan.variantId]);
    // A person decides to publish it now.
    await publishNow(plan.workspace.id, plan.postId, plan.variantId);
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED" });
  });

  it("claims a moment before the time, sends at the time, and still holds a post paused in between", async () => {
    const onTime = await planned("mastodon", 3000);
    await schedule(onTime.workspace.id, onTime.postId);
    await settled(onTime.variantId);
    const arrival = mastodon.requests.find((r) => String(r.json().status).includes(onTime.text))!.receivedAt;
    expect(arrival).toBeGreaterThanOrEqual(onTime.at.getTime());

    const plan = await planned("mastodon", 3000);
    const owner = await createUser();
    await schedule(plan.workspace.id, plan.postId);
    await waitFor("the early claim", async () => ((await variant(plan.variantId)).status === "PUBLISHING" ? true : undefined), 6000);
    expect(Date.now()).toBeLessThan(plan.at.getTime());
    await pauseWorkspace(plan.workspace.id, owner.id, "Crisis: a last-minute correction");
    await waitFor("the variant to be held", async () => ((await variant(plan.variantId)).failureClass === "paused" ? true : undefined));
    expect(await variant(plan.variantId)).toMatchObject({ status: "SCHEDULED", attempts: 0, attemptId: null });
    await new Promise((r) => setTimeout(r, 500));
    expect(tootsWith(plan.text)).toHaveLength(0);
  });

  it("retries a rate limit after the network's reset, then publishes", async () => {
    const plan = await planned("mastodon", 2000);
    mastodon.queue("/api/v1/statuses", { status: 429, body: { error: "Too many requests" }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": new Date(Date.now() + 2500).toISOString() } });
    await schedule(plan.workspace.id, plan.postId);
    const done = await settled(plan.variantId);
    expect(done).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    expect(tootsWith(plan.text)).toHaveLength(1);
  });

  it("fails a rejected post at once, with the network's reason", async () => {
    // Rytm believes the instance takes 1,000 characters; the instance itself says 500.
    const plan = await planned("mastodon", 2000, "x".repeat(600), 1000);
    await schedule(plan.workspace.id, plan.postId);
    expect(await settled(plan.variantId)).toMatchObject({ status: "FAILED", failureClass: "content", attempts: 1, lastError: expect.stringContaining("character limit of 500") });
  });

  it("settles a Mastodon timeout by sending again under the same Idempotency-Key: one post", async () => {
    const plan = await planned("mastodon", 2000);
    mastodon.queue("/api/v1/statuses", { status: 503, delayMs: 2000 });
    const before = mastodon.requests.length;
    await schedule(plan.workspace.id, plan.postId);
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    const sent = mastodon.requests.slice(before).map((r) => r.headers["idempotency-key"]);
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(1);
    expect(tootsWith(plan.text)).toHaveLength(1);
  });

  it("never retries blindly once the network has forgotten the key: UNKNOWN, for a person", async () => {
    const plan = await planned("mastodon", 3000);
    await schedule(plan.workspace.id, plan.postId);
    // An earlier attempt of this schedule went out two hours ago, beyond Mastodon's one-hour memory.
    await prisma.variant.update({ where: { id: plan.variantId }, data: { firstAttemptAt: new Date(Date.now() - 2 * 3600_000) } });
    mastodon.queue("/api/v1/statuses", { status: 503, delayMs: 2000 });
    const before = mastodon.requests.length;
    expect(await settled(plan.variantId)).toMatchObject({ status: "UNKNOWN", lastError: expect.stringMatching(/^Did this go out\?/) });
    expect(mastodon.requests.length - before).toBe(1);
  });

  it("settles a Bluesky timeout by reading the record back: published once", async () => {
    const plan = await planned("bluesky", 2000);
    await schedule(plan.workspace.id, plan.postId);
    const { publishKey } = await variant(plan.variantId);
    pds.queue("/xrpc/com.atproto.repo.createRecord", { status: 200, body: { uri: "late" }, delayMs: 2000 });
    // The fake answers late without storing; store the record as a PDS that did the work would.
    pds.records.set(publishKey!, { text: plan.text });
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED", externalUrl: `https://bsky.app/profile/did:plc:rytmtest/post/${publishKey}` });
  });

  it("settles an X 5xx that came after the post was created by reading the account's posts back: one post", async () => {
    const plan = await planned("x", 2000);
    xApi.queue("POST /2/tweets", { afterHandling: true, status: 503, body: { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 } });
    await schedule(plan.workspace.id, plan.postId);
    const done = await settled(plan.variantId);
    const ids = [...xApi.tweets].filter(([, text]) => text === plan.text).map(([id]) => id);
    expect(ids).toHaveLength(1);
    expect(done).toMatchObject({ status: "PUBLISHED", attempts: 1, externalId: ids[0] });
  });

  it("publishes once however many jobs run for the same variant", async () => {
    const plan = await planned("mastodon", 60_000);
    await schedule(plan.workspace.id, plan.postId, new Date(Date.now() + 500));
    const { scheduleVersion } = await variant(plan.variantId);
    const queue = getPublishQueue();
    await Promise.all(Array.from({ length: 8 }, (_, i) => queue.add({ variantId: plan.variantId, version: scheduleVersion }, { jobId: `duplicate-${plan.variantId}-${i}`, delay: 500 })));
    await settled(plan.variantId);
    await new Promise((r) => setTimeout(r, 1000));
    expect(tootsWith(plan.text)).toHaveLength(1);
  });
});

describe("the sweeper", () => {
  it("re-creates a due job that Redis lost", async () => {
    const plan = await planned("mastodon", 60_000);
    await schedule(plan.workspace.id, plan.postId, new Date(Date.now() + 30_000));
    const { scheduleVersion } = await variant(plan.variantId);
    await (await getPublishQueue().getJob(publishJobId(plan.variantId, scheduleVersion, 0)))!.remove();
    await prisma.variant.update({ where: { id: plan.variantId }, data: { scheduledAt: new Date(Date.now() - 10_000) } });
    expect((await sweep(logger)).requeued).toBeGreaterThanOrEqual(1);
    expect(await settled(plan.variantId)).toMatchObject({ status: "PUBLISHED" });
  });

  it("asks a person about a variant whose worker died mid-publish, and asks Bluesky itself", async () => {
    const lost = await planned("mastodon", -1000);
    const found = await planned("bluesky", -1000);
    for (const plan of [lost, found]) {
      await prisma.post.update({ where: { id: plan.postId }, data: { status: "SCHEDULED" } });
      await prisma.variant.update({
        where: { id: plan.variantId },
        data: { status: "PUBLISHING", attemptId: "dead-worker", leaseUntil: new Date(Date.now() - 1000), attempts: 1, firstAttemptAt: new Date(Date.now() - 2 * 3600_000), publishKey: plan === found ? "3kabc2defgh2a" : "k" },
      });
    }
    pds.records.set("3kabc2defgh2a", { text: found.text });
    await sweep(logger);
    expect(await variant(lost.variantId)).toMatchObject({ status: "UNKNOWN", lastError: expect.stringContaining("the worker stopped while publishing") });
    expect(await variant(found.variantId)).toMatchObject({ status: "PUBLISHED" });
  });

  it("reads X back for a variant whose worker died mid-publish: published if the post is there, retried if not", async () => {
    const there = await planned("x", -1000);
    const absent = await planned("x", -1000);
    // Both were on the schedule (cleared by the gate) when their worker died.
    for (const plan of [there, absent]) {
      await prisma.post.update({ where: { id: plan.postId }, data: { status: "SCHEDULED" } });
      await prisma.variant.update({ where: { id: plan.variantId }, data: { status: "PUBLISHING", attemptId: "dead-worker", leaseUntil: new Date(Date.now() - 1000), attempts: 1, firstAttemptAt: new Date(Date.now() - 60_000) } });
    }
    xApi.tweets.set("1999", there.text);
    xApi.createdAt.set("1999", Date.now() - 30_000);
    await sweep(logger);
    expect(await variant(there.variantId)).toMatchObject({ status: "PUBLISHED", externalId: "1999" });
    expect(await settled(absent.variantId)).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    expect([...xApi.tweets.values()].filter((text) => text === there.text || text === absent.text)).toHaveLength(2);
  });

  it("does not enqueue anything twice for a job that is still waiting", async () => {
    const plan = await planned("mastodon", 60_000);
    await schedule(plan.workspace.id, plan.postId, new Date(Date.now() + 20_000));
    await prisma.variant.update({ where: { id: plan.variantId }, data: { scheduledAt: new Date(Date.now() + 20_000) } });
    const before = await getPublishQueue().getDelayedCount();
    await enqueuePublish(plan.variantId, 1, 0, new Date(Date.now() + 20_000));
    expect(await getPublishQueue().getDelayedCount()).toBe(before);
    await unschedule(plan.workspace.id, plan.postId);
  });
});

describe("channel posting limits", () => {
  it("make a variant wait for room in the channel's window instead of bursting past it", async () => {
    const first = await planned("mastodon", 2000);
    await prisma.channel.updateMany({ where: { workspaceId: first.workspace.id }, data: { settings: { instanceUrl: mastodon.url, timeoutMs: 800, rateLimit: { posts: 1, seconds: 3 } } } });
    const { channelId } = await variant(first.variantId);
    const second = await prisma.post.create({
      data: { workspaceId: first.workspace.id, title: "second", category: "news", scheduledAt: first.at, variants: { create: { workspaceId: first.workspace.id, channelId, text: `${first.text} again`, scheduledAt: first.at } } },
      select: { id: true, variants: { select: { id: true } } },
    });
    await schedule(first.workspace.id, first.postId);
    await schedule(first.workspace.id, second.id);
    const [a, b] = [await settled(first.variantId), await settled(second.variants[0]!.id)].sort((x, y) => x.publishedAt!.getTime() - y.publishedAt!.getTime());
    expect(a!.status).toBe("PUBLISHED");
    expect(b!.status).toBe("PUBLISHED");
    expect(b!.attempts).toBe(1);
    expect(b!.publishedAt!.getTime() - a!.publishedAt!.getTime()).toBeGreaterThanOrEqual(2000);
  });
});

describe("transient server errors", () => {
  it("are retried with backoff until the post goes out", async () => {
    const plan = await planned("mastodon", 2000);
    mastodon.queue("/api/v1/statuses", { status: 503, body: { error: "There was a temporary problem serving your request, please try again" } });
    await schedule(plan.workspace.id, plan.postId);
    const done = await settled(plan.variantId);
    expect(done).toMatchObject({ status: "PUBLISHED", attempts: 2 });
    expect(tootsWith(plan.text)).toHaveLength(1);
  });
});
