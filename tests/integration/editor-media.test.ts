// Media in the post editor over HTTP: a post saved with library items carries them in order
// (VariantMedia) with the alt text written in the editor, through the one save path (new
// revision, the plan version bumped, the verdict reading the media rules); the post page
// shows them; and an item of another workspace is refused with nothing saved.
import sharp from "sharp";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addMember, createUser, signedIn, unique, workspaceWithMember } from "../support/fixtures";
import type { Client } from "../support/http-client";

const ZONE = "Europe/Warsaw";
const inDays = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!;

async function brand() {
  const setup = await workspaceWithMember("OWNER");
  const channel = await prisma.channel.create({ data: { workspaceId: setup.workspace.id, network: "mastodon", name: unique("Mastodon") }, select: { id: true } });
  return { ...setup, channel };
}

async function upload(client: Client, slug: string, color: string, name: string) {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).png().toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
  const response = await client.request(`/w/${slug}/media/upload`, { method: "POST", body: form, headers: { Origin: client.baseUrl, Accept: "application/json" } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { media: { id: string } }).media.id;
}

const postForm = (channelId: string, attachments: [string, string][], extra: Record<string, string> = {}) => ({
  intent: "save",
  title: "Museum night",
  body: "Doors open at 19:00.",
  category: "news",
  date: inDays(6),
  time: "10:00",
  "variants[0].channelId": channelId,
  "variants[0].text": `Doors open at 19:00. ${unique("t")}`,
  ...Object.fromEntries(attachments.flatMap(([id, alt], k) => [[`variants[0].attachments[${k}].id`, id], [`variants[0].attachments[${k}].alt`, alt]])),
  ...extra,
});

const carried = (postId: string) =>
  prisma.variantMedia.findMany({ where: { variant: { postId } }, orderBy: { position: "asc" }, select: { mediaId: true, position: true, media: { select: { altText: true } } } });
const planVersion = async (workspaceId: string) => (await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { planVersion: true } })).planVersion;

let A: Awaited<ReturnType<typeof brand>>;
let B: Awaited<ReturnType<typeof brand>>;
let hall: string;
let stage: string;
let foreign: string;

beforeAll(async () => {
  A = await brand();
  B = await brand();
  hall = await upload(A.client, A.workspace.slug, "#3366cc", "hall.png");
  stage = await upload(A.client, A.workspace.slug, "#cc3366", "stage.png");
  foreign = await upload(B.client, B.workspace.slug, "#33cc66", "theirs.png");
});

describe("media in the post editor", () => {
  it("saves a variant's items in order with their alt text, and the post page shows them", async () => {
    const before = await planVersion(A.workspace.id);
    const response = await A.client.post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, [[stage, "The stage, lit blue"], [hall, "The main hall"]]));
    expect(response.status).toBe(302);
    const postId = response.headers.get("location")!.split("/").pop()!;
    expect(await carried(postId)).toEqual([
      { mediaId: stage, position: 0, media: { altText: "The stage, lit blue" } },
      { mediaId: hall, position: 1, media: { altText: "The main hall" } },
    ]);
    expect(await planVersion(A.workspace.id)).toBeGreaterThan(before);

    const page = await (await A.client.get(`/w/${A.workspace.slug}/posts/${postId}`)).text();
    expect(page).toContain(`/w/${A.workspace.slug}/media/${stage}?size=thumbnail`);
    expect(page).toContain('alt="The stage, lit blue"');
    expect(page.indexOf(`/media/${stage}?size=thumbnail`)).toBeLessThan(page.indexOf(`/media/${hall}?size=thumbnail`));

    // The editor opens with them, and an edit that reorders and drops one is saved as a new revision.
    const editor = await (await A.client.get(`/w/${A.workspace.slug}/posts/${postId}/edit`)).text();
    expect(editor).toContain(`name="variants[0].attachments[0].id" value="${stage}"`);
    const revision = (await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { revision: true } })).revision;
    const edited = await A.client.post(`/w/${A.workspace.slug}/posts/${postId}/edit`, postForm(A.channel.id, [[hall, "The main hall, empty"]]));
    expect(edited.status).toBe(302);
    expect(await carried(postId)).toEqual([{ mediaId: hall, position: 0, media: { altText: "The main hall, empty" } }]);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { revision: true } })).revision).toBe(revision + 1);
    const after = await (await A.client.get(`/w/${A.workspace.slug}/posts/${postId}`)).text();
    expect(after).not.toContain(`/media/${stage}?size=thumbnail`);
  });

  it("puts the network's media rules and the alt-text rule in the verdict", async () => {
    const check = async (attachments: [string, string][]) => {
      const response = await A.client.post(`/w/${A.workspace.slug}/posts/check`, postForm(A.channel.id, attachments));
      expect(response.status).toBe(200);
      return ((await response.json()) as { violations: { ruleId: string }[] }).violations.map((v) => v.ruleId);
    };
    expect(await check([[hall, "The main hall"]])).not.toContain("media-alt-text");
    expect(await check([[hall, ""]])).toContain("media-alt-text");
    // Mastodon takes four items; five are a blocking channel-media finding.
    const more = await Promise.all(["#111111", "#222222", "#333333", "#444444"].map((c, i) => upload(A.client, A.workspace.slug, c, `extra-${i}.png`)));
    const five = [hall, ...more].map((id): [string, string] => [id, "A picture"]);
    expect(await check(five)).toContain("channel-media");
    const scheduled = await A.client.post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, five, { intent: "schedule" }));
    expect(scheduled.status).toBe(409);
  });

  it("refuses an item from another workspace (4xx) and saves nothing", async () => {
    const posts = await prisma.post.count({ where: { workspaceId: A.workspace.id } });
    const links = await prisma.variantMedia.count();
    const created = await A.client.post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, [[hall, "Ours"], [foreign, "Theirs"]]));
    expect(created.status).toBe(422);
    expect(await created.text()).toContain("not in this workspace&#x27;s library");
    expect(await prisma.post.count({ where: { workspaceId: A.workspace.id } })).toBe(posts);

    // Nor through an edit of an existing post: its media and the foreign item's alt text stay as they were.
    const saved = await A.client.post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, [[hall, "The main hall"]]));
    const postId = saved.headers.get("location")!.split("/").pop()!;
    const edit = await A.client.post(`/w/${A.workspace.slug}/posts/${postId}/edit`, postForm(A.channel.id, [[foreign, "Taken over"]]));
    expect(edit.status).toBe(422);
    expect(await carried(postId)).toEqual([{ mediaId: hall, position: 0, media: { altText: "The main hall" } }]);
    expect((await prisma.media.findUniqueOrThrow({ where: { id: foreign }, select: { altText: true } })).altText).toBe("");
    expect(await prisma.variantMedia.count()).toBe(links + 1);

    // A viewer cannot save, and another workspace's member cannot reach the editor at all.
    const viewer = await createUser();
    await addMember(A.workspace.id, viewer.id, "VIEWER");
    expect((await (await signedIn(viewer)).post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, [[hall, "x"]]))).status).toBe(403);
    expect((await B.client.post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, [[hall, "x"]]))).status).toBe(404);
    expect(await prisma.post.count({ where: { workspaceId: A.workspace.id } })).toBe(posts + 1);
  });

  it("refuses library items on a post that starts a series (422), saving nothing", async () => {
    const posts = await prisma.post.count({ where: { workspaceId: A.workspace.id } });
    const response = await A.client.post(`/w/${A.workspace.slug}/posts/new`, postForm(A.channel.id, [[hall, "The main hall"]], { repeat: "weekly" }));
    expect(response.status).toBe(422);
    expect(await prisma.post.count({ where: { workspaceId: A.workspace.id } })).toBe(posts);
  });
});
