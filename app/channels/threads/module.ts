// Threads: the Graph API's text containers, published in a second step, with a user token.
import { z } from "zod";
import { findUrls, graphemeCount, graphemes, isEmoji, utf8Bytes } from "../../domain/text-measure";
import { commonSettings, settingFields, tokenCredentials } from "../connect-fields";
import type { NetworkModule } from "../network-module";

export const THREADS_MAX_LINKS = 5;

/** Threads counts emoji by their UTF-8 bytes, other characters as one. */
export const threadsLength = (text: string) =>
  graphemeCount(text) === text.length && !/\p{Extended_Pictographic}/u.test(text)
    ? text.length
    : graphemes(text).reduce((n, g) => n + (isEmoji(g) ? utf8Bytes(g) : 1), 0);

export const threads = {
  kind: "threads",
  name: "Threads",
  polish: { locative: "Threads", genitive: "Threads" },
  aliases: [],
  icon: { glyph: "@", color: "#000000" },
  text: {
    limit: () => 500,
    unit: { en: "characters", pl: "znaków" },
    count: threadsLength,
    source: "Threads API posts: text up to 500 characters, emoji by UTF-8 bytes, at most 5 links; checked 2026-11-22",
    checks: [
      (content) => {
        const links = findUrls(content.text).length + (content.link && !content.text.includes(content.link) ? 1 : 0);
        return links > THREADS_MAX_LINKS
          ? {
              ruleId: "channel-links",
              message: { en: `The Threads post has ${links} links; Threads allows ${THREADS_MAX_LINKS}.`, pl: `Post na Threads ma ${links} linków; Threads pozwala na ${THREADS_MAX_LINKS}.` },
              suggestion: { en: `Remove ${links - THREADS_MAX_LINKS}.`, pl: `Usuń ${links - THREADS_MAX_LINKS}.` },
              data: { count: links, limit: THREADS_MAX_LINKS, over: links - THREADS_MAX_LINKS },
            }
          : null;
      },
    ],
    refusesRepeatedText: null,
  },
  media: {
    required: null,
    maxItems: 20,
    maxVideos: 20,
    mixed: true,
    gifCountsAs: "image",
    types: ["image/jpeg", "image/png", "video/mp4", "video/quicktime"],
    maxImageBytes: 8_000_000,
    reencodeImages: false,
    maxVideoBytes: 1_000_000_000,
    maxVideoMs: 300_000,
    aspect: { min: 0.01, max: 10 },
    source: "Threads containers: pictures 8 MB, videos 1 GB and 5 min, carousels of up to 20 items, pictures and videos mixed [M]",
  },
  postRate: { posts: 250, seconds: 24 * 3600 }, // 250 API-published posts per 24 h
  credentials: tokenCredentials,
  settings: z.strictObject({ ...commonSettings, userId: settingFields.userId, apiBase: settingFields.apiBase.optional() }),
  connection: {
    method: "oauth",
    oauth: {
      // Threads has no revocation endpoint: a person removes the app in Threads' settings.
      endpoints: { authorize: "https://threads.net/oauth/authorize", token: "https://graph.threads.net/oauth/access_token", revoke: null },
      scopes: ["threads_basic", "threads_content_publish"],
      pkce: "none",
      clientAuth: "post",
      // The code's token lasts an hour; the long-lived one 60 days, renewed by th_refresh_token
      // (it must be a day old and unexpired) a week before it runs out.
      longLived: { url: "https://graph.threads.net/access_token", grantType: "th_exchange_token", tokenParam: "access_token", sendsClientId: false },
      refresh: { kind: "exchange", url: "https://graph.threads.net/refresh_access_token", grantType: "th_refresh_token", aheadMs: 7 * 24 * 3600_000 },
      errors: "graph",
      scopeSeparator: ",",
      api: "https://graph.threads.net/v1.0",
      app: { env: "THREADS" },
    },
    fields: ["userId", "token"],
  },
  preview: { avatar: "circle", foldAt: null },
  publishKey: "variant-version",
  publishing: { available: true },
} satisfies NetworkModule;
