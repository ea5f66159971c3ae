import { describe, expect, it } from "vitest";
import { checkVariant } from "~/domain/channel-rules";
import { parseNetworkKind } from "~/channels/networks";

const ruleIds = (check: ReturnType<typeof checkVariant>) => check.violations.map((v) => v.ruleId);

describe("X", () => {
  it("counts 280 weighted characters the way X does", () => {
    expect(checkVariant("x", { text: "a".repeat(280) })).toMatchObject({ count: 280, limit: 280, over: 0, violations: [] });
    const over = checkVariant("x", { text: "a".repeat(281) });
    expect(over).toMatchObject({ count: 281, over: 1 });
    expect(over.violations[0]).toMatchObject({ ruleId: "channel-length", severity: "block" });
    expect(over.violations[0]!.message.en).toBe("The text on X has 281 weighted characters; X allows 280 (1 too many).");
  });

  it("counts a URL as 23, emoji and CJK as 2, and composes to NFC", () => {
    expect(checkVariant("x", { text: `https://example.com/${"long/".repeat(40)}` }).count).toBe(23);
    expect(checkVariant("x", { text: "👍" }).count).toBe(2);
    expect(checkVariant("x", { text: "日本語" }).count).toBe(6);
    expect(checkVariant("x", { text: "e\u0301" }).count).toBe(1);
    expect(checkVariant("x", { text: "zażółć gęślą jaźń" }).count).toBe(17);
  });

  it("refuses a text twitter-text calls invalid, as X would, though it is within the length", () => {
    for (const text of ["Bilety \uFFFE online", "Bilety online\uFFFF", "\uFEFFBilety online"]) {
      expect(ruleIds(checkVariant("x", { text }))).toEqual(["channel-characters"]);
    }
    expect(ruleIds(checkVariant("mastodon", { text: "Bilety \uFFFE online" }))).toEqual([]);
  });

  it("is also written twitter", () => {
    expect(parseNetworkKind("Twitter")).toBe("x");
    expect(parseNetworkKind(" LinkedIn ")).toBe("linkedin");
    expect(parseNetworkKind("myspace")).toBeNull();
  });
});

describe("Mastodon", () => {
  it("counts URLs as 23 and remote mentions by their local part", () => {
    expect(checkVariant("mastodon", { text: `See https://example.com/${"x".repeat(100)}` }).count).toBe(4 + 23);
    expect(checkVariant("mastodon", { text: "@anna@mastodon.social hi" }).count).toBe("@anna hi".length);
  });

  it("takes the instance's own limit from the channel settings", () => {
    expect(checkVariant("mastodon", { text: "a".repeat(600) }).over).toBe(100);
    expect(checkVariant("mastodon", { text: "a".repeat(600) }, { characterLimit: 1000 }).violations).toEqual([]);
  });
});

describe("Bluesky", () => {
  it("counts grapheme clusters: a ZWJ family and a flag are one each", () => {
    expect(checkVariant("bluesky", { text: "👨‍👩‍👧" }).count).toBe(1);
    expect(checkVariant("bluesky", { text: "🇵🇱🇺🇦" }).count).toBe(2);
    expect(checkVariant("bluesky", { text: "e\u0301" }).count).toBe(1);
  });

  it("blocks past 300 graphemes, and past 3,000 bytes even within 300 graphemes", () => {
    expect(ruleIds(checkVariant("bluesky", { text: "a".repeat(300) }))).toEqual([]);
    expect(ruleIds(checkVariant("bluesky", { text: "a".repeat(301) }))).toEqual(["channel-length"]);
    const families = checkVariant("bluesky", { text: "👨‍👩‍👧".repeat(200) });
    expect(families.count).toBe(200);
    expect(ruleIds(families)).toEqual(["channel-bytes"]);
  });
});

describe("other networks", () => {
  it("Threads: 500 characters with emoji by their bytes, at most 5 links", () => {
    expect(checkVariant("threads", { text: "👍" }).count).toBe(4);
    const links = Array.from({ length: 6 }, (_, i) => `https://example.com/${i}`).join(" ");
    expect(ruleIds(checkVariant("threads", { text: links }))).toEqual(["channel-links"]);
  });

  it("Instagram: media required, at most 5 hashtags unless the channel says otherwise", () => {
    const media = ["https://cdn.example/a.jpg"];
    expect(ruleIds(checkVariant("instagram", { text: "#a #b #c #d #e", mediaUrls: media }))).toEqual([]);
    expect(ruleIds(checkVariant("instagram", { text: "#a #b #c #d #e #f", mediaUrls: media }))).toEqual(["channel-hashtags"]);
    expect(ruleIds(checkVariant("instagram", { text: "#a #b #c #d #e #f", mediaUrls: media }, { hashtagLimit: 30 }))).toEqual([]);
    expect(ruleIds(checkVariant("instagram", { text: "No picture" }))).toEqual(["channel-media"]);
    expect(checkVariant("instagram", { text: "x".repeat(2201), mediaUrls: media }).over).toBe(1);
  });

  it("TikTok: a video is required", () => {
    expect(ruleIds(checkVariant("tiktok", { text: "Hi", mediaUrls: ["https://cdn.example/a.jpg"] }))).toEqual(["channel-media"]);
    expect(ruleIds(checkVariant("tiktok", { text: "Hi", mediaUrls: ["https://cdn.example/a.mp4?sig=1"] }))).toEqual([]);
  });

  it("LinkedIn 3,000, Facebook 63,206, webhook unlimited", () => {
    expect(checkVariant("linkedin", { text: "a".repeat(3001) }).over).toBe(1);
    expect(checkVariant("facebook", { text: "a".repeat(63_207) }).over).toBe(1);
    expect(checkVariant("webhook", { text: "a".repeat(100_000) })).toMatchObject({ limit: null, over: 0, violations: [] });
  });

  it("explains in Polish too", () => {
    const [violation] = checkVariant("linkedin", { text: "a".repeat(3010) }).violations;
    expect(violation!.message.pl).toBe("Tekst na LinkedInie ma 3010 znaków; LinkedIn pozwala na 3000 (o 10 za dużo).");
    expect(violation!.suggestion!.pl).toBe("Skróć go o 10.");
  });
});
