// Instagram: captions under a picture or a video. Publishing needs media uploads, which
// Rytm does not have yet: its channels plan and check, and say so when a post is due.
import { z } from "zod";
import { findHashtags, utf16Length } from "../../domain/text-measure";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import { facebookLogin } from "../facebook/module";
import type { NetworkModule } from "../network-module";

export const INSTAGRAM_HASHTAGS = 5;

export const instagram = {
  kind: "instagram",
  name: "Instagram",
  polish: { locative: "Instagramie", genitive: "Instagrama" },
  aliases: [],
  icon: { glyph: "IG", color: "#c13584" },
  text: {
    limit: () => 2200,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: "Instagram caption: 2,200 characters, at most 5 hashtags (since December 2025; was 30), media required; checked 2026-11-22",
    checks: [
      (content, settings) => {
        const cap = settings.hashtagLimit ?? INSTAGRAM_HASHTAGS;
        const tags = findHashtags(content.text).length;
        return tags > cap
          ? {
              ruleId: "channel-hashtags",
              message: { en: `The Instagram caption has ${tags} hashtags; Instagram allows ${cap}.`, pl: `Opis na Instagramie ma ${tags} hashtagów; Instagram pozwala na ${cap}.` },
              suggestion: { en: `Keep the ${cap} most relevant.`, pl: `Zostaw ${cap} najtrafniejszych.` },
              data: { count: tags, limit: cap, over: tags - cap },
            }
          : null;
      },
    ],
    refusesRepeatedText: null,
  },
  media: {
    required: "image-or-video",
    maxItems: 10,
    maxVideos: 10,
    mixed: true,
    gifCountsAs: "image",
    types: ["image/jpeg", "video/mp4", "video/quicktime"],
    maxImageBytes: 8_000_000,
    reencodeImages: false,
    maxVideoBytes: 300_000_000,
    maxVideoMs: 900_000,
    aspect: { min: 0.8, max: 1.91 },
    source: "Instagram Graph API content publishing: JPEG pictures up to 8 MB at 4:5 to 1.91:1, reels up to 15 min, carousels of up to 10 [M]",
  },
  postRate: { posts: 50, seconds: 24 * 3600 }, // content publishing limit per 24 h
  credentials: tokenCredentials,
  // userId: the Instagram professional account's id (instagram_business_account), which signing
  // in sets; the token is its Facebook Page's. A channel only planned for has neither.
  settings: z.strictObject({ ...commonSettings, userId: settingFields.userId.optional(), apiBase: settingFields.apiBase.optional(), hashtagLimit: settingFields.hashtagLimit.optional() }),
  connection: {
    method: "oauth",
    oauth: { ...facebookLogin, scopes: ["instagram_basic", "instagram_content_publish", "pages_show_list", "pages_read_engagement"] },
    fields: ["userId", "token"],
  },
  preview: { avatar: "circle", foldAt: 125 },
  publishKey: "variant-version",
  publishing: {
    available: false,
    reason: { en: "Publishing to Instagram needs media uploads, which Rytm does not have yet.", pl: "Publikowanie na Instagramie wymaga wysyłania zdjęć i filmów, czego Rytm jeszcze nie umie." },
  },
} satisfies NetworkModule;
