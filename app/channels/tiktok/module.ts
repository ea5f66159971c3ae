// TikTok: a caption under a video. Accounts connect through Login Kit (OAuth 2.0 with PKCE,
// decision 0036). Publishing needs video uploads, which Rytm does not have yet: its channels
// plan and check, and say so when a post is due.
import { z } from "zod";
import { utf16Length } from "../../domain/text-measure";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import type { NetworkModule } from "../network-module";

export const tiktok = {
  kind: "tiktok",
  name: "TikTok",
  polish: { locative: "TikToku", genitive: "TikToka" },
  aliases: [],
  icon: { glyph: "♪", color: "#000000" },
  text: {
    limit: () => 2200,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: "TikTok Content Posting API caption (title): 2,200 UTF-16 runes, video required; checked 2026-11-22",
    checks: [],
    refusesRepeatedText: null,
  },
  media: {
    required: "video",
    maxItems: 1,
    maxVideos: 1,
    mixed: false,
    gifCountsAs: "image",
    types: ["video/mp4", "video/quicktime"],
    maxImageBytes: null,
    reencodeImages: false,
    maxVideoBytes: 4_000_000_000,
    maxVideoMs: 600_000,
    aspect: null,
    source: "TikTok Content Posting API: one video, MP4 or MOV, up to 4 GB and 10 min [M]",
  },
  postRate: { posts: 15, seconds: 24 * 3600 },
  credentials: tokenCredentials,
  settings: z.strictObject({
    ...commonSettings,
    apiBase: settingFields.apiBase.optional(),
    /** The account's id for Rytm's app (open_id): stable across sign-ins, unlike the tokens. */
    openId: z.string().min(1).max(200).optional(),
  }),
  connection: {
    method: "oauth",
    oauth: {
      endpoints: { authorize: "https://www.tiktok.com/v2/auth/authorize/", token: "https://open.tiktokapis.com/v2/oauth/token/", revoke: "https://open.tiktokapis.com/v2/oauth/revoke/" },
      // user.info.basic: who consented, for the picker; video.publish: the creator info now, posting later.
      scopes: ["user.info.basic", "video.publish"],
      pkce: "S256",
      clientAuth: "post",
      // Access tokens last 24 hours, refresh tokens a year; a refresh may answer a new refresh token.
      refresh: { kind: "refresh-token", rotates: true },
      app: { env: "TIKTOK" },
      clientIdName: "client_key",
      scopeSeparator: ",",
      revokes: "access-token",
    },
    fields: ["token"],
  },
  preview: { avatar: "circle", foldAt: null },
  publishKey: "variant-version",
  publishing: {
    available: false,
    reason: { en: "Publishing to TikTok needs video uploads, which Rytm does not have yet.", pl: "Publikowanie na TikToku wymaga wysyłania filmów, czego Rytm jeszcze nie umie." },
  },
} satisfies NetworkModule;
