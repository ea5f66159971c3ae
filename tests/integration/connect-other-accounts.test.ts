// Connecting the accounts that do not sign in by OAuth alone (decision 0036), over HTTP
// against the real server and worker: Bluesky with a handle and an app password (the handle
// resolved, the PDS found, the session kept and refreshed once for every concurrent caller),
// TikTok by Login Kit, and a webhook whose signing secret Rytm makes and shows once. And the
// refusals: a wrong password, another workspace, a member who may not manage channels.
import "../support/network-env";
import { createHmac } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { freshCredentials } from "~/channels/token-refresh.server";
import { prisma } from "~/utils/db.server";
import { decrypt } from "~/utils/encryption.server";
import { TIKTOK_CREATOR } from "../fakes/tiktok";
import { startWebhookReceiver } from "../fakes/webhook-receiver";
import { addMember, createWorkspace, unique, workspaceWithMember } from "../support/fixtures";
import { schedule } from "../support/gate";
import type { Client } from "../support/http-client";
import { callback, consent, start } from "../support/oauth-connect";
import { waitFor } from "../support/processes";

const pds = () => inject("networkFakes").bluesky;
const steer = async (path: string, query: Record<string, string>) => (await fetch(`${pds()}${path}?${new URLSearchParams(query)}`, { method: "POST" })).json();

/** An account of its own on the fake PDS, so that tests running beside this one are not disturbed. */
async function blueskyAccount() {
  const handle = `${unique("acct").replace(/[^a-z0-9]/g, "")}.rytm.test`;
  const password = "abcd-efgh-ijkl-mnop";
  const { did } = (await steer("/__fake/accounts", { handle, password })) as { did: string };
  return { handle, password, did, stats: () => steer("/__fake/stats", { handle }) as Promise<{ sessions: number; refreshes: number; refused: number; deleted: number }> };
}

const channelOf = async (workspaceId: string) => {
  const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId }, select: { id: true, name: true, network: true, settings: true, credentials: true, credentialsVersion: true, needsReconnect: true } });
  return { ...channel, sealed: channel.credentials!, credentials: JSON.parse(decrypt(channel.credentials!)) as Record<string, string> };
};

const signInBluesky = (client: Client, slug: string, form: Record<string, string>) => client.post(`/w/${slug}/channels/bluesky`, form);

describe("signing in to Bluesky with a handle and an app password", () => {
  it("resolves the handle to the PDS, keeps the session (not the password) encrypted, and publishes through it", { timeout: 60_000 }, async () => {
    const account = await blueskyAccount();
    const { workspace, client } = await workspaceWithMember();
    const response = await signInBluesky(client, workspace.slug, { handle: `@${account.handle.toUpperCase()}`, password: account.password });
    expect(response.status, await response.clone().text()).toBe(302);
    expect(response.headers.get("location")).toBe(`/w/${workspace.slug}/channels`);

    const channel = await channelOf(workspace.id);
    expect(channel).toMatchObject({ name: `@${account.handle}`, network: "bluesky", settings: { service: pds() }, needsReconnect: false });
    expect(channel.credentials).toEqual({ token: expect.any(String), refreshToken: expect.any(String), expiresAt: expect.any(String), did: account.did, handle: account.handle, via: "app-password" });
    // Two hours, read from the access JWT.
    expect(Date.parse(channel.credentials.expiresAt!) - Date.now()).toBeGreaterThan(7000_000);
    expect(channel.sealed).not.toContain(account.password);
    expect(JSON.stringify(channel.credentials)).not.toContain(account.password);
    expect((await account.stats()).sessions).toBe(1);

    // A post through the channel reaches the PDS under the kept session: no new sign-in.
    const marker = unique("bsky");
    const post = await prisma.post.create({ data: { workspaceId: workspace.id, title: marker, category: "news", variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: `${marker} from a signed-in channel` } } }, select: { id: true } });
    await schedule(workspace.id, post.id, new Date(Date.now() + 2_000));
    await waitFor("the post to be published", async () => ((await prisma.variant.findFirst({ where: { postId: post.id, status: "PUBLISHED" } })) ? true : undefined), 30_000);
    const records = (await (await fetch(`${pds()}/__fake/records`, { method: "POST" })).json()) as string[];
    expect(records).toContain(`${marker} from a signed-in channel`);
    expect((await account.stats()).sessions).toBe(1);
  });

  it("says clearly what went wrong: a wrong app password, an unknown handle, a malformed one, Bluesky's sign-in limit — never a 500", async () => {
    const account = await blueskyAccount();
    const { workspace, client } = await workspaceWithMember();
    const wrong = await signInBluesky(client, workspace.slug, { handle: account.handle, password: "wrong-pass-word-here" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Bluesky refused the handle or the app password.");
    const unknown = await signInBluesky(client, workspace.slug, { handle: "nobody-here.rytm.test", password: account.password });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("No Bluesky account has this handle.");
    const malformed = await signInBluesky(client, workspace.slug, { handle: "not a handle!", password: account.password });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("Enter the handle as name.bsky.social");
    expect((await signInBluesky(client, workspace.slug, {})).status).toBe(400);

    // Bluesky allows 30 sign-ins in 5 minutes per account: the 31st is RateLimitExceeded, said as such.
    for (let i = 1; i < 30; i++) expect((await signInBluesky(client, workspace.slug, { handle: account.handle, password: "wrong-pass-word-here" })).status).toBe(422);
    const limited = await signInBluesky(client, workspace.slug, { handle: account.handle, password: account.password });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Too many sign-ins to this account for now");
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("refreshes an expired session once for twenty concurrent callers and the worker, and stores the rotated pair", { timeout: 60_000 }, async () => {
    const account = await blueskyAccount();
    const { workspace, client } = await workspaceWithMember();
    expect((await signInBluesky(client, workspace.slug, { handle: account.handle, password: account.password })).status).toBe(302);
    const before = await channelOf(workspace.id);
    await steer("/__fake/expire-access-tokens", { handle: account.handle });

    // The worker meets ExpiredToken on three posts due now, while twenty callers here ask too.
    const marker = unique("refresh");
    const posts = await Promise.all(
      [0, 1, 2].map((i) => prisma.post.create({ data: { workspaceId: workspace.id, title: `${marker} ${i}`, category: "news", variants: { create: { workspaceId: workspace.id, channelId: before.id, text: `${marker} ${i}` } } }, select: { id: true } })),
    );
    for (const post of posts) await schedule(workspace.id, post.id, new Date(Date.now() + 1_500));
    await new Promise((resolve) => setTimeout(resolve, 1_400));
    const answers = await Promise.all(Array.from({ length: 20 }, () => freshCredentials(before.id, before.credentialsVersion)));
    expect(answers.every((answer) => answer.kind === "ok")).toBe(true);

    await waitFor("the three posts to be published", async () => ((await prisma.variant.count({ where: { channelId: before.id, status: "PUBLISHED" } })) === 3 ? true : undefined), 30_000);
    const stats = await account.stats();
    expect(stats).toMatchObject({ sessions: 1, refreshes: 1, refused: 0 });
    const after = await channelOf(workspace.id);
    expect(after.credentialsVersion).toBe(before.credentialsVersion + 1);
    expect(after.credentials.refreshToken).not.toBe(before.credentials.refreshToken);
    expect(after.credentials.via).toBe("app-password");
  });

  it("puts the channel in 'needs reconnecting' when the app password is revoked, and signing in again reconnects it", { timeout: 60_000 }, async () => {
    const account = await blueskyAccount();
    const { workspace, client } = await workspaceWithMember();
    expect((await signInBluesky(client, workspace.slug, { handle: account.handle, password: account.password })).status).toBe(302);
    const channel = await channelOf(workspace.id);
    await steer("/__fake/revoke-app-password", { handle: account.handle, new: "wxyz-wxyz-wxyz-wxyz" });
    await steer("/__fake/expire-access-tokens", { handle: account.handle });

    expect(await freshCredentials(channel.id, channel.credentialsVersion)).toEqual({ kind: "needs-reconnect" });
    expect((await channelOf(workspace.id)).needsReconnect).toBe(true);
    expect(await (await client.get(`/w/${workspace.slug}/channels`)).text()).toContain(`/w/${workspace.slug}/channels/bluesky?channel=${channel.id}`);

    // Reconnecting is signing in again, with the new app password.
    const page = await client.get(`/w/${workspace.slug}/channels/bluesky?channel=${channel.id}`);
    expect(await page.text()).toContain(`Signing @${account.handle} in again`);
    expect((await signInBluesky(client, workspace.slug, { handle: account.handle, password: "wxyz-wxyz-wxyz-wxyz", channelId: channel.id })).status).toBe(302);
    const reconnected = await channelOf(workspace.id);
    expect(reconnected).toMatchObject({ id: channel.id, needsReconnect: false, credentialsVersion: channel.credentialsVersion + 1 });
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(1);

    // Disconnecting ends the session at the PDS.
    expect((await client.post(`/w/${workspace.slug}/channels/${channel.id}`, { intent: "disconnect" })).status).toBe(200);
    expect((await account.stats()).deleted).toBe(1);
  });
});

describe("connecting TikTok by Login Kit", () => {
  it("runs the code flow with PKCE and client_key to a channel for the creator, and revokes on disconnect", async () => {
    const { workspace, client } = await workspaceWithMember();
    const authorize = new URL(await start(client, workspace.slug, "tiktok"));
    expect(authorize.origin).toBe(inject("networkFakes").tiktok);
    expect(authorize.pathname).toBe("/v2/auth/authorize/");
    expect(authorize.searchParams.get("client_key")).toBe("fake-tiktok-client-key");
    expect(authorize.searchParams.get("client_id")).toBeNull();
    expect(authorize.searchParams.get("scope")).toBe("user.info.basic,video.publish");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${inject("baseUrl")}/oauth/tiktok/callback`);

    const pick = await callback(client, await consent(authorize.href));
    const name = `@${TIKTOK_CREATOR.username} (${TIKTOK_CREATOR.nickname})`;
    expect(await (await client.get(pick)).text()).toContain(name);
    expect((await client.post(pick, { account: TIKTOK_CREATOR.openId })).status).toBe(302);
    const channel = await channelOf(workspace.id);
    expect(channel).toMatchObject({ name, network: "tiktok", settings: { openId: TIKTOK_CREATOR.openId, apiBase: inject("networkFakes").tiktok } });
    expect(channel.credentials).toEqual({ token: expect.stringMatching(/^at-/), refreshToken: expect.stringMatching(/^rt-/), expiresAt: expect.any(String), via: "oauth" });

    // Live tokens: refreshed at the network when they are about to expire.
    const fresh = await freshCredentials(channel.id, channel.credentialsVersion);
    expect(fresh, JSON.stringify(fresh)).toMatchObject({ kind: "ok" });
    expect(fresh.kind === "ok" && fresh.credentials.refreshToken).not.toBe(channel.credentials.refreshToken);

    const before = await (await fetch(`${inject("networkFakes").tiktok}/__fake/stats`, { method: "POST" })).json();
    expect((await client.post(`/w/${workspace.slug}/channels/${channel.id}`, { intent: "disconnect" })).status).toBe(200);
    const after = await (await fetch(`${inject("networkFakes").tiktok}/__fake/stats`, { method: "POST" })).json();
    expect(after.revocations - before.revocations).toBe(1);
  });

  it("passes on a refused code as TikTok's error, not a 500", async () => {
    const { workspace, client } = await workspaceWithMember();
    const back = new URL(await consent(await start(client, workspace.slug, "tiktok")));
    back.searchParams.set("code", "code-never-issued");
    const refused = await client.get(`${back.pathname}${back.search}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("TikTok refused to finish the sign-in");
  });
});

describe("a webhook channel", () => {
  it("gets a signing secret Rytm makes, shown once, that signs the deliveries; rotating shows a new one once", { timeout: 60_000 }, async () => {
    let secret = "";
    const receiver = await startWebhookReceiver(() => secret);
    try {
      const { workspace, client } = await workspaceWithMember();
      expect((await client.post(`/w/${workspace.slug}/channels/webhook`, { name: "CMS", url: "javascript:alert(1)" })).status).toBe(400);
      expect((await client.post(`/w/${workspace.slug}/channels/webhook`, { name: "CMS", url: "ftp://example.com/hook" })).status).toBe(400);
      const created = await client.post(`/w/${workspace.slug}/channels/webhook`, { name: "CMS", url: `${receiver.url}/hooks` });
      expect(created.status).toBe(200);
      expect(created.headers.get("cache-control")).toBe("no-store");
      secret = /whsec_[A-Za-z0-9+/]{43}=/.exec(await created.text())![0];
      const channel = await channelOf(workspace.id);
      expect(channel).toMatchObject({ name: "CMS", network: "webhook", settings: { url: `${receiver.url}/hooks` } });
      expect(channel.credentials).toEqual({ secret });
      expect(channel.sealed).not.toContain(secret.slice(6));
      // Never shown again.
      expect(await (await client.get(`/w/${workspace.slug}/channels/${channel.id}`)).text()).not.toContain(secret);
      expect(await (await client.get(`/w/${workspace.slug}/channels`)).text()).not.toContain(secret);

      // A delivery is signed with it (Standard Webhooks: HMAC-SHA256 over id.timestamp.body, key = the base64 after whsec_).
      const post = await prisma.post.create({ data: { workspaceId: workspace.id, title: "hook", category: "news", variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: "to the CMS" } } }, select: { id: true } });
      await schedule(workspace.id, post.id, new Date(Date.now() + 1_500));
      await waitFor("the delivery", async () => ((await prisma.variant.findFirst({ where: { postId: post.id, status: "PUBLISHED" } })) ? true : undefined), 30_000);
      expect([...receiver.deliveries.values()]).toEqual([expect.objectContaining({ type: "post.published", data: expect.objectContaining({ text: "to the CMS" }) })]);
      const delivery = receiver.requests.find((r) => r.path === "/hooks")!;
      const key = Buffer.from(secret.slice("whsec_".length), "base64");
      const expected = createHmac("sha256", key).update(`${delivery.headers["webhook-id"]}.${delivery.headers["webhook-timestamp"]}.${delivery.body}`).digest("base64");
      expect(delivery.headers["webhook-signature"]).toBe(`v1,${expected}`);

      const rotated = await client.post(`/w/${workspace.slug}/channels/${channel.id}`, { intent: "rotate-secret" });
      expect(rotated.status).toBe(200);
      const next = /whsec_[A-Za-z0-9+/]{43}=/.exec(await rotated.text())![0];
      expect(next).not.toBe(secret);
      const after = await channelOf(workspace.id);
      expect(after.credentials).toEqual({ secret: next });
      expect(after.credentialsVersion).toBe(channel.credentialsVersion + 1);
    } finally {
      await receiver.close();
    }
  });
});

describe("who may connect", () => {
  it("refuses a member without channel rights, another workspace, and a channel of another workspace", async () => {
    const editor = await workspaceWithMember("EDITOR");
    for (const path of ["bluesky", "webhook"]) {
      expect((await editor.client.get(`/w/${editor.workspace.slug}/channels/${path}`)).status).toBe(403);
      expect((await editor.client.post(`/w/${editor.workspace.slug}/channels/${path}`, { handle: "rytm.test", password: "x", name: "n", url: "https://example.com" })).status).toBe(403);
    }
    expect((await editor.client.post(`/w/${editor.workspace.slug}/channels/connect/tiktok`, {})).status).toBe(403);

    const { workspace, client } = await workspaceWithMember();
    const elsewhere = await createWorkspace();
    for (const path of ["bluesky", "webhook"]) expect((await client.post(`/w/${elsewhere.slug}/channels/${path}`, { name: "n", url: "https://example.com" })).status).toBe(404);
    expect((await client.post(`/w/${elsewhere.slug}/channels/connect/tiktok`, {})).status).toBe(404);

    // A channel of a workspace the member also owns cannot be reconnected from this one.
    const other = await workspaceWithMember();
    await addMember(workspace.id, other.user.id, "OWNER");
    const hook = await other.client.post(`/w/${other.workspace.slug}/channels/webhook`, { name: "Theirs", url: "https://example.com/hook" });
    expect(hook.status).toBe(200);
    const theirs = await prisma.channel.findFirstOrThrow({ where: { workspaceId: other.workspace.id }, select: { id: true, credentials: true } });
    expect((await other.client.post(`/w/${workspace.slug}/channels/${theirs.id}`, { intent: "rotate-secret" })).status).toBe(404);
    expect((await other.client.get(`/w/${workspace.slug}/channels/bluesky?channel=${theirs.id}`)).status).toBe(404);
    expect((await prisma.channel.findUniqueOrThrow({ where: { id: theirs.id }, select: { credentials: true } })).credentials).toBe(theirs.credentials);
    expect(await prisma.channel.count({ where: { workspaceId: elsewhere.id } })).toBe(0);
  });
});
