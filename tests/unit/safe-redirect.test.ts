import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/domain/safe-redirect";
import { controlCharacter } from "~/domain/text-input";

// Each of these lands on another host in some browser, or breaks the Location header.
const offsite = [
  "https://evil.example/",
  "http://evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example/landed.html",
  "/\t/localhost:3198/landed.html",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\u000b/evil.example",
  "/\u0000/evil.example",
  " //evil.example",
  "/ /evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "javascript:alert(1)",
  "data:text/html,x",
  "evil.example",
  "",
  "/\u0085/evil.example",
];

describe("safe redirect", () => {
  it("sends every off-site or malformed target to the fallback", () => {
    for (const target of offsite) expect(safeRedirect(target, "/home"), JSON.stringify(target)).toBe("/home");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it("keeps same-site paths, query and fragment", () => {
    expect(safeRedirect("/w/muzeum?view=week&date=2026-12-03#post")).toBe("/w/muzeum?view=week&date=2026-12-03#post");
    expect(safeRedirect("/w/a/../b")).toBe("/w/b");
    // Encoded slashes stay encoded: the browser does not decode them in a path.
    expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example");
    // Letters outside Latin-1 are percent-encoded, so the Location header is valid.
    expect(safeRedirect("/w/żółw")).toBe("/w/%C5%BC%C3%B3%C5%82w");
    expect(safeRedirect("/\u2028/evil.example")).toBe("/%E2%80%A8/evil.example");
  });

  it("never returns anything but one path on this site, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.webUrl().map((u) => u.replace(/^https?:/, "")), fc.constantFrom("/", "//", "/\\", "\\")).chain((s) => fc.tuple(fc.constantFrom("", "/", "//", "/\t/", "/\\"), fc.constant(s))), ([prefix, rest]) => {
        const target = safeRedirect(prefix + rest, "/fallback");
        expect(target.startsWith("/")).toBe(true);
        expect(target.startsWith("//")).toBe(false);
        expect(target).not.toMatch(/[\\\s]/u);
        expect(controlCharacter.test(target)).toBe(false);
        expect(new URL(target, "https://rytm.example").origin).toBe("https://rytm.example");
        expect(() => new Headers({ Location: target })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
