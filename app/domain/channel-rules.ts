// Each network's hard limits, counted the way that network counts. Going over a hard
// limit always blocks: the network would reject the post. Every number carries its
// source and the date it was checked; [M] marks a best reading where the network does
// not document its counting.
import twitter from "twitter-text";
import { z } from "zod";
import { type NetworkKind, networkNames } from "./networks";
import { findHashtags, findUrls, graphemeCount, graphemes, isEmoji, utf8Bytes } from "./text-measure";
import { type Localized, type Violation, onChannel } from "./violations";

export type VariantContent = { text: string; link?: string | null; mediaUrls?: readonly string[] };

export const channelSettingsSchema = z.object({
  /** Mastodon instances set their own limit (GET /api/v2/instance → max_characters). */
  characterLimit: z.number().int().min(1).max(100_000).optional(),
  /** Instagram's hashtag cap; the network has changed it before. */
  hashtagLimit: z.number().int().min(0).max(30).optional(),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

type Counter = (text: string) => number;

export type NetworkRule = {
  limit: (settings: ChannelSettings) => number | null;
  unit: Localized;
  count: Counter;
  source: string;
};

const CHECKED = "2026-11-22";
const MASTODON_URL_LENGTH = 23;

// Mastodon counts every URL as 23 characters and a remote mention by its local part.
const mastodonLength: Counter = (text) => {
  let rest = text;
  let urls = 0;
  for (const { url } of findUrls(text)) {
    rest = rest.replace(url, "");
    urls++;
  }
  rest = rest.replace(/(^|[^\p{L}\p{N}_/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, "$1$2");
  return graphemeCount(rest) + urls * MASTODON_URL_LENGTH;
};

// Threads counts emoji by their UTF-8 bytes, other characters as one.
const threadsLength: Counter = (text) =>
  graphemeCount(text) === text.length && !/\p{Extended_Pictographic}/u.test(text)
    ? text.length
    : graphemes(text).reduce((n, g) => n + (isEmoji(g) ? utf8Bytes(g) : 1), 0);

const utf16Length: Counter = (text) => text.length;

export const networkRules: Record<NetworkKind, NetworkRule> = {
  x: {
    limit: () => 280,
    unit: { en: "weighted characters", pl: "znaków liczonych jak w X" },
    count: (text) => twitter.parseTweet(text).weightedLength,
    source: `X counting characters (docs.x.com), via the official twitter-text 3.1 library: URLs 23, emoji and CJK 2, NFC; checked ${CHECKED}`,
  },
  mastodon: {
    limit: (s) => s.characterLimit ?? 500,
    unit: { en: "characters", pl: "znaków" },
    count: mastodonLength,
    source: `Mastodon default 500 (configuration.statuses.max_characters of /api/v2/instance), URLs 23, @user@domain counts @user; checked ${CHECKED}`,
  },
  bluesky: {
    limit: () => 300,
    unit: { en: "characters (graphemes)", pl: "znaków (grafemów)" },
    count: graphemeCount,
    source: `app.bsky.feed.post lexicon: text maxGraphemes 300, maxLength 3000 bytes; checked ${CHECKED}`,
  },
  threads: {
    limit: () => 500,
    unit: { en: "characters", pl: "znaków" },
    count: threadsLength,
    source: `Threads API posts: text up to 500 characters, emoji by UTF-8 bytes, at most 5 links; checked ${CHECKED}`,
  },
  linkedin: {
    limit: () => 3000,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: `LinkedIn Posts API commentary: 3,000 characters [M: counted as UTF-16 units, the cautious reading]; checked ${CHECKED}`,
  },
  facebook: {
    limit: () => 63_206,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: `Facebook Page post message: 63,206 characters [M: UTF-16 units]; checked ${CHECKED}`,
  },
  instagram: {
    limit: () => 2200,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: `Instagram caption: 2,200 characters, at most 5 hashtags (since December 2025; was 30), media required; checked ${CHECKED}`,
  },
  tiktok: {
    limit: () => 2200,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: `TikTok Content Posting API caption (title): 2,200 UTF-16 runes, video required; checked ${CHECKED}`,
  },
  webhook: { limit: () => null, unit: { en: "characters", pl: "znaków" }, count: utf16Length, source: "Rytm's own webhook: no limit" },
};

/**
 * Networks that refuse a post whose words repeat an earlier one of the same account: X
 * (403 "duplicate content"), LinkedIn (422 DUPLICATE_POST) and Facebook ((#506) Duplicate
 * status message), per networks.md. None documents how long it remembers [M: Rytm assumes
 * 90 days, the cautious reading].
 */
export const refusesRepeatedText: Partial<Record<NetworkKind, { days: number }>> = { x: { days: 90 }, linkedin: { days: 90 }, facebook: { days: 90 } };

export const BLUESKY_MAX_BYTES = 3000;
export const THREADS_MAX_LINKS = 5;
export const INSTAGRAM_HASHTAGS = 5;
const videoPattern = /\.(mp4|mov|m4v|webm)(\?|#|$)/i;

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

export function checkVariant(network: NetworkKind, content: VariantContent, settings: ChannelSettings = {}, context: Context = { postId: "" }): ChannelCheck {
  const rule = networkRules[network];
  const count = rule.count(content.text);
  const limit = rule.limit(settings);
  const over = limit === null ? 0 : Math.max(0, count - limit);
  const name = context.channelName ?? networkNames[network];
  const violations: Violation[] = [];
  const block = (ruleId: Violation["ruleId"], message: Violation["message"], suggestion: Violation["suggestion"], data: Violation["data"]) =>
    violations.push({ ruleId, severity: "block", message, suggestion, postIds: [context.postId], channelId: context.channelId, data });

  if (limit !== null && over > 0) {
    block(
      "channel-length",
      {
        en: `The text ${onChannel("en", name, network)} has ${count} ${rule.unit.en}; ${networkNames[network]} allows ${limit} (${over} too many).`,
        pl: `Tekst ${onChannel("pl", name, network)} ma ${count} ${rule.unit.pl}; ${networkNames[network]} pozwala na ${limit} (o ${over} za dużo).`,
      },
      { en: `Shorten it by ${over}.`, pl: `Skróć go o ${over}.` },
      { count, limit, over },
    );
  }
  // twitter-text (X's own counting library) calls a text invalid that is within the length but
  // holds code points X refuses (U+FFFE, U+FFFF, a byte order mark).
  if (network === "x" && content.text.trim() && over === 0 && !twitter.parseTweet(content.text).valid) {
    block(
      "channel-characters",
      { en: "The X text contains characters X refuses (U+FFFE, U+FFFF or U+FEFF).", pl: "Tekst na X zawiera znaki, których X nie przyjmuje (U+FFFE, U+FFFF lub U+FEFF)." },
      { en: "Remove them; they are invisible, often pasted from another program.", pl: "Usuń je; są niewidoczne, zwykle wklejone z innego programu." },
      {},
    );
  }
  if (network === "bluesky") {
    const bytes = utf8Bytes(content.text);
    if (bytes > BLUESKY_MAX_BYTES) {
      block(
        "channel-bytes",
        { en: `The Bluesky text is ${bytes} bytes; at most ${BLUESKY_MAX_BYTES} are allowed.`, pl: `Tekst na Bluesky ma ${bytes} bajtów; dozwolone jest ${BLUESKY_MAX_BYTES}.` },
        { en: "Shorten it, or use fewer emoji and non-Latin characters.", pl: "Skróć go albo użyj mniej emoji i znaków spoza alfabetu łacińskiego." },
        { count: bytes, limit: BLUESKY_MAX_BYTES, over: bytes - BLUESKY_MAX_BYTES },
      );
    }
  }
  if (network === "threads") {
    const links = findUrls(content.text).length + (content.link && !content.text.includes(content.link) ? 1 : 0);
    if (links > THREADS_MAX_LINKS) {
      block(
        "channel-links",
        { en: `The Threads post has ${links} links; Threads allows ${THREADS_MAX_LINKS}.`, pl: `Post na Threads ma ${links} linków; Threads pozwala na ${THREADS_MAX_LINKS}.` },
        { en: `Remove ${links - THREADS_MAX_LINKS}.`, pl: `Usuń ${links - THREADS_MAX_LINKS}.` },
        { count: links, limit: THREADS_MAX_LINKS, over: links - THREADS_MAX_LINKS },
      );
    }
  }
  if (network === "instagram") {
    const cap = settings.hashtagLimit ?? INSTAGRAM_HASHTAGS;
    const tags = findHashtags(content.text).length;
    if (tags > cap) {
      block(
        "channel-hashtags",
        { en: `The Instagram caption has ${tags} hashtags; Instagram allows ${cap}.`, pl: `Opis na Instagramie ma ${tags} hashtagów; Instagram pozwala na ${cap}.` },
        { en: `Keep the ${cap} most relevant.`, pl: `Zostaw ${cap} najtrafniejszych.` },
        { count: tags, limit: cap, over: tags - cap },
      );
    }
  }
  const media = content.mediaUrls ?? [];
  if (network === "instagram" && media.length === 0) {
    block("channel-media", { en: "Instagram needs an image or a video.", pl: "Instagram wymaga zdjęcia lub filmu." }, { en: "Add a media URL.", pl: "Dodaj adres zdjęcia lub filmu." }, {});
  }
  if (network === "tiktok" && !media.some((url) => videoPattern.test(url))) {
    block("channel-media", { en: "TikTok needs a video (.mp4, .mov or .webm).", pl: "TikTok wymaga filmu (.mp4, .mov lub .webm)." }, { en: "Add a video URL.", pl: "Dodaj adres filmu." }, {});
  }
  return { network, count, limit, unit: rule.unit, over, violations };
}
