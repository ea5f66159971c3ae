// Keeping a connected channel signed in (decision 0034), with four real worker processes
// against the X fake the server's app is registered with: a token that stops working in the
// middle of a burst is refreshed exactly once (X rotates refresh tokens: a second redemption
// would be refused), and every post goes out once; a consent revoked mid-plan holds the
// channel's variants until someone reconnects, and none is lost.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listNeedingAttention } from "~/models/scheduling.server";
import { prisma } from "~/utils/db.server";
import { getPublishQueue } from "~/utils/queues.server";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "../../scripts/worker-command";
import { unique, workspaceWithMember } from "../support/fixtures";
import { publishNow, schedule } from "../support/gate";
import { connectX } from "../support/oauth-connect";
import { type Started, startProcess, stop, waitFor } from "../support/processes";

const fake = (path: string) => fetch(`${inject("networkFakes").x}${path}`, { method: path === "/__fake/tweets" ? "GET" : "POST" }).then((r) => r.json());
const stats = () => fake("/__fake/stats") as Promise<{ refreshes: number; refused: number }>;

// Three more workers beside the run's own: four processes claim and send.
let extra: Started[] = [];
beforeAll(async () => {
  // Few database connections each: the machine's PostgreSQL is shared (max_connections 100).
  const env = { ...inject("testEnv"), ...inject("networkEnv"), APP_URL: inject("baseUrl"), LOG_LEVEL: "info", DATABASE_POOL_SIZE: "3" };
  extra = [1, 2, 3].map(() => startProcess(WORKER_BUNDLE, env, [], true, WORKER_NODE_FLAGS));
  await waitFor("the extra workers", async () => (extra.every((w) => w.output().includes("worker started")) ? true : undefined), 60_000).catch(() => {
    throw new Error(extra.map((w) => w.output()).join("\n---\n"));
  });
});
afterAll(async () => {
  await Promise.all(extra.map((w) => stop(w.child)));
  await getPublishQueue().close();
});

/** A connected X channel, its budget wide enough for a burst. */
async function connectedChannel() {
  const member = await workspaceWithMember();
  await connectX(member.client, member.workspace.slug);
  const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: member.workspace.id }, select: { id: true, settings: true } });
  await prisma.channel.update({ where: { id: channel.id }, data: { settings: { ...(channel.settings as object), rateLimit: { posts: 10_000, seconds: 60 }, timeoutMs: 10_000 } } });
  return { ...member, channelId: channel.id };
}

async function plan(workspaceId: string, channelId: string, count: number, at: (i: number) => Date) {
  const marker = unique("burst");
  const posts = [];
  for (let i = 0; i < count; i += 25) {
    posts.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(25, count - i) }, (_, j) =>
          prisma.post.create({
            data: { workspaceId, title: `${marker} ${i + j}`, category: "news", variants: { create: { workspaceId, channelId, text: `${marker} number ${i + j} of the plan` } } },
            select: { id: true, variants: { select: { id: true } } },
          }),
        ),
      )),
    );
  }
  // Times are read when scheduling, after the posts exist.
  return { marker, posts: posts.map((p, i) => ({ postId: p.id, variantId: p.variants[0]!.id, get at() { return at(i); } })) };
}

// A few at a time: the gate's transactions must not queue behind each other on a busy machine.
async function scheduleAll(workspaceId: string, posts: { postId: string; at: Date }[]) {
  for (let i = 0; i < posts.length; i += 4) await Promise.all(posts.slice(i, i + 4).map((p) => schedule(workspaceId, p.postId, p.at)));
}

describe("a token that stops working during a burst", () => {
  it("is refreshed once across four workers: 200 posts, 0 failures, 0 duplicates", { timeout: 180_000 }, async () => {
    const { workspace, channelId } = await connectedChannel();
    const before = await stats();
    let base = 0;
    // 200 posts over 4 s; the access token stops working 1.5 s in.
    const { marker, posts } = await plan(workspace.id, channelId, 200, (i) => new Date(base + (i % 40) * 100));
    base = Date.now() + 60_000;
    await scheduleAll(workspace.id, posts);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, base + 1500 - Date.now())));
    await fake("/__fake/expire-access-tokens");

    const variants = await waitFor("200 variants to settle", async () => {
      const rows = await prisma.variant.findMany({ where: { channelId }, select: { status: true, failureClass: true, lastError: true } });
      return rows.every((v) => ["PUBLISHED", "FAILED", "UNKNOWN"].includes(v.status)) ? rows : undefined;
    }, 120_000);
    const statuses = variants.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v.status]: (counts[v.status] ?? 0) + 1 }), {});
    expect(statuses, JSON.stringify(variants.filter((v) => v.status !== "PUBLISHED").slice(0, 3))).toEqual({ PUBLISHED: 200 });
    const after = await stats();
    expect(Date.now()).toBeGreaterThan(base);
    expect(after.refreshes - before.refreshes).toBe(1);
    expect(after.refused - before.refused).toBe(0);
    const tweets = ((await fake("/__fake/tweets")) as string[]).filter((text) => text.startsWith(marker));
    expect(tweets).toHaveLength(200);
    expect(new Set(tweets).size).toBe(200);
    const channel = await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { credentialsVersion: true, needsReconnect: true } });
    expect(channel).toEqual({ credentialsVersion: 1, needsReconnect: false });
    console.log(`burst: 200 published, refreshes ${after.refreshes - before.refreshes}, duplicates ${tweets.length - new Set(tweets).size}`);
  });
});

describe("a consent revoked in the middle of a plan", () => {
  it("holds the channel's variants, says so, and after reconnecting publishes them: 0 lost", { timeout: 120_000 }, async () => {
    const { workspace, client, channelId } = await connectedChannel();
    const soon = Date.now() + 12_000;
    const later = soon + 30_000;
    const { marker, posts } = await plan(workspace.id, channelId, 6, (i) => new Date(i < 3 ? soon + i * 200 : later + i * 200));
    await scheduleAll(workspace.id, posts);
    await fake("/__fake/revoke-consent");

    await waitFor("the channel to need reconnecting and its variants to wait", async () => {
      const rows = await prisma.variant.findMany({ where: { channelId }, select: { status: true, failureClass: true } });
      return rows.every((v) => v.status === "SCHEDULED" && v.failureClass === "needs-reconnect") ? true : undefined;
    }, 40_000);
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { needsReconnect: true } })).toEqual({ needsReconnect: true });
    expect(await (await client.get(`/w/${workspace.slug}/channels`)).text()).toContain("needs reconnecting");
    expect(await (await client.get(`/w/${workspace.slug}/posts/${posts[3]!.postId}`)).text()).toContain("held: the channel needs reconnecting");
    // The owners are told, once.
    await waitFor("the owner to be told", async () => ((await prisma.notification.count({ where: { workspaceId: workspace.id, kind: "channel-needs-reconnect" } })) > 0 ? true : undefined), 20_000);
    expect(await prisma.notificationEvent.count({ where: { workspaceId: workspace.id, kind: "channel-needs-reconnect" } })).toBe(1);

    await connectX(client, workspace.slug, channelId);
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { needsReconnect: true, credentialsVersion: true } })).toEqual({ needsReconnect: false, credentialsVersion: 1 });
    // Those whose time passed meanwhile wait for a person, listed as overdue; the rest go out at their time.
    const overdue = await listNeedingAttention(workspace.id);
    expect(overdue.map((v) => v.id).sort()).toEqual(posts.slice(0, 3).map((p) => p.variantId).sort());
    for (const p of posts.slice(0, 3)) await publishNow(workspace.id, p.postId, p.variantId);

    const rows = await waitFor("all six to be published", async () => {
      const found = await prisma.variant.findMany({ where: { channelId }, select: { status: true, publishedAt: true, scheduledAt: true } });
      return found.every((v) => v.status === "PUBLISHED") ? found : undefined;
    }, 60_000);
    expect(rows).toHaveLength(6);
    const tweets = ((await fake("/__fake/tweets")) as string[]).filter((text) => text.startsWith(marker));
    expect(tweets).toHaveLength(6);
  });
});
