// What every rule check returns: a rule id, how serious it is, what is wrong in plain
// words (English and Polish), which posts are involved (named by title and local time)
// and what would fix it.
import { type NetworkKind, networkModules } from "../channels/networks";

export type Severity = "block" | "warn";
export type Localized = { en: string; pl: string };
export type Locale = keyof Localized;

export type RuleId =
  | "channel-length"
  | "channel-bytes"
  | "channel-links"
  | "channel-hashtags"
  | "channel-media"
  | "channel-characters"
  | "network-duplicate"
  | "self-promotion"
  | "self-promotion-share"
  | "duplicate"
  | "near-duplicate"
  | "shared-words"
  | "offer-flood"
  | "daily-cap"
  | "spacing"
  | "quiet-channel"
  | "media-alt-text";

/** The network's own limits: the network would refuse the post, so an owner cannot override them. */
export const channelRuleIds: readonly RuleId[] = ["channel-length", "channel-bytes", "channel-links", "channel-hashtags", "channel-media", "channel-characters", "network-duplicate"];

/** Another post a violation names: the UI links it, by its title and local time. */
export type RelatedPost = { postId: string; title: string; at: number; channelName: string };

export type Violation = {
  ruleId: RuleId;
  severity: Severity;
  message: Localized;
  suggestion?: Localized;
  /** The posts involved, the one the violation is about first. */
  postIds: string[];
  /** The other posts involved, as a person would name them. */
  related?: RelatedPost[];
  channelId?: string;
  /** The numbers behind the message, for a UI to render its own way. */
  data?: Record<string, number | string>;
};

export const isBlocking = (violations: readonly Violation[]) => violations.some((v) => v.severity === "block");

/** The blocking violations an owner's override covers: the mix rules it names, never a network's own limit. */
export function uncoveredBlocking(violations: readonly Violation[], overridden: readonly string[]): Violation[] {
  return violations.filter((v) => v.severity === "block" && (channelRuleIds.includes(v.ruleId) || !overridden.includes(v.ruleId)));
}

const unnamed: Localized = { en: "another post", pl: "inny post" };

/**
 * A violation for someone who may see only some posts (a client's link): the posts they may
 * not see leave the list of those involved, and their titles leave the words.
 */
export function withoutPosts(v: Violation, visible: (postId: string) => boolean): Violation {
  const hidden = (v.related ?? []).filter((r) => !visible(r.postId));
  const scrub = (words: string, locale: keyof Localized) =>
    hidden.reduce((text, r) => text.replaceAll(`“${r.title}”`, unnamed[locale]).replaceAll(`„${r.title}”`, unnamed[locale]).replaceAll(r.title, unnamed[locale]), words);
  const rewrite = (text: Localized): Localized => ({ en: scrub(text.en, "en"), pl: scrub(text.pl, "pl") });
  return {
    ...v,
    message: rewrite(v.message),
    ...(v.suggestion ? { suggestion: rewrite(v.suggestion) } : {}),
    postIds: v.postIds.filter((id, i) => i === 0 || visible(id)),
    related: v.related?.filter((r) => visible(r.postId)),
  };
}

/** Each violation once: the same rule about the same post on the same channel is one finding. */
export function distinctViolations(violations: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.ruleId}|${v.postIds[0] ?? ""}|${v.channelId ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Plural forms by the language's own rules (Polish has three: 1 post, 2 posty, 5 postów). */
const pluralRules = { en: new Intl.PluralRules("en"), pl: new Intl.PluralRules("pl") };

export function plural(locale: Locale, n: number, forms: { one: string; few?: string; many: string }): string {
  const category = pluralRules[locale].select(n);
  const word = category === "one" ? forms.one : category === "few" ? (forms.few ?? forms.many) : forms.many;
  return `${n} ${word}`;
}

export const posts = (locale: Locale, n: number) =>
  locale === "pl" ? plural("pl", n, { one: "post", few: "posty", many: "postów" }) : plural("en", n, { one: "post", many: "posts" });

/** "1 more post that is not promotional" / "1 post niepromocyjny", "2 posty niepromocyjne", "5 postów niepromocyjnych". */
export const nonPromotionalPosts = (locale: Locale, n: number) =>
  locale === "pl"
    ? plural("pl", n, { one: "post niepromocyjny", few: "posty niepromocyjne", many: "postów niepromocyjnych" })
    : plural("en", n, { one: "more post that is not promotional", many: "more posts that are not promotional" });

/** "3 offers, discounts or contests" / "3 oferty, rabaty lub konkursy", "5 ofert, rabatów lub konkursów". */
export const offers = (locale: Locale, n: number) =>
  locale === "pl"
    ? plural("pl", n, { one: "oferta, rabat lub konkurs", few: "oferty, rabaty lub konkursy", many: "ofert, rabatów lub konkursów" })
    : plural("en", n, { one: "offer, discount or contest", many: "offers, discounts or contests" });

// Polish declines the networks' names (each module gives its forms); a channel's own name
// is quoted after "kanał" instead, because a name a person chose cannot be declined by rule.
/** "on LinkedIn" / "na LinkedInie"; "on Muzeum (LinkedIn)" / "na kanale „Muzeum (LinkedIn)”". */
export function onChannel(locale: Locale, channelName: string, network: NetworkKind): string {
  if (locale === "en") return `on ${channelName}`;
  const { name, polish } = networkModules[network];
  return channelName === name ? `na ${polish.locative}` : `na kanale „${channelName}”`;
}

/** "LinkedIn's" / "LinkedIna" (a network's audience). */
export const networkGenitive = (locale: Locale, network: NetworkKind) => (locale === "en" ? `${networkModules[network].name}'s` : networkModules[network].polish.genitive);

/** A list in the language's own way: "X, LinkedIn and Mastodon" / "X, LinkedIn i Mastodon". */
export function listOf(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

export type LocalizedViolation = {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  suggestion: string | null;
  postIds: string[];
  related: RelatedPost[];
  channelId: string | null;
  /** The verified time the suggestion proposes, when it proposes one. */
  suggestedAt: number | null;
};

/** A violation in one language, as the UI and the API send it. */
export const localizeViolations = (violations: readonly Violation[], locale: Locale): LocalizedViolation[] =>
  violations.map((v) => ({
    ruleId: v.ruleId,
    severity: v.severity,
    message: v.message[locale],
    suggestion: v.suggestion?.[locale] ?? null,
    postIds: v.postIds,
    related: v.related ?? [],
    channelId: v.channelId ?? null,
    suggestedAt: typeof v.data?.suggestedAt === "number" ? v.data.suggestedAt : null,
  }));
