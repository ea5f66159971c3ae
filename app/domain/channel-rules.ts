// Each network's hard limits, counted the way that network counts (its module in
// app/channels/<network>/module.ts holds the numbers, their sources and its own checks).
// Going over a hard limit always blocks: the network would reject the post.
import { checkSettingsSchema } from "../channels/connect-fields";
import type { CheckSettings, Finding, MediaRules, VariantContent } from "../channels/network-module";
import { type NetworkKind, networkModules } from "../channels/networks";
import { type Localized, type Violation, onChannel } from "./violations";

/** The settings the checks read from a channel's stored settings; a malformed one counts as unset, as the network's default. */
export function checkSettingsOf(settings: unknown): CheckSettings {
  const parsed = checkSettingsSchema.safeParse(settings ?? {});
  return parsed.success ? parsed.data : {};
}

export type ChannelCheck = {
  network: NetworkKind;
  count: number;
  limit: number | null;
  unit: Localized;
  /** How far over the limit, 0 when within it. */
  over: number;
  violations: Violation[];
};

type Context = { postId: string; channelId?: string; channelName?: string };

const videoPattern = /\.(mp4|mov|m4v|webm)(\?|#|$)/i;

/** What the network's media rules miss in a post's media (the media issue extends them). */
function mediaFinding(name: string, rules: MediaRules, mediaUrls: readonly string[]): Finding | null {
  if (rules.required === "image-or-video" && mediaUrls.length === 0) {
    return { ruleId: "channel-media", message: { en: `${name} needs an image or a video.`, pl: `${name} wymaga zdjęcia lub filmu.` }, suggestion: { en: "Add a media URL.", pl: "Dodaj adres zdjęcia lub filmu." }, data: {} };
  }
  if (rules.required === "video" && !mediaUrls.some((url) => videoPattern.test(url))) {
    return { ruleId: "channel-media", message: { en: `${name} needs a video (.mp4, .mov or .webm).`, pl: `${name} wymaga filmu (.mp4, .mov lub .webm).` }, suggestion: { en: "Add a video URL.", pl: "Dodaj adres filmu." }, data: {} };
  }
  return null;
}

export function checkVariant(network: NetworkKind, content: VariantContent, settings: CheckSettings = {}, context: Context = { postId: "" }): ChannelCheck {
  const module = networkModules[network];
  const rule = module.text;
  const count = rule.count(content.text);
  const limit = rule.limit(settings);
  const over = limit === null ? 0 : Math.max(0, count - limit);
  const name = context.channelName ?? module.name;
  const findings: Finding[] = [];
  if (limit !== null && over > 0) {
    findings.push({
      ruleId: "channel-length",
      message: {
        en: `The text ${onChannel("en", name, network)} has ${count} ${rule.unit.en}; ${module.name} allows ${limit} (${over} too many).`,
        pl: `Tekst ${onChannel("pl", name, network)} ma ${count} ${rule.unit.pl}; ${module.name} pozwala na ${limit} (o ${over} za dużo).`,
      },
      suggestion: { en: `Shorten it by ${over}.`, pl: `Skróć go o ${over}.` },
      data: { count, limit, over },
    });
  }
  for (const check of rule.checks) {
    const found = check(content, settings, { over });
    if (found) findings.push(found);
  }
  const media = mediaFinding(module.name, module.media, content.mediaUrls ?? []);
  if (media) findings.push(media);
  const violations = findings.map(({ ruleId, message, suggestion, data }): Violation => ({ ruleId, severity: "block", message, suggestion, postIds: [context.postId], channelId: context.channelId, data }));
  return { network, count, limit, unit: rule.unit, over, violations };
}
