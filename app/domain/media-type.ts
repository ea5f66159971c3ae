// What an uploaded file is, read from its first bytes: the name and the browser's
// Content-Type are the uploader's word and can say anything (an .exe renamed photo.jpg),
// and what Rytm stores, serves and sends to networks must be what it claims to be.
export type MediaKind = "IMAGE" | "GIF" | "VIDEO";

export type SniffedType = { mimeType: string; kind: MediaKind; extension: string };

/** How many leading bytes `sniffMediaType` needs to decide. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The types Rytm accepts: the ones every network that takes media takes (JPEG, PNG), the
 * ones some take (WebP, GIF) and the video containers they accept (MP4, QuickTime).
 * Anything else is null: refused.
 */
export function sniffMediaType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mimeType: "image/jpeg", kind: "IMAGE", extension: "jpg" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: "image/png", kind: "IMAGE", extension: "png" };
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return { mimeType: "image/gif", kind: "GIF", extension: "gif" };
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return { mimeType: "image/webp", kind: "IMAGE", extension: "webp" };
  // ISO base media: a box size, then "ftyp" and the major brand.
  if (startsWith(head, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...head.slice(8, 12));
    if (brand === "qt  ") return { mimeType: "video/quicktime", kind: "VIDEO", extension: "mov" };
    // HEIC/AVIF stills share the container; networks do not take them.
    if (/^(heic|heix|hevc|mif1|msf1|avif|avis)$/.test(brand)) return null;
    return { mimeType: "video/mp4", kind: "VIDEO", extension: "mp4" };
  }
  return null;
}

/** The longest alt text kept (Mastodon takes 1,500 characters, Bluesky and X 1,000–2,000). */
export const MAX_ALT_TEXT = 2000;

/** A GIF's logical screen size, from its header (bytes 6–9, little-endian). */
export function gifDimensions(head: Uint8Array): { width: number; height: number } | null {
  if (head.length < 10) return null;
  return { width: head[6]! | (head[7]! << 8), height: head[8]! | (head[9]! << 8) };
}
