// Issue 11, finding 1: a `javascript:` address given as a published-post URL was stored and
// rendered as a link on the post page and the calendar chips, and an owner's click ran it.
// Now every address is refused unless it is http(s), and one link component shows any
// such address already in the database as text.
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { unique, workspaceWithMember } from "../support/fixtures";
import type { Client } from "../support/http-client";

const payloads = ["javascript:fetch('/w/x/members',{method:'POST'})", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", " javascript:alert(1)"];

let client: Client;
let workspace: { id: string; slug: string };
let postId: string;
let variantId: string;
const day = DateTime.now().setZone("Europe/Warsaw").plus({ days: 3 });

beforeAll(async () => {
  ({ client, workspace } = await workspaceWithMember("OWNER"));
  const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: unique("Mastodon") }, select: { id: true } });
  const post = await prisma.post.create({
    data: {
      workspaceId: workspace.id,
      title: unique("Launch"),
      category: "news",
      status: "SCHEDULED",
      scheduledAt: day.set({ hour: 9 }).toJSDate(),
      variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: "Hello", status: "UNKNOWN", scheduledAt: day.set({ hour: 9 }).toJSDate() } },
    },
    select: { id: true, variants: { select: { id: true } } },
  });
  postId = post.id;
  variantId = post.variants[0]!.id;
});

const variant = () => prisma.variant.findUniqueOrThrow({ where: { id: variantId }, select: { status: true, externalUrl: true } });

describe("addresses people give", () => {
  it("are refused as a published-post URL unless http(s), and nothing is stored", async () => {
    for (const url of payloads) {
      const response = await client.post(`/w/${workspace.slug}/posts/${postId}`, { intent: "mark-published", variantId, url });
      expect(response.status, url).toBe(400);
      expect(await variant()).toEqual({ status: "UNKNOWN", externalUrl: null });
    }
  });

  it("are refused as a variant's link or media in the editor", async () => {
    const channel = await prisma.channel.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true } });
    for (const url of payloads) {
      for (const field of ["variants[0].link", "variants[0].media"]) {
        const response = await client.post(`/w/${workspace.slug}/posts/new`, { intent: "save", title: "T", category: "news", "variants[0].channelId": channel.id, "variants[0].text": "Hi", [field]: url });
        expect(response.status, `${field}=${url}`).toBe(400);
      }
    }
  });
});

describe("an address already stored that is not http(s)", () => {
  beforeAll(async () => {
    await prisma.variant.update({ where: { id: variantId }, data: { status: "PUBLISHED", externalUrl: payloads[0] } });
  });

  const pages = () => [
    `/w/${workspace.slug}/posts/${postId}`,
    `/w/${workspace.slug}?view=week&date=${day.toISODate()}`,
    `/w/${workspace.slug}?view=list&date=${day.toISODate()}`,
    `/w/${workspace.slug}?view=month&date=${day.toISODate()}`,
  ];

  it("is shown as text, never as a link, on the post page and every calendar view", async () => {
    for (const path of pages()) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
      if (!path.includes("month")) expect(html, path).toContain("data-unsafe-url");
    }
  });

  it("while an http(s) one is a link", async () => {
    await prisma.variant.update({ where: { id: variantId }, data: { externalUrl: "https://mastodon.example/@brand/1" } });
    const html = await (await client.get(`/w/${workspace.slug}/posts/${postId}`)).text();
    expect(html).toContain('href="https://mastodon.example/@brand/1"');
  });
});
