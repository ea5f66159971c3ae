import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify } from "~/domain/slug";

describe("slugify", () => {
  it("folds Polish letters, including ł which has no decomposition", () => {
    expect(slugify("Łódzka Spółdzielnia Mleczarska")).toBe("lodzka-spoldzielnia-mleczarska");
    expect(slugify("Zażółć gęślą jaźń")).toBe("zazolc-gesla-jazn");
  });

  it("falls back to a name when nothing usable is left", () => {
    expect(slugify("🎉🎉")).toBe("workspace");
  });

  it("always yields a URL-safe slug of at most 48 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(48);
      }),
    );
  });
});
