// Each network's hard limits, counted the way that network counts (its module in
// app/channels/<network>/module.ts holds the numbers, their sources and its own checks).
// Going over a hard limit always blocks: the network would reject the post.
import { checkSettingsSchema } from "../channels/connect-fields";
import type { CheckSettings, Finding, VariantContent } from "../channels/network-module";
import { type NetworkKind, networkModules } from "../channels/networks";
import { mediaFindings } from "./media-rules";
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
  findings.push(...mediaFindings(module.name, module.media, content.media ?? [], content.mediaUrls ?? []));
  const violations = findings.map(({ ruleId, message, suggestion, data }): Violation => ({ ruleId, severity: "block", message, suggestion, postIds: [context.postId], channelId: context.channelId, data }));
  return { network, count, limit, unit: rule.unit, over, violations };
}
