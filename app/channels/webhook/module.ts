// Rytm's own webhook: each post delivered as a signed Standard Webhooks event to an
// endpoint the workspace runs (a CMS, a chat, a newsletter tool).
import { z } from "zod";
import { utf16Length } from "../../domain/text-measure";
import { commonSettings, credentialFields, settingFields } from "../connect-fields";
import type { NetworkModule } from "../network-module";

export const webhook = {
  kind: "webhook",
  name: "Webhook",
  polish: { locative: "webhooku", genitive: "webhooka" },
  aliases: [],
  icon: { glyph: "↗", color: "#5b636b" },
  text: { limit: () => null, unit: { en: "characters", pl: "znaków" }, count: utf16Length, source: "Rytm's own webhook: no limit", checks: [], refusesRepeatedText: null },
  media: {
    required: null,
    maxItems: 20,
    maxVideos: 20,
    mixed: true,
    gifCountsAs: "image",
    types: ["image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/quicktime"],
    maxImageBytes: null,
    reencodeImages: false,
    maxVideoBytes: null,
    maxVideoMs: null,
    aspect: null,
    source: "Rytm's own webhook: signed links to the files, any number up to 20",
  },
  postRate: { posts: 600, seconds: 60 },
  credentials: z.strictObject({ secret: credentialFields.secret }),
  settings: z.strictObject({ ...commonSettings, url: settingFields.url }),
  connection: { method: "url-secret", fields: ["url", "secret"] },
  preview: { avatar: "circle", foldAt: null },
  publishKey: "variant-version",
  publishing: { available: true },
} satisfies NetworkModule;
