// The server side of the rules: plans loaded from PostgreSQL, fingerprints stored with
// variants, and a draft checked against only the posts that can matter.
import { describe, expect, it } from "vitest";
import { defaultMixRules } from "~/domain/mix-rules-settings";
import { checkDraftPost, checkWorkspacePlan, variantFingerprint } from "~/models/plan-check.server";
import { prisma } from "~/utils/db.server";
import { createWorkspace, unique } from "../support/fixtures";

const DAY = 86_400_000;

async function workspaceWithChannels() {
  const workspace = await createWorkspace(unique("rules"), "Europe/Warsaw");
  await prisma.workspace.update({ where: { id: workspace.id }, data: { mixRules: defaultMixRules() } });
  const [linkedin, x] = await Promise.all([
    prisma.channel.create({ data: { workspaceId: workspace.id, network: "linkedin", name: "Brand LinkedIn" }, select: { id: true } }),
    prisma.channel.create({ data: { workspaceId: workspace.id, network: "x", name: "@brand" }, select: { id: true } }),
  ]);
  return { workspace, linkedin, x };
}

async function plan(workspaceId: string, channelId: string, at: Date, category: string, text: string) {
  return prisma.post.create({
    data: {
      workspaceId,
      title: text.slice(0, 40),
      category,
      scheduledAt: at,
      variants: { create: { workspaceId, channelId, text, scheduledAt: at, ...variantFingerprint(text) } },
    },
    select: { id: true },
  });
}

describe("checking plans stored in the database", () => {
  it("finds violations in a range and names the posts", async () => {
    const { workspace, linkedin, x } = await workspaceWithChannels();
    const base = Date.UTC(2027, 0, 4, 8);
    const first = await plan(workspace.id, linkedin.id, new Date(base), "promotional", "Our winter sale starts today, come and see the new collection");
    const second = await plan(workspace.id, linkedin.id, new Date(base + DAY), "promotional", "Only three days left of the winter sale at our shop in the old town");
    const copy = await plan(workspace.id, x.id, new Date(base + 2 * DAY), "news", "Our winter sale starts today, come and see the new collection!");
    const found = await checkWorkspacePlan(workspace.id, new Date(base - DAY), new Date(base + 5 * DAY));
    const byRule = Object.fromEntries(found.map((v) => [v.ruleId, v.postIds]));
    expect(byRule["self-promotion"]).toEqual([second.id, first.id]);
    expect(byRule["duplicate"]).toEqual([copy.id, first.id]);
  });

  it("checks a draft against neighbours and fingerprint matches only, before it is saved", async () => {
    const { workspace, linkedin, x } = await workspaceWithChannels();
    const base = Date.UTC(2027, 1, 1, 8);
    const old = await plan(workspace.id, linkedin.id, new Date(base - 60 * DAY), "educational", "Five tips for reading nineteenth century maps from our curator");
    await plan(workspace.id, linkedin.id, new Date(base - DAY), "promotional", "Tickets for the opening night are on sale now");
    const { own: found } = await checkDraftPost(workspace.id, {
      postId: "draft",
      title: "Opening night",
      seriesId: null,
      category: "promotional",
      at: new Date(base),
      variants: [
        { channelId: linkedin.id, text: "Five tips for reading nineteenth-century maps, from our curator!" },
        { channelId: x.id, text: "x".repeat(300) },
      ],
    });
    expect(found.map((v) => v.ruleId).sort()).toEqual(["channel-length", "duplicate", "self-promotion"]);
    expect(found.find((v) => v.ruleId === "duplicate")!.postIds).toEqual(["draft", old.id]);
    expect(await prisma.post.count({ where: { workspaceId: workspace.id } })).toBe(2);
  });

  it("stores the fingerprint the rules use", async () => {
    const { workspace, linkedin } = await workspaceWithChannels();
    await plan(workspace.id, linkedin.id, new Date(), "news", "Hello https://example.com/?utm_source=x");
    const variant = await prisma.variant.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { textHash: true, lshBands: true } });
    expect(variant.textHash).toBe(variantFingerprint("HELLO https://example.com/").textHash);
    expect(variant.lshBands).toHaveLength(16);
  });
});
