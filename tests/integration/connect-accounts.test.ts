// Connecting accounts by OAuth over HTTP against the real server (decision 0033): Connect →
// the fake network's consent page → back with a code → pick the account → a channel whose
// credentials are the grant, encrypted. And the refusals: a state from another session or
// used twice, an expired code, a verifier that does not match, consent denied, a network
// without its app, an instance on a private address, another workspace's connection.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { decrypt } from "~/utils/encryption.server";
import { startMastodon } from "../fakes/mastodon";
import { LINKEDIN_ORGANIZATIONS } from "../fakes/linkedin";
import { X_USER_ID } from "../fakes/x";
import { createWorkspace, addMember, signedIn, workspaceWithMember } from "../support/fixtures";
import { callback, consent, start } from "../support/oauth-connect";

const fakes = () => inject("networkFakes");

const credentialsOf = async (workspaceId: string) => {
  const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId }, select: { name: true, network: true, settings: true, credentials: true, needsReconnect: true, credentialsVersion: true } });
  return { ...channel, credentials: JSON.parse(decrypt(channel.credentials!)) as Record<string, string> };
};

describe("connecting X", () => {
  it("runs the code flow with PKCE to a channel holding the rotating grant, encrypted", async () => {
    const { workspace, client } = await workspaceWithMember();
    const authorize = new URL(await start(client, workspace.slug, "x"));
    expect(authorize.origin).toBe(fakes().x);
    expect(authorize.pathname).toBe("/i/oauth2/authorize");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${inject("baseUrl")}/oauth/x/callback`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("scope")).toBe("tweet.read tweet.write users.read offline.access");

    const pick = await callback(client, await consent(authorize.href));
    expect(pick).toMatch(new RegExp(`^/w/${workspace.slug}/channels/pick/[\\w-]+$`));
    const page = await client.get(pick);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("@rytm");
    expect((await client.post(pick, { account: X_USER_ID })).status).toBe(302);

    const channel = await credentialsOf(workspace.id);
    expect(channel).toMatchObject({ name: "@rytm", network: "x", settings: { userId: X_USER_ID, apiBase: fakes().x }, needsReconnect: false });
    expect(channel.credentials).toEqual({ token: expect.stringMatching(/^at-/), refreshToken: expect.stringMatching(/^rt-/), expiresAt: expect.any(String), via: "oauth" });
    expect(Date.parse(channel.credentials.expiresAt!) - Date.now()).toBeGreaterThan(7000_000);
    // The pick is taken once; a second channel needs a second consent.
    expect((await client.post(pick, { account: X_USER_ID })).status).toBe(410);
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("refuses a state used twice, or brought back by another session", async () => {
    const { workspace, client, user } = await workspaceWithMember();
    const back = await consent(await start(client, workspace.slug, "x"));
    const other = await signedIn(user);
    const stolen = await other.get(back);
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain("started in another browser");
    // The state was taken by that attempt: the right session cannot use it afterwards either.
    expect((await client.get(back)).status).toBe(400);
    const forged = await client.get(`/oauth/x/callback?code=x&state=${"a".repeat(32)}`);
    expect(forged.status).toBe(400);
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("passes on the network's refusals: an expired code, a verifier that does not match, a denied consent", async () => {
    const { workspace, client } = await workspaceWithMember();
    const expired = await consent(await start(client, workspace.slug, "x"));
    await fetch(`${fakes().x}/__fake/age-codes`, { method: "POST" });
    const refused = await client.get(expired);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("X refused to finish the sign-in");

    // Two sign-ins in one browser: the code of the first brought back with the second's state
    // is redeemed with the second's verifier, which the network refuses.
    const first = new URL(await consent(await start(client, workspace.slug, "x")));
    const second = new URL(await consent(await start(client, workspace.slug, "x")));
    second.searchParams.set("code", first.searchParams.get("code")!);
    const before = await (await fetch(`${fakes().x}/__fake/stats`, { method: "POST" })).json();
    expect((await client.get(`${second.pathname}${second.search}`)).status).toBe(400);
    const after = await (await fetch(`${fakes().x}/__fake/stats`, { method: "POST" })).json();
    expect(after.refused - before.refused).toBe(1);

    const denied = await client.get(await consent(await start(client, workspace.slug, "x"), "deny"));
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain("X did not give Rytm access.");
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("lets only those who manage channels start, and keeps a connection to its workspace", async () => {
    const editor = await workspaceWithMember("EDITOR");
    expect((await editor.client.post(`/w/${editor.workspace.slug}/channels/connect/x`, {})).status).toBe(403);
    expect((await editor.client.post(`/w/${editor.workspace.slug}/channels/connect/bluesky`, {})).status).toBe(403);

    const { workspace, client, user } = await workspaceWithMember();
    const elsewhere = await createWorkspace();
    await addMember(elsewhere.id, user.id, "OWNER");
    const pick = await callback(client, await consent(await start(client, workspace.slug, "x")));
    const foreign = pick.replace(`/w/${workspace.slug}/`, `/w/${elsewhere.slug}/`);
    expect((await client.get(foreign)).status).toBe(410);
    expect((await client.post(foreign, { account: X_USER_ID })).status).toBe(410);
    expect(await prisma.channel.count({ where: { workspaceId: elsewhere.id } })).toBe(0);
    expect((await client.post(pick, { account: "someone-else" })).status).toBe(410);
  });
});

describe("connecting LinkedIn", () => {
  it("offers the member and the pages they administer, and connects the page picked", async () => {
    const { workspace, client } = await workspaceWithMember();
    const authorize = new URL(await start(client, workspace.slug, "linkedin"));
    expect(authorize.pathname).toBe("/oauth/v2/authorization");
    // LinkedIn's web flow has no PKCE; its secret goes in the form (the fake refuses Basic).
    expect(authorize.searchParams.get("code_challenge")).toBeNull();
    const pick = await callback(client, await consent(authorize.href));
    const page = await (await client.get(pick)).text();
    expect(page).toContain("Anna Nowak");
    for (const organization of LINKEDIN_ORGANIZATIONS) expect(page).toContain(organization.localizedName);
    const [, second] = LINKEDIN_ORGANIZATIONS;
    expect((await client.post(pick, { account: `urn:li:organization:${second!.id}` })).status).toBe(302);
    const channel = await credentialsOf(workspace.id);
    expect(channel).toMatchObject({ name: second!.localizedName, network: "linkedin", settings: { author: `urn:li:organization:${second!.id}`, apiBase: fakes().linkedin } });
    expect(channel.credentials.token).toMatch(/^at-/);

    // A second channel of the same network in the same workspace: the member this time.
    const again = await callback(client, await consent(await start(client, workspace.slug, "linkedin")));
    expect((await client.post(again, { account: "urn:li:person:782bbtaQ" })).status).toBe(302);
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id, network: "linkedin" } })).toBe(2);
  });
});

describe("connecting Mastodon", () => {
  it("registers Rytm on the instance once, then runs OAuth against it", async () => {
    const instance = await startMastodon();
    try {
      const { workspace, client } = await workspaceWithMember();
      const authorize = new URL(await start(client, workspace.slug, "mastodon", { instanceUrl: `${instance.url}/` }));
      expect(authorize.origin).toBe(instance.url);
      expect(authorize.pathname).toBe("/oauth/authorize");
      expect(instance.apps.size).toBe(1);
      const pick = await callback(client, await consent(authorize.href));
      expect(await (await client.get(pick)).text()).toContain(`@rytm@${new URL(instance.url).host}`);
      expect((await client.post(pick, { account: "109302" })).status).toBe(302);
      const channel = await credentialsOf(workspace.id);
      expect(channel.settings).toEqual({ instanceUrl: instance.url });
      expect(channel.credentials.token).toMatch(/^at-/);

      // The next connection to the instance reuses the app.
      await start(client, workspace.slug, "mastodon", { instanceUrl: instance.url });
      expect(instance.apps.size).toBe(1);
      expect(instance.requests.filter((r) => r.path === "/api/v1/apps")).toHaveLength(1);
      const app = await prisma.oAuthApp.findFirstOrThrow({ where: { origin: instance.url }, select: { clientSecret: true } });
      expect([...instance.apps.values()].map((a) => a.secret)).not.toContain(app.clientSecret);
    } finally {
      await instance.close();
    }
  });

  it("asks for the instance, and says when it is not a Mastodon server", async () => {
    const { workspace, client } = await workspaceWithMember();
    expect((await client.post(`/w/${workspace.slug}/channels/connect/mastodon`, {})).status).toBe(400);
    expect((await client.post(`/w/${workspace.slug}/channels/connect/mastodon`, { instanceUrl: "javascript:alert(1)" })).status).toBe(400);
    const notMastodon = await client.post(`/w/${workspace.slug}/channels/connect/mastodon`, { instanceUrl: fakes().linkedin });
    expect(notMastodon.status).toBe(302);
    expect(notMastodon.headers.get("location")).toBe(`/w/${workspace.slug}/channels?failed=instance&network=mastodon`);
    expect(await (await client.get(notMastodon.headers.get("location")!)).text()).toContain("That instance cannot be used.");
  });
});

describe("hosts a person types", () => {
  it("are refused when they are loopback, private, link-local or the metadata address (tests' server allows them)", async () => {
    const { assertPublicHost, PrivateAddressError } = await import("~/utils/public-address.server");
    for (const url of ["http://127.0.0.1:3000", "http://10.1.2.3", "http://192.168.0.1", "http://169.254.169.254/latest", "http://[::1]/", "http://[fd00::1]/", "http://localhost/", "http://0.0.0.0/"]) {
      await expect(assertPublicHost(url), url).rejects.toBeInstanceOf(PrivateAddressError);
    }
    await expect(assertPublicHost("http://93.184.215.14/")).resolves.toBeUndefined();
  });
});
