// What every rule check returns: a rule id, how serious it is, what is wrong in plain
// words (English and Polish), which posts are involved and what would fix it.
export type Severity = "block" | "warn";
export type Localized = { en: string; pl: string };
export type Locale = keyof Localized;

export type RuleId =
  | "channel-length"
  | "channel-bytes"
  | "channel-links"
  | "channel-hashtags"
  | "channel-media"
  | "self-promotion"
  | "self-promotion-share"
  | "duplicate"
  | "near-duplicate"
  | "offer-flood"
  | "daily-cap"
  | "spacing"
  | "quiet-channel";

export type Violation = {
  ruleId: RuleId;
  severity: Severity;
  message: Localized;
  suggestion?: Localized;
  /** The posts involved, the one the violation is about first. */
  postIds: string[];
  channelId?: string;
  /** The numbers behind the message, for a UI to render its own way. */
  data?: Record<string, number | string>;
};

export const isBlocking = (violations: readonly Violation[]) => violations.some((v) => v.severity === "block");

/** Polish needs three plural forms: 1 post, 2 posty, 5 postów. */
const pluralRules = { en: new Intl.PluralRules("en"), pl: new Intl.PluralRules("pl") };

export function plural(locale: Locale, n: number, forms: { one: string; few?: string; many: string }): string {
  const category = pluralRules[locale].select(n);
  const word = category === "one" ? forms.one : category === "few" ? (forms.few ?? forms.many) : forms.many;
  return `${n} ${word}`;
}

export const posts = (locale: Locale, n: number) =>
  locale === "pl" ? plural("pl", n, { one: "post", few: "posty", many: "postów" }) : plural("en", n, { one: "post", many: "posts" });

export type LocalizedViolation = { ruleId: RuleId; severity: Severity; message: string; suggestion: string | null; postIds: string[]; channelId: string | null };

/** A violation in one language, as the UI and the API send it. */
export const localizeViolations = (violations: readonly Violation[], locale: Locale): LocalizedViolation[] =>
  violations.map((v) => ({
    ruleId: v.ruleId,
    severity: v.severity,
    message: v.message[locale],
    suggestion: v.suggestion?.[locale] ?? null,
    postIds: v.postIds,
    channelId: v.channelId ?? null,
  }));
