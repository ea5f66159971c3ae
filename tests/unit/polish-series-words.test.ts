import { describe, expect, it } from "vitest";
import { series } from "~/i18n/series.pl";

describe("the series' Polish words", () => {
  it("make the verb agree with how many posts left the plan", () => {
    expect(series.stopped("wt 22 gru 2026", 1)).toContain("zniknął 1 późniejszy post");
    expect(series.stopped("wt 22 gru 2026", 2)).toContain("zniknęły 2 późniejsze posty");
    expect(series.stopped("wt 22 gru 2026", 5)).toContain("zniknęło 5 późniejszych postów");
  });

  it("say 'we wtorek', and 'w' before the other days", () => {
    const anchor = { day: 1, dayMonth: "1 grudnia" };
    expect(series.rule("weekly", 1, ["TU"], anchor, "12:30")).toContain(" we wtorek o 12:30");
    expect(series.rule("weekly", 1, ["MO", "TU"], anchor, "12:30")).toContain(" w poniedziałek i wtorek");
  });
});
