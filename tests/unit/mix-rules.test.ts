import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type PlanChannel, evaluateNewPost, evaluatePlan } from "~/domain/mix-rules";
import { type MixRules, mixRulesSchema } from "~/domain/mix-rules-settings";
import { PlanIndex, type PlanItem } from "~/domain/plan-index";

const zone = "Europe/Warsaw";
const at = (day: number, time = "09:00") => DateTime.fromISO(`2026-12-${String(day).padStart(2, "0")}T${time}`, { zone }).toMillis();
const channels: PlanChannel[] = [
  { id: "li", name: "LinkedIn", network: "linkedin", enabled: true },
  { id: "x", name: "X", network: "x", enabled: true },
];
let n = 0;
const post = (day: number, category: string, text = `Unique text number ${++n} about something else entirely ${n * 7919}`, channelId = "li", time = "09:00"): PlanItem => ({
  postId: `p${++n}`,
  title: `Post ${n}`,
  channelId,
  channelName: channelId === "li" ? "LinkedIn" : "X",
  network: channelId === "li" ? "linkedin" : "x",
  category,
  at: at(day, time),
  text,
});
const rules = (overrides: Record<string, unknown> = {}): MixRules => mixRulesSchema.parse(overrides);
const check = (items: PlanItem[], r = rules(), horizon?: { from: number; to: number }) => evaluatePlan(items, { rules: r, timeZone: zone, channels, horizon });
const only = (items: PlanItem[], ruleId: string, r?: MixRules) => check(items, r).filter((v) => v.ruleId === ruleId);

describe("self-promotion", () => {
  it("blocks a second promotional post within 4 on a channel, naming both and saying what would pass", () => {
    const a = post(1, "promotional");
    const b = post(2, "educational");
    const c = post(3, "promotional");
    const d = post(4, "news");
    const e = post(5, "curated");
    const [v, ...rest] = only([a, b, c, d, e], "self-promotion");
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ severity: "block", postIds: [c.postId, a.postId], channelId: "li", related: [{ postId: a.postId, title: a.title, at: a.at }] });
    expect(v!.message.en).toBe("2 of the last 3 posts on LinkedIn are promotional; the limit is 1 in 4.");
    expect(v!.message.pl).toBe("2 z ostatnich 3 postów na LinkedInie to promocja; limit to 1 na 4.");
    // The earliest day at the same time that passes: after d and e, three posts separate it from a.
    expect(v!.suggestion!.en).toBe("Move it to Sun 6 Dec, 09:00 (the earliest time at which it breaks no blocking rule), or plan 2 more posts that are not promotional before it.");
    expect(v!.suggestion!.pl).toBe("Przenieś go na niedz. 6 gru, 09:00 (najwcześniejszy termin, w którym nie łamie żadnej blokującej reguły) albo zaplanuj przed nim 2 posty niepromocyjne.");
  });

  it("passes with three other posts between, and counts each channel apart", () => {
    expect(only([post(1, "promotional"), post(2, "news"), post(3, "news"), post(4, "news"), post(5, "promotional")], "self-promotion")).toEqual([]);
    expect(only([post(1, "promotional"), post(1, "promotional", undefined, "x", "12:00")], "self-promotion")).toEqual([]);
  });

  it("optionally caps the promotional share over a rolling window", () => {
    const r = rules({ selfPromotion: { onePer: 2, maxShare: { percent: 25, days: 7 } } });
    const found = only([post(1, "news"), post(2, "promotional"), post(3, "news"), post(4, "promotional")], "self-promotion-share", r);
    expect(found.map((v) => v.message.en)).toEqual([
      "50% of the posts on LinkedIn in the 7 days up to this one are promotional (1 of 2); the limit is 25%.",
      "50% of the posts on LinkedIn in the 7 days up to this one are promotional (2 of 4); the limit is 25%.",
    ]);
  });

  it("can be turned off or made a warning", () => {
    const items = [post(1, "promotional"), post(2, "promotional")];
    expect(only(items, "self-promotion", rules({ selfPromotion: { severity: "off" } }))).toEqual([]);
    expect(only(items, "self-promotion", rules({ selfPromotion: { severity: "warn" } }))[0]!.severity).toBe("warn");
  });
});

describe("duplicates", () => {
  const text = "Od piątku nowa wystawa „Miasto w kadrze”. Bilety już w sprzedaży! https://muzeum.example/w";

  it("blocks the same text on another channel, whatever the case, spacing, punctuation or tracking", () => {
    const a = post(1, "news", text);
    const b = post(2, "news", "OD PIĄTKU nowa wystawa Miasto w kadrze   Bilety już w sprzedaży https://muzeum.example/w?utm_source=x&fbclid=1", "x");
    const [v] = only([a, b], "duplicate");
    expect(v).toMatchObject({ severity: "block", postIds: [b.postId, a.postId], channelId: "x" });
    expect(v!.message.en).toBe(`The same text is planned on LinkedIn too: “${a.title}” (Tue 1 Dec, 09:00).`);
    expect(v!.message.pl).toBe(`Ten sam tekst jest zaplanowany także na LinkedInie: „${a.title}” (wt. 1 gru, 09:00).`);
  });

  it("blocks the same text again on one channel within the window, not after it", () => {
    expect(only([post(1, "news", text), post(20, "news", text)], "duplicate")).toHaveLength(1);
    const r = rules({ duplicates: { windowDays: 10 } });
    expect(only([post(1, "news", text), post(20, "news", text)], "duplicate", r)).toEqual([]);
    // …though LinkedIn itself still refuses the same words on one account.
    expect(only([post(1, "news", text), post(20, "news", text)], "network-duplicate", r)).toHaveLength(1);
  });

  it("warns on a near-duplicate, naming the closest earlier post and the similarity", () => {
    const a = post(1, "news", text);
    const b = post(3, "news", `${text} Zapraszamy`, "x");
    const [v] = only([a, b], "near-duplicate");
    expect(v).toMatchObject({ severity: "warn", postIds: [b.postId, a.postId] });
    expect(v!.message.en).toMatch(/^This text is 8\d% the same as one planned on LinkedIn too: “Post \d+” \(Tue 1 Dec, 09:00\)\.$/);
    expect(v!.data!.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it("does not take different Polish words for the same: kot is not kół", () => {
    expect(only([post(1, "news", "Nasz kot"), post(2, "news", "Nasz kół", "x")], "duplicate")).toEqual([]);
  });
});

describe("offers, daily cap, spacing", () => {
  it("flags a third offer within 7 days and says when it would pass", () => {
    const found = only([post(1, "offer"), post(3, "offer"), post(5, "offer")], "offer-flood", rules({ selfPromotion: { severity: "off" }, offers: { severity: "block" } }));
    expect(found).toHaveLength(1);
    expect(found[0]!.message.en).toBe("3 offers, discounts or contests on LinkedIn within 7 days; the limit is 2 a week.");
    expect(found[0]!.message.pl).toBe("3 oferty, rabaty lub konkursy na LinkedInie w ciągu 7 dni; limit to 2 na tydzień.");
    expect(found[0]!.suggestion!.en).toBe("Move it to Tue 8 Dec, 09:00 (the earliest time at which it breaks no blocking rule).");
  });

  it("warns past the daily cap in the workspace's own day, and on posts too close together", () => {
    const day = [post(4, "news", undefined, "li", "08:00"), post(4, "news", undefined, "li", "12:00"), post(4, "news", undefined, "li", "16:00"), post(4, "news", undefined, "li", "23:30")];
    const next = post(5, "news", undefined, "li", "00:30");
    expect(only([...day, next], "daily-cap").map((v) => v.postIds[0])).toEqual([day[3]!.postId]);
    const spaced = only([...day, next], "spacing");
    expect(spaced).toHaveLength(0);
    const close = only([post(6, "news", undefined, "li", "09:00"), post(6, "news", undefined, "li", "09:20")], "spacing");
    expect(close[0]!.message.en).toMatch(/^Only 20 minutes after the previous post on LinkedIn, “Post \d+” \(Sun 6 Dec, 09:00\); keep at least 60 minutes between posts\.$/);
  });
});

describe("quiet channels", () => {
  it("warns when an enabled channel has nothing for more than 7 days in the visible range", () => {
    const horizon = { from: at(1, "00:00"), to: at(31, "00:00") };
    const items = [post(2, "news"), post(6, "news"), post(20, "news"), post(27, "news"), post(3, "news", undefined, "x"), post(9, "news", undefined, "x"), post(16, "news", undefined, "x"), post(23, "news", undefined, "x"), post(29, "news", undefined, "x")];
    const found = check(items, rules(), horizon).filter((v) => v.ruleId === "quiet-channel");
    expect(found).toHaveLength(1);
    expect(found[0]!.message.en).toBe("Nothing is planned on LinkedIn from 6 Dec to 20 Dec (14 days); a quiet profile looks forgotten. The limit is 7 days.");
    expect(found[0]!.message.pl).toBe("Na LinkedInie nic nie jest zaplanowane od 6 gru do 20 gru (14 dni); milczący profil wygląda na porzucony. Limit to 7 dni.");
    expect(found[0]!.postIds).toEqual([]);
    expect(found[0]!.related!.map((r) => r.postId)).toEqual([items[1]!.postId, items[2]!.postId]);
  });
});

describe("checking one new post against a plan", () => {
  it("reports its own violations apart from what it causes for later posts, and leaves the plan as it was", () => {
    const later = post(5, "promotional");
    const plan = [post(1, "news"), later];
    const index = new PlanIndex(plan);
    const newcomer = post(3, "promotional");
    const found = evaluateNewPost(index, [newcomer], { rules: rules(), timeZone: zone, channels });
    expect(found.own).toEqual([]);
    expect(found.consequences.map((v) => [v.ruleId, v.postIds])).toEqual([["self-promotion", [later.postId, newcomer.postId]]]);
    expect(index.channelItems("li")).toHaveLength(2);
  });
});

describe("a post never conflicts with itself", () => {
  const text = "Wystawa „Miasto w kadrze” od piątku, bilety online";

  it("groups one post's channels sharing words into one finding, a warning by default", () => {
    const a = { ...post(1, "news", text), postId: "same" };
    const b = { ...post(1, "news", text, "x"), postId: "same" };
    const found = check([a, b]);
    expect(found.map((v) => v.ruleId)).toEqual(["shared-words"]);
    expect(found[0]).toMatchObject({ severity: "warn", postIds: ["same"] });
    expect(found[0]!.message.en).toBe("LinkedIn and X use the same words; each network's audience reads differently.");
    expect(found[0]!.message.pl).toBe("LinkedIn i X mają ten sam tekst; odbiorcy każdej sieci czytają inaczej.");
    expect(check([a, b], rules({ duplicates: { withinPost: "block" } }))[0]!.severity).toBe("block");
  });

  it("takes the dates of one recurring series as one idea, but says when the network would refuse the repeat", () => {
    const weekly = [1, 8, 15].map((day) => ({ ...post(day, "news", text, "x"), seriesId: "series-1" }));
    const found = check(weekly);
    expect(found.filter((v) => v.ruleId === "duplicate" || v.ruleId === "near-duplicate")).toEqual([]);
    const refused = found.filter((v) => v.ruleId === "network-duplicate");
    expect(refused.map((v) => v.postIds[0])).toEqual([weekly[1]!.postId, weekly[2]!.postId]);
    expect(refused[0]!.suggestion!.en).toContain("Give this series at least 13 texts used in turn on X");
    // The advice holds: 13 texts in turn every week never repeat within X's 90 days; 12 do.
    const turns = (n: number) => Array.from({ length: 30 }, (_, w) => ({ ...post(1, "news", `${text} (${w % n})`, "x"), at: at(1) + w * 7 * 86_400_000, seriesId: "series-3" }));
    expect(check(turns(13)).filter((v) => v.ruleId === "network-duplicate")).toEqual([]);
    expect(check(turns(12)).filter((v) => v.ruleId === "network-duplicate").length).toBeGreaterThan(0);
    const mastodon = [1, 8].map((day) => ({ ...post(day, "news", text, "li"), seriesId: "series-2", network: "mastodon" as const, channelName: "Mastodon" }));
    expect(check(mastodon)).toEqual([]);
  });
});

describe("days in the workspace's zone", () => {
  it("counts the daily cap by local days, across a DST change", () => {
    // 25 October 2026: Warsaw's clocks go back; the local day has 25 hours.
    const times = ["00:30", "02:30", "12:00", "23:30"].map((t) => DateTime.fromISO(`2026-10-25T${t}`, { zone }).toMillis());
    const items = times.map((t, i) => ({ ...post(1, "news"), at: t, postId: `dst${i}` }));
    const nextDay = { ...post(1, "news"), at: DateTime.fromISO("2026-10-26T00:10", { zone }).toMillis(), postId: "dst-next" };
    const found = evaluatePlan([...items, nextDay], { rules: rules({ spacing: { severity: "off" } }), timeZone: zone, channels }).filter((v) => v.ruleId === "daily-cap");
    expect(found.map((v) => v.postIds[0])).toEqual(["dst3"]);
  });
});
