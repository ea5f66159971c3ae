// Connecting Meta's networks by signing in, over HTTP against the real server and worker
// (decision 0035): Facebook Login → the person's Pages → a Page channel holding the Page's
// token, encrypted; Instagram professional accounts through their Page; Threads' short-lived
// token exchanged for a long-lived one and renewed with th_refresh_token before it runs out.
// A post published through each new channel (Instagram needs media: up to its channel)
// reaches the fake. And the refusals: another session's or a reused state, a code used
// twice or expired, consent denied or revoked, a role without channel rights, another
// workspace.
import { afterAll, describe, expect, inject, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { decrypt } from "~/utils/encryption.server";
import { getPublishQueue } from "~/utils/queues.server";
import { redis, redisKey } from "~/utils/redis.server";
import { FACEBOOK_PAGE, FACEBOOK_PAGES } from "../fakes/facebook";
import { THREADS_USER } from "../fakes/threads";
import { addMember, createUser, createWorkspace, signedIn, unique, workspaceWithMember } from "../support/fixtures";
import { schedule } from "../support/gate";
import type { Client } from "../support/http-client";
import { pageForms } from "../support/html-forms";
import { callback, consent, start } from "../support/oauth-connect";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "../../scripts/worker-command";
import { startProcess, stop, waitFor } from "../support/processes";

afterAll(() => getPublishQueue().close());

const fakes = () => inject("networkFakes");
/** Reads (what was posted) or steers (stats, revoke, expire, age) the fake, over HTTP. */
const steer = (network: "facebook" | "threads", path: string) => fetch(`${fakes()[network]}${path}`, { method: ["/__fake/posts", "/__fake/threads"].includes(path) ? "GET" : "POST" }).then((r) => r.json());
type Stats = { codes: number; exchanges: number; longLived: number; refreshes: number; refused: number };
const stats = (network: "facebook" | "threads") => steer(network, "/__fake/stats") as Promise<Stats>;

const channelOf = async (workspaceId: string, network: "facebook" | "instagram" | "threads") => {
  const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId, network }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, settings: true, credentials: true, needsReconnect: true, credentialsVersion: true } });
  return { ...channel, sealed: channel.credentials!, credentials: JSON.parse(decrypt(channel.credentials!)) as Record<string, string> };
};

/** Connect → consent → back → pick `account`: the pick page's HTML on the way. */
async function connect(client: Client, slug: string, network: string, account: string) {
  const pick = await callback(client, await consent(await start(client, slug, network)));
  const page = await (await client.get(pick)).text();
  expect((await client.post(pick, { account })).status).toBe(302);
  return page;
}

/** A post with one variant on the channel, scheduled a few seconds ahead; resolves once the worker settled it. */
async function publishThrough(workspaceId: string, channelId: string, text: string) {
  const post = await prisma.post.create({ data: { workspaceId, title: text, category: "news", variants: { create: { workspaceId, channelId, text } } }, select: { id: true, variants: { select: { id: true } } } });
  await schedule(workspaceId, post.id, new Date(Date.now() + 6000));
  return waitFor(`"${text}" to settle`, async () => {
    const variant = await prisma.variant.findUniqueOrThrow({ where: { id: post.variants[0]!.id }, select: { status: true, failureClass: true, lastError: true } });
    return variant.status === "PUBLISHED" || variant.status === "FAILED" || variant.failureClass === "needs-reconnect" ? variant : undefined;
  }, 60_000);
}

describe("connecting a Facebook Page", () => {
  it("signs in with Facebook Login, offers the Pages the person can post on, and keeps the picked Page's token, encrypted", async () => {
    const { workspace, client } = await workspaceWithMember();
    const authorize = new URL(await start(client, workspace.slug, "facebook"));
    expect(authorize.origin).toBe(fakes().facebook);
    expect(authorize.pathname).toBe("/v20.0/dialog/oauth");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${inject("baseUrl")}/oauth/facebook/callback`);
    expect(authorize.searchParams.get("scope")).toBe("pages_show_list,pages_manage_posts,pages_read_engagement");
    expect(authorize.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);

    const pick = await callback(client, await consent(authorize.href));
    expect(pick).toMatch(new RegExp(`^/w/${workspace.slug}/channels/pick/[\\w-]+$`));
    const waiting = await redis().get(redisKey("oauth-pending", pick.split("/").pop()!));
    const page = await (await client.get(pick)).text();
    expect(page).toContain("Rytm Café");
    expect(page).toContain("Rytm Bakery");
    // An analyst's role cannot post: that Page is not offered.
    expect(page).not.toContain("Rytm Fans");
    expect((await client.post(pick, { account: FACEBOOK_PAGE })).status).toBe(302);

    const channel = await channelOf(workspace.id, "facebook");
    expect(channel).toMatchObject({ name: "Rytm Café", settings: { pageId: FACEBOOK_PAGE, apiBase: fakes().facebook }, needsReconnect: false });
    // The Page's own token, which does not expire: nothing to refresh.
    expect(channel.credentials).toEqual({ token: expect.stringMatching(/^page-/), via: "oauth" });
    expect(channel.sealed).not.toContain(channel.credentials.token);
    // While the pick waited, the Page tokens were sealed like the grant.
    expect(waiting).toContain("Rytm Café");
    expect(waiting).not.toContain(channel.credentials.token);
    // Listed with the long-lived user token, the Page token never expires (from a short-lived one it would end within hours).
    const inspected = (await (await fetch(`${fakes().facebook}/debug_token?${new URLSearchParams({ input_token: channel.credentials.token! })}`)).json()) as { data: Record<string, unknown> };
    expect(inspected.data).toMatchObject({ type: "PAGE", is_valid: true, expires_at: 0, profile_id: FACEBOOK_PAGE });
    // The pick is taken once.
    expect((await client.post(pick, { account: FACEBOOK_PAGE })).status).toBe(410);

    const text = unique("Fresh bread at the café");
    const published = await publishThrough(workspace.id, channel.id, text);
    expect(published.status, published.lastError ?? "").toBe("PUBLISHED");
    expect(await steer("facebook", "/__fake/posts")).toContain(text);
  });

  it("refuses a state from another session or used twice, a code used twice or expired, and a denied consent", async () => {
    const { workspace, client, user } = await workspaceWithMember();
    const back = await consent(await start(client, workspace.slug, "facebook"));
    const other = await signedIn(user);
    expect((await other.get(back)).status).toBe(400);
    // Taken by that attempt: the right session cannot use it afterwards either.
    const reused = await client.get(back);
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("started in another browser");

    // A code redeemed once, brought back under a new sign-in's state: Facebook refuses it (#100, subcode 36009).
    const first = await consent(await start(client, workspace.slug, "facebook"));
    await callback(client, first);
    const second = new URL(await consent(await start(client, workspace.slug, "facebook")));
    second.searchParams.set("code", new URL(first).searchParams.get("code")!);
    const before = await stats("facebook");
    const twice = await client.get(`${second.pathname}${second.search}`);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("Facebook refused to finish the sign-in");
    expect((await stats("facebook")).refused - before.refused).toBe(1);

    const late = await consent(await start(client, workspace.slug, "facebook"));
    await steer("facebook", `/__fake/age-codes?code=${new URL(late).searchParams.get("code")}`);
    expect((await client.get(late)).status).toBe(400);

    const denied = await client.get(await consent(await start(client, workspace.slug, "facebook"), "deny"));
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain("Facebook did not give Rytm access.");
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("offers only the Pages the person shared in Facebook's dialog, and says so when none was", async () => {
    const { workspace, client } = await workspaceWithMember();
    const shareOnly = async (pages: string[]) => {
      const authorize = await start(client, workspace.slug, "facebook");
      const form = pageForms(await (await fetch(authorize)).text(), authorize).find((f) => f.fields.some(([name, value]) => name === "decision" && value === "allow"))!;
      const fields = [...form.fields.filter(([name]) => name !== "pages"), ...pages.map((id): [string, string] => ["pages", id])];
      const back = await fetch(new URL(form.action, authorize), { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
      return (await client.get(await callback(client, back.headers.get("location")!))).text();
    };
    const one = await shareOnly([FACEBOOK_PAGES[1].id]);
    expect(one).toContain("Rytm Bakery");
    expect(one).not.toContain("Rytm Café");
    expect(await shareOnly([])).toContain("The consent reached no account Rytm can post as");
  });

  it("lets only those who manage channels connect or pick, and keeps a pick in its workspace", async () => {
    const { workspace, client, user } = await workspaceWithMember();
    for (const role of ["EDITOR", "VIEWER"] as const) {
      const member = await createUser(unique(role.toLowerCase()));
      await addMember(workspace.id, member.id, role);
      const them = await signedIn(member);
      for (const network of ["facebook", "instagram", "threads"]) expect((await them.post(`/w/${workspace.slug}/channels/connect/${network}`, {})).status, `${role} ${network}`).toBe(403);
    }
    const newPick = async () => callback(client, await consent(await start(client, workspace.slug, "facebook")));
    // A Page the consent did not list (one the person cannot post on) cannot be picked.
    expect((await client.post(await newPick(), { account: FACEBOOK_PAGES[2].id })).status).toBe(410);

    const pick = await newPick();
    const editor = await createUser(unique("editor"));
    await addMember(workspace.id, editor.id, "EDITOR");
    expect((await (await signedIn(editor)).post(pick, { account: FACEBOOK_PAGE })).status).toBe(403);
    const elsewhere = await createWorkspace();
    await addMember(elsewhere.id, user.id, "OWNER");
    const foreign = pick.replace(`/w/${workspace.slug}/`, `/w/${elsewhere.slug}/`);
    expect((await client.get(foreign)).status).toBe(410);
    expect((await client.post(foreign, { account: FACEBOOK_PAGE })).status).toBe(410);
    expect(await prisma.channel.count({ where: { workspaceId: { in: [workspace.id, elsewhere.id] } } })).toBe(0);
  });
});

describe("connecting an Instagram professional account", () => {
  it("signs in through Facebook Login and offers the accounts linked to the person's Pages", async () => {
    const { workspace, client } = await workspaceWithMember();
    const authorize = new URL(await start(client, workspace.slug, "instagram"));
    expect(authorize.origin).toBe(fakes().facebook);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${inject("baseUrl")}/oauth/instagram/callback`);
    expect(authorize.searchParams.get("scope")).toBe("instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement");
    const instagram = FACEBOOK_PAGES[0].instagram;
    const page = await connect(client, workspace.slug, "instagram", instagram.id);
    expect(page).toContain(`@${instagram.username}`);
    // Pages without an Instagram account are not offered.
    expect(page).not.toContain("Rytm Bakery");

    const channel = await channelOf(workspace.id, "instagram");
    expect(channel).toMatchObject({ name: `@${instagram.username}`, settings: { userId: instagram.id, apiBase: fakes().facebook } });
    expect(channel.credentials).toEqual({ token: expect.stringMatching(/^page-/), via: "oauth" });
    // It is the linked Page's token, which the Graph API takes for that Page.
    const read = await fetch(`${fakes().facebook}/${FACEBOOK_PAGE}/posts?${new URLSearchParams({ access_token: channel.credentials.token! })}`);
    expect(read.status).toBe(200);
  });
});

describe("a Facebook consent the person revokes", () => {
  it("holds the Page channel's posts until it is reconnected, instead of failing them", async () => {
    const { workspace, client } = await workspaceWithMember();
    await connect(client, workspace.slug, "facebook", FACEBOOK_PAGE);
    const channel = await channelOf(workspace.id, "facebook");
    await steer("facebook", `/__fake/revoke-consent?token=${channel.credentials.token}`);
    const held = await publishThrough(workspace.id, channel.id, unique("After the revocation"));
    expect(held).toMatchObject({ status: "SCHEDULED", failureClass: "needs-reconnect" });
    expect((await channelOf(workspace.id, "facebook")).needsReconnect).toBe(true);
  });
});

describe("connecting Threads", () => {
  it("exchanges the code's short-lived token for a long-lived one, kept encrypted with its expiry, and publishes", async () => {
    const { workspace, client } = await workspaceWithMember();
    const authorize = new URL(await start(client, workspace.slug, "threads"));
    expect(authorize.origin).toBe(fakes().threads);
    expect(authorize.pathname).toBe("/oauth/authorize");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${inject("baseUrl")}/oauth/threads/callback`);
    expect(authorize.searchParams.get("scope")).toBe("threads_basic,threads_content_publish");
    expect(authorize.searchParams.get("response_type")).toBe("code");
    const pick = await callback(client, await consent(authorize.href));
    expect(await (await client.get(pick)).text()).toContain("@rytm");
    expect((await client.post(pick, { account: THREADS_USER })).status).toBe(302);

    const channel = await channelOf(workspace.id, "threads");
    expect(channel).toMatchObject({ name: "@rytm", settings: { userId: THREADS_USER, apiBase: fakes().threads } });
    expect(channel.credentials).toEqual({ token: expect.stringMatching(/^lt-/), expiresAt: expect.any(String), via: "oauth" });
    expect(Date.parse(channel.credentials.expiresAt!) - Date.now()).toBeGreaterThan(59 * 24 * 3600_000);
    // The long-lived token ("lt-"), not the code's hour-long one.
    expect(channel.sealed).not.toContain(channel.credentials.token);

    const text = unique("A thread from the café");
    const published = await publishThrough(workspace.id, channel.id, text);
    expect(published.status, published.lastError ?? "").toBe("PUBLISHED");
    expect(await steer("threads", "/__fake/threads")).toContain(text);
  });

  it("renews a long-lived token with th_refresh_token in the week before it runs out, once, and publishes with the new one", async () => {
    const { workspace, client } = await workspaceWithMember();
    await connect(client, workspace.slug, "threads", THREADS_USER);
    const channel = await channelOf(workspace.id, "threads");
    await steer("threads", `/__fake/expire-soon?token=${channel.credentials.token}`);
    // Rytm's copy of the expiry says the same as the network's now: within a day.
    const soon = { ...channel.credentials, expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString() };
    const { encrypt } = await import("~/utils/encryption.server");
    await prisma.channel.update({ where: { id: channel.id }, data: { credentials: encrypt(JSON.stringify(soon)) } });
    const before = await stats("threads");

    const text = unique("A thread after the renewal");
    const published = await publishThrough(workspace.id, channel.id, text);
    expect(published.status, published.lastError ?? "").toBe("PUBLISHED");
    const after = await stats("threads");
    expect([after.refreshes - before.refreshes, after.refused - before.refused]).toEqual([1, 0]);
    const renewed = await channelOf(workspace.id, "threads");
    expect(renewed.credentialsVersion).toBe(1);
    expect(renewed.credentials.token).not.toBe(channel.credentials.token);
    expect(Date.parse(renewed.credentials.expiresAt!) - Date.now()).toBeGreaterThan(59 * 24 * 3600_000);
    expect(await steer("threads", "/__fake/threads")).toContain(text);
  });

  it("renews an idle channel's token from the worker, with nothing to post", { timeout: 90_000 }, async () => {
    const { workspace, client } = await workspaceWithMember();
    await connect(client, workspace.slug, "threads", THREADS_USER);
    const channel = await channelOf(workspace.id, "threads");
    await steer("threads", `/__fake/expire-soon?token=${channel.credentials.token}`);
    const { encrypt } = await import("~/utils/encryption.server");
    await prisma.channel.update({ where: { id: channel.id }, data: { credentials: encrypt(JSON.stringify({ ...channel.credentials, expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString() })) } });
    const before = await stats("threads");
    // A worker renews at its start (then hourly): one more, started now.
    const worker = startProcess(WORKER_BUNDLE, { ...inject("testEnv"), ...inject("networkEnv"), APP_URL: inject("baseUrl"), LOG_LEVEL: "info", DATABASE_POOL_SIZE: "3" }, [], true, WORKER_NODE_FLAGS);
    try {
      const renewed = await waitFor("the idle channel's token to be renewed", async () => {
        const row = await channelOf(workspace.id, "threads");
        return row.credentialsVersion === 1 ? row : undefined;
      }, 60_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${worker.output()}`);
      });
      expect(renewed.credentials.token).not.toBe(channel.credentials.token);
      expect(Date.parse(renewed.credentials.expiresAt!) - Date.now()).toBeGreaterThan(59 * 24 * 3600_000);
      expect((await stats("threads")).refreshes - before.refreshes).toBe(1);
    } finally {
      await stop(worker.child);
    }
  });

  it("passes on Threads' refusals: an expired code, a reused state, a denied consent", async () => {
    const { workspace, client } = await workspaceWithMember();
    const late = await consent(await start(client, workspace.slug, "threads"));
    await steer("threads", `/__fake/age-codes?code=${new URL(late).searchParams.get("code")}`);
    const before = await stats("threads");
    const refused = await client.get(late);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Threads refused to finish the sign-in");
    expect((await stats("threads")).refused - before.refused).toBe(1);
    expect((await client.get(late)).status).toBe(400);
    const denied = await client.get(await consent(await start(client, workspace.slug, "threads"), "deny"));
    expect(await denied.text()).toContain("Threads did not give Rytm access.");
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("asks for a reconnect when the long-lived token has run out and cannot be renewed", async () => {
    const { workspace, client } = await workspaceWithMember();
    await connect(client, workspace.slug, "threads", THREADS_USER);
    const channel = await channelOf(workspace.id, "threads");
    await steer("threads", `/__fake/expire-tokens?token=${channel.credentials.token}`);
    const held = await publishThrough(workspace.id, channel.id, unique("After the expiry"));
    expect(held).toMatchObject({ status: "SCHEDULED", failureClass: "needs-reconnect" });
    expect((await channelOf(workspace.id, "threads")).needsReconnect).toBe(true);
  });
});
