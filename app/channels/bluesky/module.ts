// Bluesky (AT Protocol): a session from a handle and an app password, posts as records
// whose key Rytm chooses (a TID), so a repeat under the same key cannot post twice.
import { z } from "zod";
import { graphemeCount, utf8Bytes } from "../../domain/text-measure";
import { commonSettings, credentialFields, settingFields } from "../connect-fields";
import type { NetworkModule } from "../network-module";

export const BLUESKY_MAX_BYTES = 3000;

export const bluesky = {
  kind: "bluesky",
  name: "Bluesky",
  polish: { locative: "Bluesky", genitive: "Bluesky" },
  aliases: [],
  icon: { glyph: "B", color: "#0560d6" },
  text: {
    limit: () => 300,
    unit: { en: "characters (graphemes)", pl: "znaków (grafemów)" },
    count: graphemeCount,
    source: "app.bsky.feed.post lexicon: text maxGraphemes 300, maxLength 3000 bytes; checked 2026-11-22",
    checks: [
      (content) => {
        const bytes = utf8Bytes(content.text);
        return bytes > BLUESKY_MAX_BYTES
          ? {
              ruleId: "channel-bytes",
              message: { en: `The Bluesky text is ${bytes} bytes; at most ${BLUESKY_MAX_BYTES} are allowed.`, pl: `Tekst na Bluesky ma ${bytes} bajtów; dozwolone jest ${BLUESKY_MAX_BYTES}.` },
              suggestion: { en: "Shorten it, or use fewer emoji and non-Latin characters.", pl: "Skróć go albo użyj mniej emoji i znaków spoza alfabetu łacińskiego." },
              data: { count: bytes, limit: BLUESKY_MAX_BYTES, over: bytes - BLUESKY_MAX_BYTES },
            }
          : null;
      },
    ],
    refusesRepeatedText: null,
  },
  media: {
    required: null,
    maxItems: 4,
    maxVideos: 1,
    mixed: false,
    gifCountsAs: "image",
    types: ["image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4"],
    maxImageBytes: 1_000_000,
    reencodeImages: true,
    maxVideoBytes: 100_000_000,
    maxVideoMs: 180_000,
    aspect: null,
    source: "app.bsky.embed.images: 4 pictures of at most 1,000,000 bytes (re-encoded to fit); app.bsky.embed.video: one MP4 up to 100 MB and 3 min [C/M]",
  },
  postRate: { posts: 1600, seconds: 3600 }, // 5,000 points per hour, 3 per create
  credentials: z.strictObject({ identifier: credentialFields.identifier, password: credentialFields.password }),
  settings: z.strictObject({ ...commonSettings, service: settingFields.service.optional() }),
  connection: { method: "app-password", fields: ["identifier", "password", "service"] },
  preview: { avatar: "circle", foldAt: null },
  publishKey: "at-protocol-tid",
  publishing: { available: true },
} satisfies NetworkModule;
