// A workspace's content-mix policy, stored as JSON on the workspace and always read
// through this schema, so that a missing key takes its default and a bad one is refused.
import { z } from "zod";

export const severities = ["block", "warn", "off"] as const;
const severity = z.enum(severities);
export type SeveritySetting = (typeof severities)[number];

export const categorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, "lower-case letters, digits and dashes"),
  label: z.string().trim().min(1).max(60),
  promotional: z.boolean(),
  offer: z.boolean().default(false),
});
export type Category = z.infer<typeof categorySchema>;

export const defaultCategories: Category[] = [
  { id: "educational", label: "Educational", promotional: false, offer: false },
  { id: "engagement", label: "Engagement", promotional: false, offer: false },
  { id: "curated", label: "Curated", promotional: false, offer: false },
  { id: "news", label: "News", promotional: false, offer: false },
  { id: "behind-the-scenes", label: "Behind the scenes", promotional: false, offer: false },
  { id: "promotional", label: "Promotional", promotional: true, offer: false },
  { id: "offer", label: "Offer (discounts, contests)", promotional: true, offer: true },
];

// Before the rule had one severity for every channel: it stands for both kinds now.
function legacyDuplicates(value: unknown) {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || !("severity" in value)) return value;
  const { severity: legacy, ...rest } = value as Record<string, unknown>;
  return { sameChannel: legacy, otherChannels: legacy, ...rest };
}

export const mixRulesSchema = z.object({
  categories: z
    .array(categorySchema)
    .min(1)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, "category ids must be unique")
    .default(defaultCategories),
  selfPromotion: z
    .object({
      severity: severity.default("block"),
      onePer: z.number().int().min(2).max(50).default(4),
      maxShare: z
        .object({ percent: z.number().min(1).max(100), days: z.number().int().min(1).max(90) })
        .optional(),
    })
    .prefault({}),
  // Same words within the window: again on one channel, on another channel in another post,
  // and across the channels of one post (one grouped finding). Near-duplicates by similarity.
  duplicates: z.preprocess(
    legacyDuplicates,
    z.object({
      sameChannel: severity.default("block"),
      otherChannels: severity.default("block"),
      withinPost: severity.default("warn"),
      windowDays: z.number().int().min(1).max(3650).default(90),
      nearSeverity: severity.default("warn"),
      nearThreshold: z.number().min(0.5).max(1).default(0.8),
    }),
  ),
  offers: z
    .object({ severity: severity.default("warn"), perWeek: z.number().int().min(0).max(50).default(2) })
    .prefault({}),
  dailyCap: z
    .object({ severity: severity.default("warn"), perDay: z.number().int().min(1).max(100).default(3) })
    .prefault({}),
  spacing: z
    .object({ severity: severity.default("warn"), minutes: z.number().int().min(0).max(1440).default(60) })
    .prefault({}),
  quietChannel: z
    .object({ severity: severity.default("warn"), days: z.number().int().min(1).max(365).default(7) })
    .prefault({}),
  // Pictures and videos without alt text (accessibility): a warning unless the workspace blocks.
  altText: z.object({ severity: severity.default("warn") }).prefault({}),
});
export type MixRules = z.infer<typeof mixRulesSchema>;

export const defaultMixRules = (): MixRules => mixRulesSchema.parse({});
