// The mix-rules settings form: flat fields as a browser sends them, turned into the
// workspace's rules and validated by the same schema that reads them back.
import { z } from "zod";
import { type MixRules, mixRulesSchema, severities } from "./mix-rules-settings";
import { singleLineText } from "./text-input";

const severity = z.enum(severities, { error: "Choose block, warn or off" });
const whole = (min: number, max: number) => z.coerce.number({ error: `A whole number from ${min} to ${max}` }).int(`A whole number from ${min} to ${max}`).min(min, `At least ${min}`).max(max, `At most ${max}`);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalWhole = (min: number, max: number) => z.preprocess((v) => (v === "" || v === undefined ? undefined : v), whole(min, max).optional());

export const mixRulesFormSchema = z
  .object({
    intent: z.enum(["preview", "save"]).default("preview"),
    selfPromotionSeverity: severity,
    selfPromotionOnePer: whole(2, 50),
    selfPromotionSharePercent: optionalWhole(1, 100),
    selfPromotionShareDays: optionalWhole(1, 90),
    duplicatesSameChannel: severity,
    duplicatesOtherChannels: severity,
    duplicatesWithinPost: severity,
    duplicatesWindowDays: whole(1, 3650),
    duplicatesNearSeverity: severity,
    duplicatesNearPercent: whole(50, 100),
    offersSeverity: severity,
    offersPerWeek: whole(0, 50),
    dailyCapSeverity: severity,
    dailyCapPerDay: whole(1, 100),
    spacingSeverity: severity,
    spacingMinutes: whole(0, 1440),
    quietChannelSeverity: severity,
    quietChannelDays: whole(1, 365),
    categories: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]{1,40}$/, "An id has lower-case letters, digits and dashes"),
          label: singleLineText({ max: 60, required: "Give the category a name" }),
          promotional: checkbox,
          offer: checkbox,
        }),
      )
      .min(1, "Keep at least one category")
      .max(30, "At most 30 categories"),
  })
  .superRefine((form, ctx) => {
    if ((form.selfPromotionSharePercent === undefined) !== (form.selfPromotionShareDays === undefined)) {
      ctx.addIssue({ code: "custom", path: ["selfPromotionShareDays"], message: "Give both the share and the days, or neither" });
    }
    const ids = form.categories.map((c) => c.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["categories"], message: "Each category needs its own id" });
  });
export type MixRulesForm = z.infer<typeof mixRulesFormSchema>;

/** The rules the form describes. An offer is always promotional. */
export function rulesFromForm(form: MixRulesForm): MixRules {
  return mixRulesSchema.parse({
    categories: form.categories.map((c) => ({ ...c, promotional: c.promotional || c.offer })),
    selfPromotion: {
      severity: form.selfPromotionSeverity,
      onePer: form.selfPromotionOnePer,
      maxShare: form.selfPromotionSharePercent !== undefined && form.selfPromotionShareDays !== undefined ? { percent: form.selfPromotionSharePercent, days: form.selfPromotionShareDays } : undefined,
    },
    duplicates: {
      sameChannel: form.duplicatesSameChannel,
      otherChannels: form.duplicatesOtherChannels,
      withinPost: form.duplicatesWithinPost,
      windowDays: form.duplicatesWindowDays,
      nearSeverity: form.duplicatesNearSeverity,
      nearThreshold: form.duplicatesNearPercent / 100,
    },
    offers: { severity: form.offersSeverity, perWeek: form.offersPerWeek },
    dailyCap: { severity: form.dailyCapSeverity, perDay: form.dailyCapPerDay },
    spacing: { severity: form.spacingSeverity, minutes: form.spacingMinutes },
    quietChannel: { severity: form.quietChannelSeverity, days: form.quietChannelDays },
  });
}

/** The form's values for rules as they stand. */
export function formFromRules(rules: MixRules) {
  return {
    selfPromotionSeverity: rules.selfPromotion.severity,
    selfPromotionOnePer: String(rules.selfPromotion.onePer),
    selfPromotionSharePercent: rules.selfPromotion.maxShare ? String(rules.selfPromotion.maxShare.percent) : "",
    selfPromotionShareDays: rules.selfPromotion.maxShare ? String(rules.selfPromotion.maxShare.days) : "",
    duplicatesSameChannel: rules.duplicates.sameChannel,
    duplicatesOtherChannels: rules.duplicates.otherChannels,
    duplicatesWithinPost: rules.duplicates.withinPost,
    duplicatesWindowDays: String(rules.duplicates.windowDays),
    duplicatesNearSeverity: rules.duplicates.nearSeverity,
    duplicatesNearPercent: String(Math.round(rules.duplicates.nearThreshold * 100)),
    offersSeverity: rules.offers.severity,
    offersPerWeek: String(rules.offers.perWeek),
    dailyCapSeverity: rules.dailyCap.severity,
    dailyCapPerDay: String(rules.dailyCap.perDay),
    spacingSeverity: rules.spacing.severity,
    spacingMinutes: String(rules.spacing.minutes),
    quietChannelSeverity: rules.quietChannel.severity,
    quietChannelDays: String(rules.quietChannel.days),
    categories: rules.categories,
  };
}
