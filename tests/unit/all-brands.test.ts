import { describe, expect, it } from "vitest";
import { allBrandsQueryOf, brandColours, brandPalette, zoneCity } from "~/domain/all-brands";

// WCAG 2 relative luminance and contrast ratio.
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe("brand colours", () => {
  it("are readable: white brand names on each (≥ 4.5:1), each stripe on white (≥ 3:1)", () => {
    for (const colour of brandPalette) expect(contrast(colour, "#ffffff"), colour).toBeGreaterThanOrEqual(4.5);
  });

  it("stay with a workspace whatever the order or the filter, and differ for up to 16 brands", () => {
    const ids = Array.from({ length: 16 }, (_, i) => `cm${i.toString(36)}workspace${i * 7919}`);
    const all = brandColours(ids);
    expect(new Set(Object.values(all)).size).toBe(16);
    expect(brandColours([...ids].reverse())).toEqual(all);
    // Alone, a brand takes the colour its id hashes to; with others it keeps it unless an earlier brand holds it.
    const alone = brandColours([ids[0]!]);
    expect(brandColours([ids[0]!, ids[1]!])[ids[0]!]).toBe(alone[ids[0]!]);
  });
});

describe("the page's address", () => {
  it("keeps repeated brands and drops what does not parse", () => {
    expect(allBrandsQueryOf(new URLSearchParams("view=list&date=2027-03-10&brand=a1&brand=b2&status=SCHEDULED&network=x"))).toEqual({
      view: "list",
      date: "2027-03-10",
      brand: ["a1", "b2"],
      status: "SCHEDULED",
      network: "x",
    });
    expect(allBrandsQueryOf(new URLSearchParams("view=grid&date=2027-02-30&brand=no%20id&status=LOST&network=fax"))).toEqual({ view: "week", date: undefined, brand: [], status: undefined, network: undefined });
  });

  it("names a zone by its city", () => {
    expect(zoneCity("Europe/Warsaw")).toBe("Warsaw");
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(zoneCity("UTC")).toBe("UTC");
  });
});
