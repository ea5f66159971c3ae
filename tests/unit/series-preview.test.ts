import { describe, expect, it } from "vitest";
import { previewDates } from "~/components/editor/repetition-fields";

const weekly = { repeat: "weekly", interval: "1", byWeekday: ["TU"], ends: "count", until: "", count: "6", missing: "last-day" };

describe("the editor's preview of a series' dates", () => {
  it("counts the whole series: from its third post, a series of 6 has 4 dates left", () => {
    const when = { date: "2026-12-15", time: "12:30" };
    expect(previewDates(weekly, when, "Europe/Warsaw")!.occurrences).toHaveLength(6);
    expect(previewDates(weekly, when, "Europe/Warsaw", 6, 2)!.occurrences.map((o) => o.key)).toEqual(["2026-12-15", "2026-12-22", "2026-12-29", "2027-01-05"]);
  });
});
