import { describe, expect, it } from "vitest";
import { type Violation, withoutPosts } from "~/domain/violations";

const violation: Violation = {
  ruleId: "duplicate",
  severity: "block",
  message: { en: "The same text is planned on Hook already: “Secret launch” (Wed 9 Dec, 10:00) and “Shared tour”.", pl: "Ten sam tekst jest już zaplanowany: „Secret launch” i „Shared tour”." },
  suggestion: { en: "Move it away from Secret launch.", pl: "Przesuń go dalej od Secret launch." },
  postIds: ["own", "secret", "shared"],
  related: [
    { postId: "secret", title: "Secret launch", at: 0, channelName: "Hook" },
    { postId: "shared", title: "Shared tour", at: 0, channelName: "Hook" },
  ],
};

describe("a violation shown to someone who sees only some posts", () => {
  it("drops the posts they may not see from the list and their titles from the words", () => {
    const shown = withoutPosts(violation, (id) => id !== "secret");
    expect(shown.postIds).toEqual(["own", "shared"]);
    expect(shown.related?.map((r) => r.title)).toEqual(["Shared tour"]);
    expect(shown.message.en).toBe("The same text is planned on Hook already: another post (Wed 9 Dec, 10:00) and “Shared tour”.");
    expect(shown.message.pl).toBe("Ten sam tekst jest już zaplanowany: inny post i „Shared tour”.");
    expect(shown.suggestion?.en).toBe("Move it away from another post.");
    expect(JSON.stringify(shown)).not.toContain("Secret");
  });

  it("keeps the post the violation is about, and everything when all is visible", () => {
    expect(withoutPosts(violation, () => true)).toEqual(violation);
    expect(withoutPosts(violation, () => false).postIds).toEqual(["own"]);
  });
});
