// Managing a channel over HTTP: rename, disconnect (the sign-in revoked at the network, the
// planned posts held, nothing deleted), delete only once confirmed; only for those who
// manage channels, only in their own workspace.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { unique, workspaceWithMember } from "../support/fixtures";
import { connectX } from "../support/oauth-connect";

const stats = () => fetch(`${inject("networkFakes").x}/__fake/stats`, { method: "POST" }).then((r) => r.json() as Promise<{ revocations: number }>);

async function connected() {
  const member = await workspaceWithMember();
  await connectX(member.client, member.workspace.slug);
  const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: member.workspace.id }, select: { id: true } });
  const at = new Date(Date.now() + 7 * 24 * 3600_000);
  const post = await prisma.post.create({
    data: { workspaceId: member.workspace.id, title: unique("planned"), category: "news", status: "SCHEDULED", scheduledAt: at, variants: { create: { workspaceId: member.workspace.id, channelId: channel.id, text: "Planned", status: "SCHEDULED", scheduledAt: at, scheduleVersion: 1 } } },
    select: { variants: { select: { id: true } } },
  });
  return { ...member, channelId: channel.id, path: `/w/${member.workspace.slug}/channels/${channel.id}`, variantId: post.variants[0]!.id };
}

describe("managing a channel", () => {
  it("renames it, and says before disconnecting and deleting what happens to its posts", async () => {
    const { client, path, channelId } = await connected();
    const page = await (await client.get(path)).text();
    expect(page).toContain("1 planned post and 0 published posts on this channel.");
    expect(page).toContain("1 planned post waits, held, until you reconnect the channel");
    expect(page).toContain("Deletes the channel with 1 planned post");
    expect((await client.post(path, { intent: "rename", name: "  Brand on X " })).status).toBe(200);
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { name: true } })).toEqual({ name: "Brand on X" });
    expect((await client.post(path, { intent: "rename", name: "" })).status).toBe(400);
  });

  it("disconnects: revokes at the network, forgets the sign-in, holds the planned posts", async () => {
    const { client, path, channelId, variantId, workspace } = await connected();
    const before = await stats();
    expect((await client.post(path, { intent: "disconnect" })).status).toBe(200);
    expect((await stats()).revocations - before.revocations).toBe(1);
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { credentials: true, needsReconnect: true } })).toEqual({ credentials: null, needsReconnect: true });
    expect(await prisma.variant.findUniqueOrThrow({ where: { id: variantId }, select: { status: true, failureClass: true } })).toEqual({ status: "SCHEDULED", failureClass: "needs-reconnect" });
    // Reconnecting brings it back, and the post goes back on its schedule.
    await connectX(client, workspace.slug, channelId);
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { needsReconnect: true } })).toEqual({ needsReconnect: false });
    expect(await prisma.variant.findUniqueOrThrow({ where: { id: variantId }, select: { status: true, failureClass: true } })).toEqual({ status: "SCHEDULED", failureClass: null });
  });

  it("deletes only when confirmed, with its variants", async () => {
    const { client, path, channelId, workspace } = await connected();
    expect((await client.post(path, { intent: "delete" })).status).toBe(400);
    expect(await prisma.channel.count({ where: { id: channelId } })).toBe(1);
    const deleted = await client.post(path, { intent: "delete", confirm: "yes" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe(`/w/${workspace.slug}/channels`);
    expect(await prisma.channel.count({ where: { id: channelId } })).toBe(0);
    expect(await prisma.variant.count({ where: { channelId } })).toBe(0);
  });

  it("is refused to editors, and to another workspace's members", async () => {
    const { path, channelId } = await connected();
    const editor = await workspaceWithMember("EDITOR");
    const own = await prisma.channel.create({ data: { workspaceId: editor.workspace.id, network: "x", name: "Ours" }, select: { id: true } });
    expect((await editor.client.get(`/w/${editor.workspace.slug}/channels/${own.id}`)).status).toBe(403);
    expect((await editor.client.post(`/w/${editor.workspace.slug}/channels/${own.id}`, { intent: "delete", confirm: "yes" })).status).toBe(403);

    const stranger = await workspaceWithMember();
    expect((await stranger.client.get(path)).status).toBe(404);
    // Their own workspace's address with our channel's id: not found there either.
    const theirs = `/w/${stranger.workspace.slug}/channels/${channelId}`;
    expect((await stranger.client.get(theirs)).status).toBe(404);
    expect((await stranger.client.post(theirs, { intent: "delete", confirm: "yes" })).status).toBe(404);
    expect((await stranger.client.post(theirs, { intent: "rename", name: "Mine" })).status).toBe(404);
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: channelId }, select: { name: true } })).toEqual({ name: "@rytm" });
  });
});
