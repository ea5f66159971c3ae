// Each network's media rules against the facts read from uploaded files, and the alt-text
// rule whose severity the workspace chooses; both reach the one verdict through the plan.
import { describe, expect, it } from "vitest";
import type { MediaFacts } from "~/channels/network-module";
import { networkModules } from "~/channels/networks";
import { checkVariant } from "~/domain/channel-rules";
import { sniffMediaType, gifDimensions } from "~/domain/media-type";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { evaluatePlan } from "~/domain/mix-rules";

const image = (over: Partial<MediaFacts> = {}): MediaFacts => ({ kind: "IMAGE", mimeType: "image/jpeg", byteSize: 400_000, fileName: "a.jpg", width: 1080, height: 1080, altText: "A cup of coffee", ...over });
const video = (over: Partial<MediaFacts> = {}): MediaFacts => ({ kind: "VIDEO", mimeType: "video/mp4", byteSize: 20_000_000, fileName: "v.mp4", width: 1080, height: 1920, durationMs: 30_000, altText: "A barista at work", ...over });
const messages = (network: Parameters<typeof checkVariant>[0], media: MediaFacts[]) => checkVariant(network, { text: "Hello", media }).violations.map((v) => v.message.en);

describe("media rules per network", () => {
  it("Bluesky: at most 4 pictures or one video, never both; large pictures are re-encoded, not refused", () => {
    expect(messages("bluesky", [image(), image(), image(), image()])).toEqual([]);
    expect(messages("bluesky", Array.from({ length: 5 }, () => image()))).toEqual([expect.stringMatching(/at most 4 pictures or videos; this post has 5/)]);
    expect(messages("bluesky", [image(), video()])).toEqual([expect.stringMatching(/pictures or a video, not both/)]);
    expect(messages("bluesky", [video(), video()])).toEqual(expect.arrayContaining([expect.stringMatching(/1 video per post; this one has 2/)]));
    expect(messages("bluesky", [image({ byteSize: 5_000_000 })])).toEqual([]);
    expect(messages("bluesky", [video({ durationMs: 200_000 })])).toEqual([expect.stringMatching(/lasts 200 s; Bluesky takes videos of at most 180 s/)]);
  });

  it("X: at most 4 pictures, or one video or GIF (a GIF counts as the video)", () => {
    expect(messages("x", [image(), image(), image(), image()])).toEqual([]);
    expect(messages("x", [image({ kind: "GIF", mimeType: "image/gif" })])).toEqual([]);
    expect(messages("x", [image(), image({ kind: "GIF", mimeType: "image/gif" })])).toEqual([expect.stringMatching(/not both/)]);
    expect(messages("x", [video({ width: 4000, height: 1000 })])).toEqual([expect.stringMatching(/takes shapes from 0.33:1 to 3:1/)]);
  });

  it("Instagram: media required, JPEG only, 4:5 to 1.91:1", () => {
    expect(messages("instagram", [])).toEqual(["Instagram needs a picture or a video."]);
    expect(messages("instagram", [image()])).toEqual([]);
    expect(messages("instagram", [image({ mimeType: "image/png", fileName: "s.png" })])).toEqual([expect.stringMatching(/does not take image\/png/)]);
    expect(messages("instagram", [image({ width: 1080, height: 1920 })])).toEqual([expect.stringMatching(/0.56:1/)]);
  });

  it("TikTok: a video is required", () => {
    expect(messages("tiktok", [image()])).toEqual(expect.arrayContaining(["TikTok needs a video."]));
    expect(messages("tiktok", [video()])).toEqual([]);
  });

  it("every finding is a blocking channel-media violation, in English and Polish", () => {
    const [violation] = checkVariant("mastodon", { text: "Hi", media: [image({ byteSize: 20_000_000 })] }).violations;
    expect(violation).toMatchObject({ ruleId: "channel-media", severity: "block" });
    expect(violation!.message.pl).toMatch(/ma 20 MB; Mastodon przyjmuje najwyżej 16 MB na zdjęcie/);
  });

  it("every network states its numbers and where they come from", () => {
    for (const module of Object.values(networkModules)) {
      expect(module.media.source.length).toBeGreaterThan(10);
      expect(module.media.maxVideos).toBeLessThanOrEqual(module.media.maxItems);
    }
  });
});

describe("alt text", () => {
  const plan = (severity?: "warn" | "block" | "off") => ({
    rules: mixRulesSchema.parse(severity ? { altText: { severity } } : {}),
    timeZone: "Europe/Warsaw",
    channels: [{ id: "c1", name: "Brand", network: "mastodon" as const, enabled: true }],
  });
  const item = (media: MediaFacts[]) => ({ postId: "p1", channelId: "c1", channelName: "Brand", network: "mastodon" as const, category: "educational", at: Date.UTC(2026, 11, 10, 9), text: "Hello", media });
  const altFindings = (severity: "warn" | "block" | "off" | undefined, media: MediaFacts[]) => evaluatePlan([item(media)], plan(severity)).filter((v) => v.ruleId === "media-alt-text");

  it("warns by default when a picture has none, blocks when the workspace says so, is silent when off", () => {
    const missing = [image({ altText: "  ", fileName: "door.jpg" }), image()];
    expect(altFindings(undefined, missing)).toEqual([expect.objectContaining({ severity: "warn", data: { missing: 1 } })]);
    expect(altFindings(undefined, missing)[0]!.message.en).toMatch(/door\.jpg/);
    expect(altFindings("block", missing)).toEqual([expect.objectContaining({ severity: "block" })]);
    expect(altFindings("off", missing)).toEqual([]);
    expect(altFindings("block", [image()])).toEqual([]);
  });
});

describe("type sniffing", () => {
  const bytes = (...values: (number | string)[]) => new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])).concat(Array(16).fill(0)));
  it("reads the type from the first bytes, never the name", () => {
    expect(sniffMediaType(bytes(0xff, 0xd8, 0xff, 0xe0))?.mimeType).toBe("image/jpeg");
    expect(sniffMediaType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a))?.mimeType).toBe("image/png");
    expect(sniffMediaType(bytes("GIF89a", 40, 0, 30, 0))?.kind).toBe("GIF");
    expect(gifDimensions(bytes("GIF89a", 40, 1, 30, 0))).toEqual({ width: 296, height: 30 });
    expect(sniffMediaType(bytes("RIFF", 0, 0, 0, 0, "WEBP"))?.mimeType).toBe("image/webp");
    expect(sniffMediaType(bytes(0, 0, 0, 0x20, "ftypisom"))?.mimeType).toBe("video/mp4");
    expect(sniffMediaType(bytes(0, 0, 0, 0x14, "ftypqt  "))?.mimeType).toBe("video/quicktime");
    expect(sniffMediaType(bytes(0, 0, 0, 0x18, "ftypheic"))).toBeNull();
    expect(sniffMediaType(bytes("MZ", 0x90, 0))).toBeNull();
    expect(sniffMediaType(bytes("<svg xmlns="))).toBeNull();
  });
});
