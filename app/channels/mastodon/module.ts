// Mastodon, on any instance: the statuses API with a user token (OAuth per instance).
// Each instance sets its own text limit; URLs count 23 whatever their length.
import { z } from "zod";
import { findUrls, graphemeCount } from "../../domain/text-measure";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import type { NetworkModule } from "../network-module";

const URL_LENGTH = 23;

/** Mastodon counts every URL as 23 characters and a remote mention by its local part. */
export function mastodonLength(text: string): number {
  let rest = text;
  let urls = 0;
  for (const { url } of findUrls(text)) {
    rest = rest.replace(url, "");
    urls++;
  }
  rest = rest.replace(/(^|[^\p{L}\p{N}_/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, "$1$2");
  return graphemeCount(rest) + urls * URL_LENGTH;
}

export const mastodon = {
  kind: "mastodon",
  name: "Mastodon",
  polish: { locative: "Mastodonie", genitive: "Mastodona" },
  aliases: [],
  icon: { glyph: "M", color: "#563acc" },
  text: {
    limit: (settings) => settings.characterLimit ?? 500,
    unit: { en: "characters", pl: "znaków" },
    count: mastodonLength,
    source: "Mastodon default 500 (configuration.statuses.max_characters of /api/v2/instance), URLs 23, @user@domain counts @user; checked 2026-11-22",
    checks: [],
    refusesRepeatedText: null,
  },
  media: {
    required: null,
    maxItems: 4,
    maxVideos: 1,
    mixed: false,
    gifCountsAs: "image",
    types: ["image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/quicktime"],
    maxImageBytes: 16_000_000,
    reencodeImages: false,
    maxVideoBytes: 99_000_000,
    maxVideoMs: null,
    aspect: null,
    source: "Mastodon 4.x defaults: 4 attachments, one video not beside pictures, 16 MB pictures, 99 MB videos (instance may differ) [M]",
  },
  postRate: { posts: 300, seconds: 3 * 3600 }, // 300 status creations per 3 h per account
  credentials: tokenCredentials,
  settings: z.strictObject({ ...commonSettings, instanceUrl: settingFields.instanceUrl, characterLimit: settingFields.characterLimit.optional() }),
  connection: {
    method: "oauth",
    oauth: {
      endpoints: { authorize: "/oauth/authorize", token: "/oauth/token", revoke: "/oauth/revoke" },
      scopes: ["read:accounts", "write:statuses"],
      pkce: "S256",
      clientAuth: "basic",
      // Mastodon's tokens do not expire unless revoked.
      refresh: { kind: "none" },
      app: { registersPerInstance: true },
    },
    fields: ["instanceUrl", "token"],
  },
  preview: { avatar: "rounded", foldAt: null },
  publishKey: "variant-version",
  publishing: { available: true },
} satisfies NetworkModule;
