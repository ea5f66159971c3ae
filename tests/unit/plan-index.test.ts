import { describe, expect, it } from "vitest";
import { evaluatePlan } from "~/domain/mix-rules";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { PlanIndex, type PlanItem } from "~/domain/plan-index";
import { jaccard, normalizeText, shingles } from "~/domain/text-fingerprint";

const start = Date.UTC(2027, 0, 4, 8);
const HOUR = 3_600_000;
const item = (n: number, text: string, channel = "li"): PlanItem => ({
  postId: `p${n}`,
  title: `Post ${n}`,
  channelId: channel,
  channelName: channel === "li" ? "LinkedIn" : "X",
  network: channel === "li" ? "linkedin" : "x",
  category: "educational",
  at: start + n * HOUR,
  text,
});

describe("the nearest earlier candidates of a duplicate check", () => {
  it("are the latest ones before the item, never the item or a later one, and none before `from`", () => {
    const index = new PlanIndex();
    const indexed = Array.from({ length: 40 }, (_, n) => index.add(item(n, "The same words every time")));
    const subject = indexed[30]!;
    const found = index.nearestBefore(subject, "exact", start + 25 * HOUR, () => true, 3);
    expect(found.map((i) => i.postId)).toEqual(["p29", "p28", "p27"]);
    const all = index.nearestBefore(subject, "exact", start + 25 * HOUR, () => true, 100);
    expect(all.map((i) => i.postId)).toEqual(["p29", "p28", "p27", "p26", "p25"]);
  });

  it("look at a bounded number of items however many share the words (ten thousand similar texts are not quadratic)", () => {
    const index = new PlanIndex();
    const indexed = Array.from({ length: 3000 }, (_, n) => index.add(item(n, `Our spring workshop on sourdough baking is open for sign-ups. Seat ${n}`)));
    const last = indexed.at(-1)!;
    let looked = 0;
    const found = index.nearestBefore(last, "bands", 0, () => (looked++, false));
    expect(found).toEqual([]);
    // At most 64 per band list, whatever the plan holds: 16 bands.
    expect(looked).toBeLessThanOrEqual(16 * 64);
    expect(looked).toBeGreaterThan(0);
  });
});

describe("near-duplicates among thousands of near-identical texts", () => {
  it("name for every post after the first an earlier one at least as alike as the post just before it, with the exact similarity", () => {
    const items = Array.from({ length: 2000 }, (_, n) => item(n, `Our spring workshop on sourdough baking is open for sign-ups: join us and bring a friend. Seat ${n}`, n % 2 ? "x" : "li"));
    const rules = mixRulesSchema.parse({ dailyCap: { severity: "off" }, duplicates: { windowDays: 365 } });
    const found = evaluatePlan(items, { rules, timeZone: "UTC" }).filter((v) => v.ruleId === "near-duplicate");
    expect(found).toHaveLength(items.length - 1);
    const similarity = (a: number, b: number) => jaccard(shingles(normalizeText(items[a]!.text)), shingles(normalizeText(items[b]!.text)));
    for (const v of found) {
      const [subject, other] = v.postIds.map((id) => Number(id.slice(1))) as [number, number];
      expect(other).toBeLessThan(subject);
      expect(v.data?.similarity).toBe(Math.floor(similarity(subject, other) * 1000) / 1000);
      expect(similarity(subject, other)).toBeGreaterThanOrEqual(similarity(subject, subject - 1));
    }
  });
});
