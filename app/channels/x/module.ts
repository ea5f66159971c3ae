// X (formerly Twitter): API v2, OAuth 2.0 user tokens. Counting is X's own weighted length
// from twitter-text, the library X publishes for exactly this.
import twitter from "twitter-text";
import { z } from "zod";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import type { NetworkModule } from "../network-module";

export const x = {
  kind: "x",
  name: "X",
  polish: { locative: "X", genitive: "X" },
  aliases: ["twitter"],
  icon: { glyph: "X", color: "#0f1419" },
  text: {
    limit: () => 280,
    unit: { en: "weighted characters", pl: "znaków liczonych jak w X" },
    count: (text) => twitter.parseTweet(text).weightedLength,
    source: `X counting characters (docs.x.com), via the official twitter-text 3.1 library: URLs 23, emoji and CJK 2, NFC; checked 2026-11-22`,
    checks: [
      // twitter-text calls a text invalid that is within the length but holds code points X
      // refuses (U+FFFE, U+FFFF, a byte order mark).
      (content, _settings, { over }) =>
        content.text.trim() && over === 0 && !twitter.parseTweet(content.text).valid
          ? {
              ruleId: "channel-characters",
              message: { en: "The X text contains characters X refuses (U+FFFE, U+FFFF or U+FEFF).", pl: "Tekst na X zawiera znaki, których X nie przyjmuje (U+FFFE, U+FFFF lub U+FEFF)." },
              suggestion: { en: "Remove them; they are invisible, often pasted from another program.", pl: "Usuń je; są niewidoczne, zwykle wklejone z innego programu." },
              data: {},
            }
          : null,
    ],
    // 403 "You are not allowed to create a Tweet with duplicate content" (networks.md §3); how
    // long X remembers is not documented [M: 90 days, the cautious reading].
    refusesRepeatedText: { days: 90 },
  },
  media: {
    required: null,
    maxItems: 4,
    maxVideos: 1,
    mixed: false,
    gifCountsAs: "video",
    types: ["image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/quicktime"],
    maxImageBytes: 5_000_000,
    reencodeImages: false,
    maxVideoBytes: 512_000_000,
    maxVideoMs: 140_000,
    aspect: { min: 1 / 3, max: 3 },
    source: "X media upload: 4 pictures, or one video or GIF; pictures 5 MB, video 512 MB and 140 s, aspect 1:3 to 3:1 [M]",
  },
  postRate: { posts: 100, seconds: 24 * 3600 }, // the lower tiers' 24-hour user cap
  credentials: tokenCredentials,
  settings: z.strictObject({ ...commonSettings, apiBase: settingFields.apiBase.optional(), userId: settingFields.userId.optional() }),
  connection: {
    method: "oauth",
    oauth: {
      endpoints: { authorize: "https://x.com/i/oauth2/authorize", token: "https://api.x.com/2/oauth2/token", revoke: "https://api.x.com/2/oauth2/revoke" },
      // offline.access: a refresh token; users.read: who consented, for the picker.
      scopes: ["tweet.read", "tweet.write", "users.read", "offline.access"],
      pkce: "S256",
      clientAuth: "basic",
      refresh: { kind: "refresh-token", rotates: true },
      app: { env: "X" },
    },
    fields: ["token"],
  },
  preview: { avatar: "circle", foldAt: null },
  publishKey: "variant-version",
  publishing: { available: true },
} satisfies NetworkModule;
