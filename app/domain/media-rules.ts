// What each network takes in one post's media — how many pictures, whether a video may
// stand beside them, which types, how large, how long, what shape — checked against the
// facts Rytm read from each uploaded file (decision 0042). The numbers live in each
// network's module (app/channels/<network>/module.ts); a finding here blocks, as the
// network would refuse the post. Alt text is apart: an accessibility rule whose severity
// the workspace chooses (warn by default).
import type { Finding, MediaFacts, MediaRules } from "../channels/network-module";
import type { SeveritySetting } from "./mix-rules-settings";
import { type Violation, onChannel } from "./violations";

const mb = (bytes: number) => `${Math.round((bytes / 1_000_000) * 10) / 10} MB`;
const seconds = (ms: number) => Math.round(ms / 1000);
const ratio = (n: number) => Math.round(n * 100) / 100;

const finding = (en: string, pl: string, suggestionEn: string, suggestionPl: string, data: Finding["data"] = {}): Finding => ({
  ruleId: "channel-media",
  message: { en, pl },
  suggestion: { en: suggestionEn, pl: suggestionPl },
  data,
});

/** Counts a GIF as the network does: a picture on some, a video on others (X). */
const isVideo = (rules: MediaRules, item: MediaFacts) => item.kind === "VIDEO" || (item.kind === "GIF" && rules.gifCountsAs === "video");

/**
 * What the network would refuse in this post's uploaded media. `legacyUrls` are the old
 * "media addresses" a variant may still hold: they count, but nothing is known of them.
 */
export function mediaFindings(name: string, rules: MediaRules, media: readonly MediaFacts[], legacyUrls: readonly string[] = []): Finding[] {
  const found: Finding[] = [];
  const count = media.length + legacyUrls.length;
  if (rules.required === "image-or-video" && count === 0) {
    found.push(finding(`${name} needs a picture or a video.`, `${name} wymaga zdjęcia lub filmu.`, "Add a picture or a video.", "Dodaj zdjęcie lub film."));
  }
  const videos = media.filter((m) => isVideo(rules, m));
  const stills = media.filter((m) => !isVideo(rules, m));
  if (rules.required === "video" && videos.length === 0 && !legacyUrls.some((url) => /\.(mp4|mov|m4v|webm)(\?|#|$)/i.test(url))) {
    found.push(finding(`${name} needs a video.`, `${name} wymaga filmu.`, "Add a video.", "Dodaj film."));
  }
  if (count === 0) return found;
  if (rules.maxItems === 0) {
    found.push(finding(`${name} takes no pictures or videos from Rytm.`, `${name} nie przyjmuje od Rytmu zdjęć ani filmów.`, "Remove the media from this channel.", "Usuń media z tego kanału."));
    return found;
  }
  if (videos.length && stills.length && !rules.mixed) {
    found.push(finding(`${name} takes pictures or a video, not both in one post.`, `${name} przyjmuje zdjęcia albo film, nie oba w jednym poście.`, "Keep the video or the pictures.", "Zostaw film albo zdjęcia."));
  }
  if (videos.length > rules.maxVideos) {
    found.push(
      finding(
        `${name} takes ${rules.maxVideos} video per post; this one has ${videos.length}.`,
        `${name} przyjmuje ${rules.maxVideos} film w poście; ten ma ${videos.length}.`,
        "Keep one video.",
        "Zostaw jeden film.",
        { count: videos.length, limit: rules.maxVideos },
      ),
    );
  }
  if (count > rules.maxItems) {
    found.push(
      finding(
        `${name} takes at most ${rules.maxItems} pictures or videos; this post has ${count}.`,
        `${name} przyjmuje najwyżej ${rules.maxItems} zdjęć lub filmów; ten post ma ${count}.`,
        `Remove ${count - rules.maxItems}.`,
        `Usuń ${count - rules.maxItems}.`,
        { count, limit: rules.maxItems, over: count - rules.maxItems },
      ),
    );
  }
  for (const item of media) {
    const video = isVideo(rules, item);
    if (!rules.types.includes(item.mimeType)) {
      found.push(finding(`${name} does not take ${item.mimeType} (${item.fileName}).`, `${name} nie przyjmuje typu ${item.mimeType} (${item.fileName}).`, "Use a JPEG or PNG picture, or an MP4 video.", "Użyj zdjęcia JPEG lub PNG albo filmu MP4."));
      continue;
    }
    const maxBytes = video ? rules.maxVideoBytes : rules.maxImageBytes;
    // A picture over the limit is re-encoded smaller before it is sent when the network's
    // module says so (Bluesky's 1 MB); only one that cannot be is a finding.
    if (maxBytes !== null && item.byteSize > maxBytes && (video || !rules.reencodeImages)) {
      found.push(
        finding(
          `${item.fileName} is ${mb(item.byteSize)}; ${name} takes at most ${mb(maxBytes)} per ${video ? "video" : "picture"}.`,
          `${item.fileName} ma ${mb(item.byteSize)}; ${name} przyjmuje najwyżej ${mb(maxBytes)} na ${video ? "film" : "zdjęcie"}.`,
          "Use a smaller file.",
          "Użyj mniejszego pliku.",
          { bytes: item.byteSize, limit: maxBytes },
        ),
      );
    }
    if (video && item.kind === "VIDEO" && rules.maxVideoMs !== null && item.durationMs != null && item.durationMs > rules.maxVideoMs) {
      found.push(
        finding(
          `${item.fileName} lasts ${seconds(item.durationMs)} s; ${name} takes videos of at most ${seconds(rules.maxVideoMs)} s.`,
          `${item.fileName} trwa ${seconds(item.durationMs)} s; ${name} przyjmuje filmy do ${seconds(rules.maxVideoMs)} s.`,
          "Cut the video shorter.",
          "Skróć film.",
          { ms: item.durationMs, limit: rules.maxVideoMs },
        ),
      );
    }
    if (rules.aspect && item.width && item.height) {
      const aspect = item.width / item.height;
      if (aspect < rules.aspect.min - 0.005 || aspect > rules.aspect.max + 0.005) {
        found.push(
          finding(
            `${item.fileName} is ${item.width} × ${item.height} (${ratio(aspect)}:1); ${name} takes shapes from ${ratio(rules.aspect.min)}:1 to ${ratio(rules.aspect.max)}:1.`,
            `${item.fileName} ma ${item.width} × ${item.height} (${ratio(aspect)}:1); ${name} przyjmuje proporcje od ${ratio(rules.aspect.min)}:1 do ${ratio(rules.aspect.max)}:1.`,
            "Crop it to a shape the network takes.",
            "Przytnij je do proporcji, które sieć przyjmuje.",
            { width: item.width, height: item.height },
          ),
        );
      }
    }
  }
  return found;
}

/** One finding per post channel that carries pictures or videos without alt text. */
export function altTextViolations(
  media: readonly MediaFacts[],
  severity: SeveritySetting,
  context: { postId: string; channelId?: string; channelName: string; network: Parameters<typeof onChannel>[2] },
): Violation[] {
  if (severity === "off") return [];
  const missing = media.filter((m) => m.altText.trim() === "");
  if (!missing.length) return [];
  const names = missing.map((m) => m.fileName).join(", ");
  return [
    {
      ruleId: "media-alt-text",
      severity,
      postIds: [context.postId],
      channelId: context.channelId,
      data: { missing: missing.length },
      message: {
        en: `${missing.length === 1 ? "A picture or video" : `${missing.length} pictures or videos`} ${onChannel("en", context.channelName, context.network)} ${missing.length === 1 ? "has" : "have"} no alt text (${names}): people who cannot see it learn nothing from it.`,
        pl: `${missing.length === 1 ? "Zdjęcie lub film" : `Zdjęcia lub filmy (${missing.length})`} ${onChannel("pl", context.channelName, context.network)} ${missing.length === 1 ? "nie ma" : "nie mają"} tekstu alternatywnego (${names}): osoby, które ich nie widzą, nic się z nich nie dowiedzą.`,
      },
      suggestion: { en: "Describe each one in a sentence in the media library or the editor.", pl: "Opisz każde jednym zdaniem w bibliotece mediów lub w edytorze." },
    },
  ];
}
