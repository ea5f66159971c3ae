import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientActionSchema, postActionSchema } from "~/domain/post-actions";
import { postFormSchema } from "~/domain/post-form";
import { controlCharacter, multiLineText, recordIdSchema, singleLineText, withoutInvisibleFormatting } from "~/domain/text-input";
import { createWorkspaceSchema } from "~/domain/workspace-schemas";

const title = singleLineText({ max: 200, required: "Give it a title" });
const body = multiLineText({ max: 10_000 });

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"];
const zeroWidthSpaces = ["\u200b", "\u2060", "\ufeff", "\u180e"];

describe("single-line text (titles, names, labels)", () => {
  it("refuses NUL, every other control character and the line separators", () => {
    for (const char of [...C0, "\u007f", "\u0085", "\u009f", "\u2028", "\u2029"]) {
      expect(title.safeParse(`Launch${char}day`).success, `U+${char.charCodeAt(0).toString(16)}`).toBe(false);
    }
  });

  it("refuses bidi overrides and zero-width spaces, naming the character", () => {
    for (const char of [...bidi, ...zeroWidthSpaces]) expect(title.safeParse(`exe.${char}txt`).success).toBe(false);
    expect(title.safeParse("Invoice \u202egnp.exe").error?.issues[0]?.message).toMatch(/U\+202E/);
  });

  it("keeps what scripts and emoji need: ZWJ, ZWNJ, direction marks, any letters", () => {
    for (const ok of ["👩‍💻 Launch", "می‌خواهم", "שלום \u200fworld", "Zażółć gęślą jaźń", "東京 🗼"]) expect(title.safeParse(ok).data).toBe(ok);
  });
});

describe("multi-line text (post text, comments)", () => {
  it("keeps tabs and line breaks, and bidi controls a right-to-left post may need", () => {
    const text = "Line one\r\n\tLine two\n\u2067مرحبا\u2069 world";
    expect(body.safeParse(text).data).toBe(text);
  });

  it("refuses NUL and the other control characters", () => {
    for (const char of C0.filter((c) => !"\t\n\r".includes(c))) expect(body.safeParse(`a${char}b`).success).toBe(false);
  });
});

describe("ids", () => {
  it("are letters, digits, - and _ only: no NUL, no percent garbage reaches a query", () => {
    const id = recordIdSchema();
    expect(id.safeParse("cmb2x0k7a0000abcd").success).toBe(true);
    for (const bad of ["", "a\u0000b", "%00", "a".repeat(41), "../x", "a b"]) expect(id.safeParse(bad).success).toBe(false);
  });
});

describe("the forms that take text refuse a NUL anywhere", () => {
  it("in every field of the editor, the decisions and the workspace form", () => {
    const nul = "x\u0000y";
    const post = { title: "T", category: "news", body: "b", campaignTag: "tag", date: "2026-12-03", time: "09:00", overrideReason: "r", variants: [{ channelId: "c1", text: "Hi" }] };
    for (const field of ["title", "category", "body", "campaignTag", "date", "time", "overrideReason"] as const) {
      expect(postFormSchema.safeParse({ ...post, [field]: nul }).success, field).toBe(false);
    }
    expect(postFormSchema.safeParse({ ...post, variants: [{ channelId: nul, text: "Hi" }] }).success).toBe(false);
    expect(postFormSchema.safeParse({ ...post, variants: [{ channelId: "c1", text: nul }] }).success).toBe(false);
    expect(postActionSchema.safeParse({ intent: "comment", comment: nul }).success).toBe(false);
    expect(clientActionSchema.safeParse({ intent: "decide", postId: "p1", decision: "approve", name: nul }).success).toBe(false);
    expect(clientActionSchema.safeParse({ intent: "name", name: nul }).success).toBe(false);
    expect(createWorkspaceSchema.safeParse({ name: nul, timeZone: "UTC" }).success).toBe(false);
  });

  it("whatever the text, a single-line field either refuses it or stores it without controls", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (text) => {
        const parsed = title.safeParse(text);
        if (parsed.success) {
          expect(controlCharacter.test(parsed.data)).toBe(false);
          expect(parsed.data).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
        }
      }),
    );
  });
});

describe("neutralising invisible formatting on output", () => {
  it("removes bidi controls and zero-width spaces, keeps joiners", () => {
    expect(withoutInvisibleFormatting("Invoice \u202egnp.exe\u202c \u200bx 👩‍💻")).toBe("Invoice gnp.exe x 👩‍💻");
  });
});
