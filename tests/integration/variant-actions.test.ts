// A person settling what the worker could not: through the post page, as a browser would.
// The posts are on the schedule (only such a post has a variant that failed or may have gone out).
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createPost, workspaceWithMember } from "../support/fixtures";

async function setUp() {
  const { workspace, client } = await workspaceWithMember("EDITOR");
  const post = await createPost(workspace.id);
  const variant = await prisma.variant.findFirstOrThrow({ where: { postId: post.id }, select: { id: true } });
  return { workspace, post, variantId: variant.id, client };
}

describe("variant actions on the post page", () => {
  it("show an unknown outcome as a question, and record the answer 'it went out'", async () => {
    const { workspace, post, variantId, client } = await setUp();
    await prisma.variant.update({ where: { id: variantId }, data: { status: "UNKNOWN", lastError: "Did this go out? the request was sent but no answer within 20 s" } });
    await prisma.post.update({ where: { id: post.id }, data: { status: "FAILED" } });
    const page = await (await client.get(`/w/${workspace.slug}/posts/${post.id}`)).text();
    expect(page).toContain("unknown: did it go out?");
    expect(page).toContain("Mark as published");
    const response = await client.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "mark-published", variantId, url: "https://mastodon.example/@brand/1" });
    expect(response.status).toBe(200);
    expect(await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).toMatchObject({ status: "PUBLISHED", externalUrl: "https://mastodon.example/@brand/1" });
    expect(await prisma.auditEvent.count({ where: { workspaceId: workspace.id, action: "post.variant-mark-published" } })).toBe(1);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("PUBLISHED");
  });

  it("publish a failed variant again, and refuse a bad URL or a time the clocks skip", async () => {
    const { workspace, post, variantId, client } = await setUp();
    await prisma.variant.update({ where: { id: variantId }, data: { status: "FAILED", failureClass: "content", lastError: "Mastodon rejected the post" } });
    await prisma.post.update({ where: { id: post.id }, data: { status: "FAILED" } });
    const badUrl = await client.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "mark-published", variantId, url: "not a url" });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.text()).toContain("Enter the post&#x27;s full URL");
    const skipped = await client.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "reschedule", variantId, at: "2027-03-28T02:30" });
    expect(skipped.status).toBe(422);
    expect(await skipped.text()).toContain("02:30 does not exist on 2027-03-28 in Europe/Warsaw");
    const again = await client.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "reschedule", variantId, at: "2027-03-29T09:00" });
    expect(again.status).toBe(200);
    const row = await prisma.variant.findUniqueOrThrow({ where: { id: variantId } });
    expect(row).toMatchObject({ status: "SCHEDULED", scheduleVersion: 1, failureClass: null, lastError: null });
    expect(row.scheduledAt!.toISOString()).toBe("2027-03-29T07:00:00.000Z");
    await client.post(`/w/${workspace.slug}/posts/${post.id}`, { intent: "cancel", variantId });
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).status).toBe("CANCELLED");
  });
});
