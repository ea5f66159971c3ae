import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { httpUrlOrNull, httpUrlSchema, isHttpUrl, optionalHttpUrlSchema } from "~/domain/http-url";
import { postFormSchema } from "~/domain/post-form";
import { variantActionSchema } from "~/domain/publish-actions";

// Addresses that run script or leave the web when a browser follows them, as people and
// tools actually spell them.
const hostile = [
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "javascript&colon;alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://example.com/x",
  "mailto:a@example.com",
  "//evil.example/x",
  "/relative/path",
  "http:evil.example",
  "https:/evil.example",
  "http://",
  "https://exa mple.com",
  "https://example.com/\u0000",
  "https://example.com/\n",
  `https://example.com/${"a".repeat(2100)}`,
];

describe("http(s) addresses", () => {
  it("refuses every address that is not plain http(s)", () => {
    for (const url of hostile) expect(isHttpUrl(url), url).toBe(false);
  });

  it("accepts http and https addresses with a host", () => {
    for (const url of ["https://example.com", "http://example.com/a?b=c#d", "https://ł.example/ścieżka", "https://[::1]:8443/x", "HTTPS://EXAMPLE.COM"]) {
      expect(isHttpUrl(url), url).toBe(true);
    }
    fc.assert(fc.property(fc.webUrl({ validSchemes: ["http", "https"] }), (url) => {
      expect(isHttpUrl(url)).toBe(true);
    }));
  });

  it("refuses every other scheme a URL can have", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/), fc.domain(), (scheme, host) => {
        fc.pre(scheme !== "http" && scheme !== "https");
        expect(isHttpUrl(`${scheme}://${host}/`)).toBe(false);
        expect(isHttpUrl(`${scheme}:${host}`)).toBe(false);
      }),
    );
  });

  it("is the check every schema that takes an address uses", () => {
    expect(httpUrlSchema().safeParse("javascript:alert(1)").success).toBe(false);
    expect(optionalHttpUrlSchema().safeParse("").data).toBeUndefined();
    expect(optionalHttpUrlSchema().safeParse("data:text/html,x").success).toBe(false);
    expect(variantActionSchema.safeParse({ intent: "mark-published", variantId: "v1", url: "javascript:fetch('/w')" }).success).toBe(false);
    expect(variantActionSchema.safeParse({ intent: "mark-published", variantId: "v1", url: "https://mastodon.example/@a/1" }).success).toBe(true);
    const post = { title: "T", category: "news", variants: [{ channelId: "c1", text: "Hi", link: "javascript:alert(1)" }] };
    expect(postFormSchema.safeParse(post).success).toBe(false);
    expect(postFormSchema.safeParse({ ...post, variants: [{ channelId: "c1", text: "Hi", media: "https://a.example/x.png data:image/png,xx" }] }).success).toBe(false);
  });

  it("keeps an address from another system only when it is http(s)", () => {
    expect(httpUrlOrNull("https://bsky.app/profile/x/post/1")).toBe("https://bsky.app/profile/x/post/1");
    expect(httpUrlOrNull("javascript:alert(1)")).toBeNull();
    expect(httpUrlOrNull(42)).toBeNull();
  });
});
