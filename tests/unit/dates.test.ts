import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "~/utils/dates";

describe("the one date formatter", () => {
  it("writes a moment in the zone it belongs to, the same order in both languages, a 24-hour clock", () => {
    const instant = new Date("2026-12-07T11:30:00Z");
    expect(formatDateTime(instant, "Europe/Warsaw", "en")).toBe("Mon 7 Dec 2026, 12:30");
    expect(formatDateTime(instant, "Europe/Warsaw", "pl")).toBe("pon. 7 gru 2026, 12:30");
    expect(formatDateTime(instant.toISOString(), "America/New_York", "en")).toBe("Mon 7 Dec 2026, 06:30");
    expect(formatDate(instant.getTime(), "Asia/Tokyo", "pl")).toBe("pon. 7 gru 2026");
  });
});
