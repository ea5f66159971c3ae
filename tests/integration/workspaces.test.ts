import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { decrypt } from "~/utils/encryption.server";
import { addMember, createUser, createWorkspace, signedIn, unique, workspaceWithMember } from "../support/fixtures";

describe("creating a workspace", () => {
  it("makes the creator its owner, in the chosen time zone, with default mix rules", async () => {
    const user = await createUser();
    const client = await signedIn(user);
    const name = `Łódź ${unique("Kawiarnia")}`;
    const response = await client.post("/workspaces", { name, timeZone: "America/New_York" });
    expect(response.status).toBe(302);
    const slug = response.headers.get("location")!.replace("/w/", "");
    expect(slug).toMatch(/^lodz-kawiarnia-/);
    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { slug },
      select: { timeZone: true, mixRules: true, memberships: { select: { userId: true, role: true } } },
    });
    expect(workspace.timeZone).toBe("America/New_York");
    expect(workspace.memberships).toEqual([{ userId: user.id, role: "OWNER" }]);
    expect(workspace.mixRules).toMatchObject({ selfPromotion: { onePer: 4 } });
    expect(await prisma.auditEvent.count({ where: { action: "workspace.created", actorId: user.id } })).toBe(1);
  });

  it("gives a second brand with the same name its own address", async () => {
    const client = await signedIn(await createUser());
    const name = unique("Twin");
    const first = (await client.post("/workspaces", { name, timeZone: "UTC" })).headers.get("location");
    const second = (await client.post("/workspaces", { name, timeZone: "UTC" })).headers.get("location");
    expect(second).toBe(`${first}-2`);
  });

  it("gives brands of the same name created at the same moment their own addresses", async () => {
    const client = await signedIn(await createUser());
    const name = unique("Race");
    const responses = await Promise.all(Array.from({ length: 4 }, () => client.post("/workspaces", { name, timeZone: "UTC" })));
    expect(responses.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    expect(new Set(responses.map((r) => r.headers.get("location"))).size).toBe(4);
  });

  it.each([
    [{ name: "Brand", timeZone: "Mars/Olympus" }, "Choose a time zone from the list"],
    [{ name: "Brand", timeZone: "UTC+02:00" }, "Choose a time zone from the list"],
    [{ name: "", timeZone: "UTC" }, "Enter a name for the workspace"],
    [{ name: "x".repeat(101), timeZone: "UTC" }, "at most 100 characters"],
    [{ name: "Brand" }, "Choose a time zone"],
  ])("refuses %o with a message", async (form, message) => {
    const client = await signedIn(await createUser());
    const before = await prisma.workspace.count();
    const response = await client.post("/workspaces", form as Record<string, string>);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await prisma.workspace.count()).toBe(before);
  });
});

describe("switching workspaces", () => {
  it("lists only the workspaces one belongs to and reopens the last one used", async () => {
    const user = await createUser();
    const mine = [await createWorkspace(), await createWorkspace()];
    const theirs = await createWorkspace();
    for (const w of mine) await addMember(w.id, user.id, "EDITOR");
    const client = await signedIn(user);
    const list = await (await client.get("/workspaces")).text();
    for (const w of mine) expect(list).toContain(`/w/${w.slug}`);
    expect(list).not.toContain(`/w/${theirs.slug}`);

    expect((await client.get(`/w/${mine[1]!.slug}`)).status).toBe(200);
    expect((await client.get("/")).headers.get("location")).toBe(`/w/${mine[1]!.slug}`);
    expect((await client.get(`/w/${mine[0]!.slug}`)).status).toBe(200);
    expect((await client.get("/")).headers.get("location")).toBe(`/w/${mine[0]!.slug}`);
  });
});

describe("settings", () => {
  it("lets the owner rename the workspace and change its time zone", async () => {
    const { workspace, client } = await workspaceWithMember();
    const response = await client.post(`/w/${workspace.slug}/settings`, { name: "Renamed" });
    expect(response.status).toBe(200);
    // The zone changes on its own page, which shows first what moves.
    expect((await client.post(`/w/${workspace.slug}/settings`, { name: "Renamed", timeZone: "Asia/Tokyo" })).status).toBe(409);
    expect((await client.post(`/w/${workspace.slug}/settings/time-zone`, { zone: "Asia/Tokyo", mode: "keep-local" })).status).toBe(302);
    expect(await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { name: true, timeZone: true } })).toEqual({
      name: "Renamed",
      timeZone: "Asia/Tokyo",
    });
    const bad = await client.post(`/w/${workspace.slug}/settings/time-zone`, { zone: "Nowhere", mode: "keep-local" });
    expect(bad.status).toBe(400);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { name: true } })).name).toBe("Renamed");
  });
});

describe("channels", () => {
  it("stores a pasted token encrypted, never in clear", async () => {
    const { workspace, client } = await workspaceWithMember();
    const token = `secret-${unique("token")}`;
    const response = await client.post(`/w/${workspace.slug}/channels`, { network: "mastodon", name: "Our Mastodon", instanceUrl: "https://mastodon.example", token });
    expect(response.status).toBe(200);
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { credentials: true, network: true, settings: true } });
    expect(channel.network).toBe("mastodon");
    expect(channel.settings).toEqual({ instanceUrl: "https://mastodon.example" });
    expect(channel.credentials).not.toContain(token);
    // Stored as the adapter reads them: the network's credentials object, encrypted.
    expect(JSON.parse(decrypt(channel.credentials!))).toEqual({ token });
    const [row] = await prisma.$queryRaw<{ dump: string }[]>`SELECT row_to_json(c)::text AS dump FROM "Channel" c WHERE c."workspaceId" = ${workspace.id}`;
    expect(row!.dump).not.toContain(token);
    expect(await (await client.get(`/w/${workspace.slug}/channels`)).text()).not.toContain(token);
  });

  it("asks each network's module for what it needs: whole credentials or none, never echoing a secret", async () => {
    const { workspace, client } = await workspaceWithMember();
    const path = `/w/${workspace.slug}/channels`;
    const half = await client.post(path, { network: "bluesky", name: "Muzeum on Bluesky", identifier: "muzeum.bsky.social" });
    expect(half.status).toBe(400);
    expect(await half.text()).toContain("Enter the app password");
    const badSecret = `not-a-secret-${unique("s")}`;
    const refused = await client.post(path, { network: "webhook", name: "CMS", url: "https://cms.example/hooks", secret: badSecret });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("whsec_");
    expect(page).not.toContain(badSecret);
    expect(await prisma.channel.count({ where: { workspaceId: workspace.id } })).toBe(0);

    expect((await client.post(path, { network: "bluesky", name: "Muzeum on Bluesky", identifier: "muzeum.bsky.social", password: "abcd-efgh-ijkl-mnop" })).status).toBe(200);
    expect((await client.post(path, { network: "instagram", name: "Muzeum on Instagram" })).status).toBe(200);
    const channels = await prisma.channel.findMany({ where: { workspaceId: workspace.id }, orderBy: { network: "asc" }, select: { network: true, credentials: true } });
    expect(channels.map((c) => c.network)).toEqual(["bluesky", "instagram"]);
    expect(JSON.parse(decrypt(channels[0]!.credentials!))).toEqual({ identifier: "muzeum.bsky.social", password: "abcd-efgh-ijkl-mnop" });
    expect(channels[1]!.credentials).toBeNull();
    // A network that cannot publish yet says why, where its channels are listed.
    expect(await (await client.get(path)).text()).toContain("Publishing to Instagram needs media uploads");
  });

  it("refuses an unknown network", async () => {
    const { workspace, client } = await workspaceWithMember();
    const response = await client.post(`/w/${workspace.slug}/channels`, { network: "myspace", name: "Old" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose a network");
  });
});
