import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "../../server/cross-site";

const own = ["https://rytm.example"];

describe("cross-site request refusal", () => {
  it("lets reads through whatever their origin", () => {
    fc.assert(
      fc.property(fc.constantFrom("GET", "HEAD", "OPTIONS", "get"), fc.webUrl(), (method, origin) => {
        expect(crossSiteRefusal(method, { origin, "sec-fetch-site": "cross-site" }, own)).toBeNull();
      }),
    );
  });

  it("refuses a post from any other origin", () => {
    fc.assert(
      fc.property(fc.constantFrom("POST", "PUT", "PATCH", "DELETE"), fc.webUrl().map((u) => new URL(u).origin), (method, origin) => {
        fc.pre(origin !== own[0]);
        expect(crossSiteRefusal(method, { origin }, own)).toMatch(/cross-site request refused/);
      }),
    );
  });

  it("refuses a post the browser marks as cross-site or same-site", () => {
    expect(crossSiteRefusal("POST", { "sec-fetch-site": "cross-site" }, own)).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(crossSiteRefusal("POST", { "sec-fetch-site": "same-site", origin: own[0] }, own)).toMatch(/same-site/);
    expect(crossSiteRefusal("POST", { origin: "null" }, own)).toMatch(/Origin: null/);
  });

  it("accepts same-origin posts and posts from clients that are not browsers", () => {
    expect(crossSiteRefusal("POST", { origin: own[0], "sec-fetch-site": "same-origin" }, own)).toBeNull();
    expect(crossSiteRefusal("POST", {}, own)).toBeNull();
  });
});
