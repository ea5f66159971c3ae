import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { READ_BACK_MARGIN_MS, fromXText, readBackFrom, sameText } from "~/domain/read-back";

// What X does to a text it shows back: & < > as entities, every link on t.co.
const asXShowsIt = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/https?:\/\/\S+/g, "https://t.co/Ab12Cd");

describe("reading a post back", () => {
  it("recognises the text as X shows it: links on t.co, & < > as entities", () => {
    expect(sameText("Fish & chips <today> https://example.com/menu?a=1&b=2", fromXText("Fish &amp; chips &lt;today&gt; https://t.co/AbC123"))).toBe(true);
    expect(sameText("Wystawa otwarta!\n\nhttps://muzeum.example/w", "Wystawa otwarta! https://t.co/x")).toBe(true);
  });

  it("recognises any text with a link, as X shows it", () => {
    const words = fc.string().filter((s) => !s.includes("http"));
    fc.assert(
      fc.property(words, fc.stringMatching(/^[a-z0-9]{1,12}$/), words, (before, path, after) => {
        const sent = `${before} https://example.com/${path} ${after}`;
        return sameText(sent, fromXText(asXShowsIt(sent)));
      }),
    );
  });

  it("tells different texts apart, links included in their place", () => {
    expect(sameText("Open today", "Open tomorrow")).toBe(false);
    expect(sameText("See https://a.example now", "See now https://t.co/x")).toBe(false);
    expect(sameText("Post 1 ab12", "Post 1 ab13")).toBe(false);
    // Only X's read-back is decoded: a text that says "&amp;" is not one that says "&".
    expect(sameText("Tom &amp; Jerry", "Tom & Jerry")).toBe(false);
  });

  it("starts the window a margin before the first attempt", () => {
    expect(readBackFrom(new Date(1_000_000_000)).getTime()).toBe(1_000_000_000 - READ_BACK_MARGIN_MS);
  });
});
