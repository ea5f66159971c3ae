// Properties the rules must keep for every plan, not only the examples.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PlanChannel, evaluateNewPost, evaluatePlan } from "~/domain/mix-rules";
import { defaultMixRules } from "~/domain/mix-rules-settings";
import { PlanIndex, type PlanItem } from "~/domain/plan-index";
import { graphemeCount } from "~/domain/text-measure";
import { normalizeText } from "~/domain/text-fingerprint";

const zone = "Europe/Warsaw";
const start = Date.UTC(2026, 11, 1);
const rules = defaultMixRules();
const channels: PlanChannel[] = [
  { id: "li", name: "LinkedIn", network: "linkedin", enabled: true },
  { id: "x", name: "X", network: "x", enabled: true },
  { id: "fb", name: "Facebook", network: "facebook", enabled: true },
];
const ctx = { rules, timeZone: zone, channels, horizon: { from: start, to: start + 30 * 86_400_000 } };
const words = ["kot", "kół", "wystawa", "muzeum", "bilety", "Zapraszamy", "historia", "nowa", "dziś", "jutro", "coffee", "roast", "#sale", "🎉"];

const textArb = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
const itemArb = fc.record({
  channel: fc.constantFrom(...channels),
  category: fc.constantFrom(...rules.categories.map((c) => c.id)),
  minutes: fc.integer({ min: 0, max: 30 * 24 * 60 }),
  text: textArb,
});
const planArb = fc.array(itemArb, { maxLength: 25 }).map((items) =>
  items.map(
    (i, n): PlanItem => ({
      postId: `p${String(n).padStart(3, "0")}`,
      channelId: i.channel.id,
      channelName: i.channel.name,
      network: i.channel.network,
      category: i.category,
      at: start + i.minutes * 60_000,
      text: i.text,
    }),
  ),
);

const key = (v: { ruleId: string; postIds: string[]; channelId?: string }) => `${v.ruleId}|${v.channelId}|${v.postIds.join(",")}`;
const keys = (items: PlanItem[]) => evaluatePlan(items, ctx).map(key).sort();

describe("mix-rule properties", () => {
  it("do not depend on the order the plan is given in", () => {
    fc.assert(
      fc.property(planArb, fc.infiniteStream(fc.nat()), (items, randoms) => {
        const shuffled = [...items].sort(() => (randoms.next().value % 3) - 1);
        expect(keys(shuffled)).toEqual(keys(items));
      }),
      { numRuns: 200 },
    );
  });

  it("never report a self-promotion violation because a non-promotional post was added", () => {
    const plain = rules.categories.filter((c) => !c.promotional).map((c) => c.id);
    fc.assert(
      fc.property(planArb, itemArb, fc.constantFrom(...plain), (items, extra, category) => {
        const selfPromotion = (list: PlanItem[]) => evaluatePlan(list, ctx).filter((v) => v.ruleId.startsWith("self-promotion")).length;
        const added: PlanItem = { postId: "added", channelId: extra.channel.id, channelName: extra.channel.name, network: extra.channel.network, category, at: start + extra.minutes * 60_000, text: extra.text };
        expect(selfPromotion([...items, added])).toBeLessThanOrEqual(selfPromotion(items));
      }),
      { numRuns: 300 },
    );
  });

  it("never let a verbatim duplicate pass by changing case, spacing, punctuation or tracking parameters", () => {
    const variation = fc.record({
      upper: fc.boolean(),
      spaces: fc.constantFrom(" ", "  ", "\n", " \t "),
      punctuation: fc.constantFrom("", "!", "...", " —", ","),
      tracking: fc.constantFrom("", "?utm_source=x", "?utm_medium=social&utm_campaign=dec", "?fbclid=abc123"),
    });
    fc.assert(
      fc.property(textArb, variation, fc.constantFrom(...channels), (text, v, other) => {
        const url = "https://muzeum.example/wystawa";
        const original = `${text} ${url}`;
        let changed = `${text.split(" ").join(v.spaces)}${v.punctuation} ${url}${v.tracking}`;
        if (v.upper) changed = changed.toUpperCase().replace(url.toUpperCase(), url);
        const a: PlanItem = { postId: "a", channelId: "li", channelName: "LinkedIn", network: "linkedin", category: "news", at: start, text: original };
        const b: PlanItem = { postId: "b", channelId: other.id, channelName: other.name, network: other.network, category: "news", at: start + 3_600_000 * 5, text: changed };
        expect(evaluatePlan([a, b], ctx).filter((x) => x.ruleId === "duplicate").map((x) => x.postIds)).toEqual([["b", "a"]]);
      }),
      { numRuns: 300 },
    );
  });

  it("keep Polish letters apart: words differing only by diacritics are different texts", () => {
    for (const [a, b] of [["kot", "kół"], ["zle", "źle"], ["laska", "łaska"], ["Zolw", "Żółw"]] as const) {
      expect(normalizeText(a)).not.toBe(normalizeText(b));
    }
    expect(normalizeText("Żółw")).toBe(normalizeText("żółw"));
  });

  it("check one new post exactly as the whole plan would", () => {
    fc.assert(
      fc.property(planArb, itemArb, (items, extra) => {
        const added: PlanItem = { postId: "new", channelId: extra.channel.id, channelName: extra.channel.name, network: extra.channel.network, category: extra.category, at: start + extra.minutes * 60_000, text: extra.text };
        const whole = evaluatePlan([...items, added], ctx)
          .filter((v) => v.ruleId !== "quiet-channel" && v.postIds.includes("new"))
          .map(key)
          .sort();
        const { own, consequences } = evaluateNewPost(new PlanIndex(items), [added], ctx);
        expect(own.every((v) => v.postIds[0] === "new")).toBe(true);
        expect([...own, ...consequences].map(key).sort()).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("suggest only times that work: moved there, the post breaks no blocking rule and makes no other post break one", () => {
    fc.assert(
      fc.property(planArb, (items) => {
        for (const v of evaluatePlan(items, ctx)) {
          const at = v.data?.suggestedAt;
          if (typeof at !== "number") continue;
          const subject = v.postIds[0]!;
          const moved = items.map((i) => (i.postId === subject ? { ...i, at } : i));
          const after = evaluatePlan(moved, ctx).filter((x) => x.severity === "block" && x.postIds.includes(subject));
          expect(after.map(key)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never have a post conflict with itself or a series with its own dates, and report each finding once", () => {
    // Posts of one to three channels sharing their words, some of them dates of one series.
    const postArb = fc.record({ channels: fc.subarray(channels, { minLength: 1 }), category: fc.constantFrom(...rules.categories.map((c) => c.id)), minutes: fc.integer({ min: 0, max: 30 * 24 * 60 }), text: textArb, series: fc.constantFrom(null, "s1", "s2") });
    fc.assert(
      fc.property(fc.array(postArb, { maxLength: 12 }), (posts) => {
        const items = posts.flatMap((p, n) =>
          p.channels.map((c): PlanItem => ({ postId: `p${n}`, channelId: c.id, channelName: c.name, network: c.network, category: p.category, at: start + p.minutes * 60_000, text: p.text, seriesId: p.series })),
        );
        const series = new Map(items.map((i) => [i.postId, i.seriesId]));
        const found = evaluatePlan(items, ctx);
        for (const v of found) {
          expect(new Set(v.postIds).size).toBe(v.postIds.length);
          expect((v.related ?? []).some((r) => r.postId === v.postIds[0])).toBe(false);
          if (v.ruleId === "duplicate" || v.ruleId === "near-duplicate") {
            const [a, b] = v.postIds;
            expect(series.get(a!) != null && series.get(a!) === series.get(b!)).toBe(false);
          }
        }
        const finding = (v: (typeof found)[number]) => `${key(v)}|${v.data?.from ?? ""}`;
        expect(new Set(found.map(finding)).size).toBe(found.length);
      }),
      { numRuns: 300 },
    );
  });

  it("count flags and ZWJ emoji sequences as one grapheme each", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("👨‍👩‍👧", "🇵🇱", "🏳️‍🌈", "👍🏽", "é", "a"), { maxLength: 50 }), (parts) => {
        expect(graphemeCount(parts.join(""))).toBe(parts.length);
      }),
    );
  });
});
