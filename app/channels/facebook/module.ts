// A Facebook Page: the Graph API's feed with a Page access token.
import { z } from "zod";
import { utf16Length } from "../../domain/text-measure";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import type { NetworkModule, OAuthSettings } from "../network-module";

const GRAPH = "https://graph.facebook.com/v20.0";

/** Facebook Login, which Instagram's professional accounts sign in through too (their Page's token publishes). */
export const facebookLogin = {
  endpoints: { authorize: "https://www.facebook.com/v20.0/dialog/oauth", token: `${GRAPH}/oauth/access_token`, revoke: null },
  pkce: "none",
  clientAuth: "post",
  // The code's user token lasts hours; its long-lived exchange lasts 60 days, and the Page
  // tokens /me/accounts gives for a long-lived user token do not expire.
  longLived: { url: `${GRAPH}/oauth/access_token`, grantType: "fb_exchange_token", tokenParam: "fb_exchange_token", sendsClientId: true },
  refresh: { kind: "none" },
  errors: "graph",
  scopeSeparator: ",",
  api: GRAPH,
  app: { env: "FACEBOOK" },
} as const satisfies Omit<OAuthSettings, "scopes">;

export const facebook = {
  kind: "facebook",
  name: "Facebook",
  polish: { locative: "Facebooku", genitive: "Facebooka" },
  aliases: [],
  icon: { glyph: "f", color: "#0866ff" },
  text: {
    limit: () => 63_206,
    unit: { en: "characters", pl: "znaków" },
    count: utf16Length,
    source: "Facebook Page post message: 63,206 characters [M: UTF-16 units]; checked 2026-11-22",
    checks: [],
    // (#506) Duplicate status message (networks.md §5); for how long is not documented [M: 90 days].
    refusesRepeatedText: { days: 90 },
  },
  media: {
    required: null,
    maxItems: 10,
    maxVideos: 1,
    mixed: false,
    gifCountsAs: "image",
    types: ["image/jpeg", "image/png", "image/gif", "video/mp4", "video/quicktime"],
    maxImageBytes: 10_000_000,
    reencodeImages: false,
    maxVideoBytes: 10_000_000_000,
    maxVideoMs: 14_400_000,
    aspect: null,
    source: "Graph API photos (10 MB) and videos (10 GB, 4 h); up to 10 pictures, or one video [M]",
  },
  postRate: { posts: 200, seconds: 3600 },
  credentials: tokenCredentials,
  settings: z.strictObject({ ...commonSettings, pageId: settingFields.pageId, apiBase: settingFields.apiBase.optional() }),
  connection: {
    method: "oauth",
    // Revoking at Facebook (DELETE /me/permissions) needs the person's token, which Rytm does
    // not keep, and would end every Page's access at once: Disconnect forgets the Page token.
    oauth: { ...facebookLogin, scopes: ["pages_show_list", "pages_manage_posts", "pages_read_engagement"] },
    fields: ["pageId", "token"],
  },
  preview: { avatar: "circle", foldAt: 480 },
  publishKey: "variant-version",
  publishing: { available: true },
} satisfies NetworkModule;
