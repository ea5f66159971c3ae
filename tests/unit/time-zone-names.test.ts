import { describe, expect, it } from "vitest";
import { canonicalTimeZone } from "~/domain/time-zones";
import { createWorkspaceSchema } from "~/domain/workspace-schemas";

describe("time zone names", () => {
  it("are stored as the platform spells them, whatever case they were typed in", () => {
    expect(canonicalTimeZone("europe/warsaw")).toBe("Europe/Warsaw");
    expect(canonicalTimeZone("AMERICA/NEW_YORK")).toBe("America/New_York");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(createWorkspaceSchema.parse({ name: "Muzeum", timeZone: "europe/warsaw" }).timeZone).toBe("Europe/Warsaw");
  });

  it("refuse what is not a zone", () => {
    for (const bad of ["Europe/Nowhere", "GMT+1", "", "Europe/Warsaw\u0000", "x".repeat(100)]) expect(canonicalTimeZone(bad), bad).toBeNull();
  });
});
