// TikTok: a caption under a video. Publishing needs video uploads, which Rytm does not
// have yet: its channels plan and check, and say so when a post is due.
import { z } from "zod";
import { utf16Length } from "../../domain/text-measure";
import { commonSettings, tokenCredentials } from "../connect-fields";
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
  settings: z.strictObject({ ...commonSettings }),
  connection: { method: "oauth", fields: ["token"] },
  preview: { avatar: "circle", foldAt: null },
  publishKey: "variant-version",
  publishing: {
    available: false,
    reason: { en: "Publishing to TikTok needs video uploads, which Rytm does not have yet.", pl: "Publikowanie na TikToku wymaga wysyłania filmów, czego Rytm jeszcze nie umie." },
  },
} satisfies NetworkModule;
