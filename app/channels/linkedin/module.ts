// LinkedIn: the Posts API for a person or an organisation, with a 3-legged OAuth token.
import { z } from "zod";
import { utf16Length } from "../../domain/text-measure";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import type { NetworkModule } from "../network-module";

export const linkedin = {
  kind: "linkedin",
  name: "LinkedIn",
  polish: { locative: "LinkedInie", genitive: "LinkedIna" },
  aliases: [],
  icon: { glyph: "in", color: "#0a66c2" },
  text: {
    limit: () => 3000,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: "LinkedIn Posts API commentary: 3,000 characters [M: counted as UTF-16 units, the cautious reading]; checked 2026-11-22",
    checks: [],
    // 422 DUPLICATE_POST (networks.md §4); for how long is not documented [M: 90 days].
    refusesRepeatedText: { days: 90 },
  },
  media: {
    required: null,
    maxItems: 20,
    maxVideos: 1,
    mixed: false,
    gifCountsAs: "image",
    types: ["image/jpeg", "image/png", "image/gif", "video/mp4"],
    maxImageBytes: 36_000_000,
    reencodeImages: false,
    maxVideoBytes: 5_000_000_000,
    maxVideoMs: 600_000,
    aspect: null,
    source: "LinkedIn Images and Videos API: up to 20 pictures (multi-image) or one video of 3 s to 10 min, 5 GB [M]",
  },
  postRate: { posts: 150, seconds: 24 * 3600 }, // member day quota, resets at midnight UTC
  credentials: tokenCredentials,
  settings: z.strictObject({ ...commonSettings, author: settingFields.author, apiBase: settingFields.apiBase.optional(), version: settingFields.version.optional() }),
  connection: {
    method: "oauth",
    oauth: {
      endpoints: { authorize: "https://www.linkedin.com/oauth/v2/authorization", token: "https://www.linkedin.com/oauth/v2/accessToken", revoke: "https://www.linkedin.com/oauth/v2/revoke" },
      // openid+profile: who consented; w_member_social: post as them; the organisation
      // scopes (Community Management API): list and post as the pages they administer.
      scopes: ["openid", "profile", "w_member_social", "r_organization_admin", "w_organization_social"],
      pkce: "none",
      clientAuth: "post",
      // Refresh tokens only for approved partners, and they are not rotated; access tokens last 60 days.
      refresh: { kind: "refresh-token", rotates: false },
      app: { env: "LINKEDIN" },
    },
    fields: ["author", "token"],
  },
  // LinkedIn folds a long post behind "…see more".
  preview: { avatar: "square", foldAt: 210 },
  publishKey: "variant-version",
  publishing: { available: true },
} satisfies NetworkModule;
