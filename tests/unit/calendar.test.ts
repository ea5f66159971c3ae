import { describe, expect, it } from "vitest";
import { calendarQuerySchema, calendarRange } from "~/domain/calendar-range";
import { defaultMixRules } from "~/domain/mix-rules-settings";
import { summariseMix } from "~/domain/mix-summary";
import { categoryLabel } from "~/i18n/category-label";
import { pickLocale } from "~/i18n/locales";
import { en } from "~/i18n/en";
import { pl } from "~/i18n/pl";

describe("calendar ranges in the workspace's zone", () => {
  it("shows a month as whole weeks from Monday, the DST day 23 hours long", () => {
    const march = calendarRange("month", "2027-03-15", "Europe/Warsaw", new Date("2027-03-01T12:00:00Z"));
    expect(march.days[0]).toBe("2027-03-01");
    expect(march.days.at(-1)).toBe("2027-04-04");
    expect(march.days).toHaveLength(35);
    expect(march.from.toISOString()).toBe("2027-02-28T23:00:00.000Z");
    // After the jump to summer time on 28 March, local midnight is 22:00 UTC.
    expect(march.to.toISOString()).toBe("2027-04-04T22:00:00.000Z");
    expect([march.previous, march.next]).toEqual(["2027-02-01", "2027-04-01"]);
  });

  it("marks today in the zone, not on the server's clock", () => {
    const range = calendarRange("week", undefined, "Pacific/Auckland", new Date("2026-11-22T20:00:00Z"));
    expect(range.today).toBe("2026-11-23");
    expect(range.days).toHaveLength(7);
  });

  it("reads bad query values as defaults instead of failing", () => {
    expect(calendarQuerySchema.parse({ view: "year", date: "2026-13-45" })).toEqual({ view: "week", date: undefined, channel: undefined, category: undefined, status: undefined, tag: undefined });
  });
});

describe("the mix panel's picture", () => {
  const rules = defaultMixRules();
  const day = 86_400_000;
  const channels = [{ id: "c1", name: "X", network: "x", enabled: true }];
  it("shares by category, the promotional share against 1 in N, and quiet gaps", () => {
    const from = Date.UTC(2026, 11, 1);
    const posts = [{ channelId: "c1", counts: { promotional: 1, offer: 1, educational: 2 }, times: [from + day, from + 2 * day, from + 3 * day, from + 20 * day] }];
    const [mix] = summariseMix(posts, { channels, categories: rules.categories, rules, from, to: from + 28 * day });
    expect(mix!.byCategory.map((c) => [c.id, c.share])).toEqual([["educational", 0.5], ["promotional", 0.25], ["offer", 0.25]]);
    expect(mix!.promoShare).toBe(0.5);
    expect(mix!.overPromo).toBe(true);
    expect(mix!.gaps).toEqual([
      { from: from + 3 * day, to: from + 20 * day, days: 17 },
      { from: from + 20 * day, to: from + 28 * day, days: 8 },
    ]);
  });
});

describe("languages", () => {
  it("takes the person's choice, else the browser's best supported one, else English", () => {
    expect(pickLocale("pl", "en-GB")).toBe("pl");
    expect(pickLocale(null, "de-DE,de;q=0.9,pl;q=0.8,en;q=0.5")).toBe("pl");
    expect(pickLocale(null, "fr")).toBe("en");
    expect(pickLocale("xx", null)).toBe("en");
  });

  it("Polish has every English key, with Polish plural forms", () => {
    const keys = (o: object, prefix = ""): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(pl).sort()).toEqual(keys(en).sort());
    expect([1, 2, 5, 22, 25].map((n) => pl.mix.posts(n))).toEqual(["1 post", "2 posty", "5 postów", "22 posty", "25 postów"]);
    expect(en.mix.posts(1)).toBe("1 post");
  });

  it("shows the default categories in the person's language, and a renamed one as the workspace named it", () => {
    expect(categoryLabel({ id: "news", label: "News" }, pl)).toBe("Aktualności");
    expect(categoryLabel({ id: "news", label: "Nowinki" }, pl)).toBe("Nowinki");
    expect(categoryLabel({ id: "exhibitions", label: "Exhibitions" }, pl)).toBe("Exhibitions");
  });
});
