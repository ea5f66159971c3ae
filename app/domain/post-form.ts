// What the post editor sends, checked before anything is saved. Channels and categories
// are checked against the workspace on the server; this is the shape and the limits.
import { z } from "zod";
import { clockTimeSchema, planDateSchema } from "./calendar-dates";
import { MAX_ALT_TEXT } from "./media-type";
import { isHttpUrl, optionalHttpUrlSchema } from "./http-url";
import { type Repetition, missingChoices, repetitionSchema, weekdays } from "./series-schedule";
import { multiLineText, recordIdSchema, singleLineText } from "./text-input";

const urlList = z
  .string()
  .max(25_000, "At most 10 media addresses")
  .optional()
  .transform((v, ctx) => {
    const urls = (v ?? "").split(/\s+/).filter(Boolean);
    for (const url of urls) {
      if (!isHttpUrl(url)) {
        ctx.addIssue({ code: "custom", message: `"${url.slice(0, 80)}" is not a web address (https://…)` });
        return z.NEVER;
      }
    }
    if (urls.length > 10) ctx.addIssue({ code: "custom", message: "At most 10 media addresses" });
    return urls;
  });

export const MAX_VARIANT_TEXT = 10_000;

export const variantInputSchema = z.object({
  channelId: recordIdSchema("Choose a channel"),
  text: multiLineText({ max: MAX_VARIANT_TEXT, required: "Write the text for this channel" }),
  link: optionalHttpUrlSchema("Enter a full web address (https://…)"),
  media: urlList,
  /** Pictures and videos from the workspace's library, in order, with the alt text each is to carry. */
  attachments: z
    .array(z.object({ id: recordIdSchema("Which media item?"), alt: z.string().trim().max(MAX_ALT_TEXT, `Alt text: at most ${MAX_ALT_TEXT} characters`).default("") }))
    .max(10, "At most 10 media items")
    .default([]),
  /** A series' further texts for this channel, used in turn after this one. */
  alternates: z
    .array(multiLineText({ max: MAX_VARIANT_TEXT }).optional())
    .max(50, "At most 50 texts in turn")
    .default([])
    .transform((texts) => texts.filter((t): t is string => Boolean(t?.trim()))),
});

/** Which posts of a series an edit applies to, as calendar apps ask. */
export const editScopes = ["this", "following", "all"] as const;
export type EditScope = (typeof editScopes)[number];

export const postIntents = ["save", "submit", "schedule"] as const;

export const postFormSchema = z
  .object({
    intent: z.enum(postIntents).default("save"),
    title: singleLineText({ max: 200, required: "Give the post a title" }),
    body: multiLineText({ max: MAX_VARIANT_TEXT, trim: false }).default(""),
    category: z.string({ error: "Choose a category" }).regex(/^[a-z0-9-]{1,40}$/, "Choose a category"),
    campaignTag: singleLineText({ max: 100 })
      .optional()
      .transform((v) => v || undefined),
    date: planDateSchema().optional(),
    time: clockTimeSchema().optional(),
    /** On a DST change day, which of the two 02:30s (or the time after a skipped one). */
    dst: z.enum(["earlier", "later"]).optional(),
    repeat: z.enum(["none", "daily", "weekly", "monthly", "yearly"]).default("none"),
    interval: z.coerce.number().int().min(1, "At least 1").max(99, "At most 99").default(1),
    byWeekday: z.array(z.enum(weekdays)).optional(),
    ends: z.enum(["never", "until", "count"]).default("never"),
    until: planDateSchema().optional(),
    count: z.coerce.number().int().min(1, "At least 1").max(1000, "At most 1000").optional(),
    missing: z.enum(missingChoices).default("last-day"),
    scope: z.enum(editScopes).default("this"),
    variants: z.array(variantInputSchema).max(20, "At most 20 channels").default([]),
    overrideReason: multiLineText({ max: 500 })
      .optional()
      .transform((v) => v || undefined),
  })
  .superRefine((form, ctx) => {
    if (Boolean(form.date) !== Boolean(form.time)) ctx.addIssue({ code: "custom", path: [form.date ? "time" : "date"], message: "Give both a date and a time, or neither" });
    const ids = form.variants.map((v) => v.channelId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["variants"], message: "Each channel can have only one variant" });
    if (form.intent !== "save" && form.variants.length === 0) ctx.addIssue({ code: "custom", path: ["variants"], message: "Pick at least one channel" });
    if (form.repeat !== "none" && !form.date) ctx.addIssue({ code: "custom", path: ["date"], message: "A repeating post needs its first date and time" });
    if (form.ends === "until" && form.repeat !== "none" && !form.until) ctx.addIssue({ code: "custom", path: ["until"], message: "Choose an end date" });
    if (form.ends === "count" && form.repeat !== "none" && !form.count) ctx.addIssue({ code: "custom", path: ["count"], message: "Say how many times" });
    if (form.until && form.date && form.until < form.date) ctx.addIssue({ code: "custom", path: ["until"], message: "The end date is before the first date" });
  });
export type PostForm = z.infer<typeof postFormSchema>;

/** The repetition the form describes, or null for a one-off post. */
export function repetitionOf(form: PostForm): Repetition | null {
  if (form.repeat === "none") return null;
  return repetitionSchema.parse({
    freq: form.repeat,
    interval: form.interval,
    byWeekday: form.repeat === "weekly" && form.byWeekday?.length ? form.byWeekday : [],
    until: form.ends === "until" ? (form.until ?? null) : null,
    count: form.ends === "count" ? (form.count ?? null) : null,
    missing: form.missing,
  });
}
