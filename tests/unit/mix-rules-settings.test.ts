import { describe, expect, it } from "vitest";
import { defaultMixRules, mixRulesSchema } from "~/domain/mix-rules-settings";

describe("mix-rule settings", () => {
  it("defaults to blocking self-promotion beyond 1 in 4 and verbatim duplicates, warning on the rest", () => {
    const rules = defaultMixRules();
    expect(rules.selfPromotion).toMatchObject({ severity: "block", onePer: 4 });
    expect(rules.duplicates).toMatchObject({ sameChannel: "block", otherChannels: "block", withinPost: "warn", windowDays: 90, nearSeverity: "warn", nearThreshold: 0.8 });
    // Settings saved before the rule told channels apart keep their one severity for both.
    expect(mixRulesSchema.parse({ duplicates: { severity: "warn", windowDays: 30 } }).duplicates).toMatchObject({ sameChannel: "warn", otherChannels: "warn", withinPost: "warn", windowDays: 30 });
    expect(rules.offers).toMatchObject({ severity: "warn", perWeek: 2 });
    expect(rules.quietChannel).toMatchObject({ severity: "warn", days: 7 });
    expect(rules.categories.map((c) => c.id)).toEqual(["educational", "engagement", "curated", "news", "behind-the-scenes", "promotional", "offer"]);
  });

  it("keeps what is set and fills the rest", () => {
    const rules = mixRulesSchema.parse({ offers: { perWeek: 1 } });
    expect(rules.offers).toEqual({ severity: "warn", perWeek: 1 });
    expect(rules.selfPromotion.onePer).toBe(4);
  });

  it("refuses nonsense with the path of the bad value", () => {
    const result = mixRulesSchema.safeParse({ selfPromotion: { onePer: 1 }, categories: [{ id: "a", label: "A", promotional: false }, { id: "a", label: "B", promotional: true }] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("selfPromotion.onePer");
    expect(paths).toContain("categories");
  });
});
