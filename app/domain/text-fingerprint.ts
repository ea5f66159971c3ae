// Fingerprints for catching duplicated content at 100k posts:
// - `exact`: a 64-bit hash of the normalised text (case, spacing, punctuation and URL
//   tracking parameters do not count; diacritics do: "kot" is not "kół");
// - `bands`: MinHash over character 5-grams, cut into 16 bands of 4 (LSH), so that texts
//   sharing most of their phrasing share a band with near certainty and a database index
//   (or a Map) finds candidates without comparing against every post.
// Similarity itself is the exact Jaccard index of the 5-gram sets, computed only for
// candidates. See docs/decisions/0007-duplicate-detection.md.

const trackingParams = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|mc_cid|mc_eid|igshid|igsh|si|ref_src|ref_url|_hsenc|_hsmi|li_fat_id|mkt_tok|s_cid|spm)$/i;

/** A URL without its tracking parameters, with scheme and host in lower case. */
export function stripTracking(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  for (const key of [...parsed.searchParams.keys()]) if (trackingParams.test(key)) parsed.searchParams.delete(key);
  const query = parsed.searchParams.toString();
  const path = parsed.pathname === "/" ? "" : parsed.pathname;
  return `${parsed.protocol}//${parsed.host}${path}${query ? `?${query}` : ""}${parsed.hash}`;
}

export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\bhttps?:\/\/[^\s<>"]+/giu, (url) => stripTracking(url.replace(/[.,;:!?)\]]+$/u, "")))
    .toLowerCase()
    .replace(/[\p{P}]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

const SHINGLE = 5;
export const MINHASH_SIZE = 64;
export const BANDS = 16;
const ROWS = MINHASH_SIZE / BANDS;

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// A strong 32-bit mix (murmur3's finaliser): turns one base hash into many independent ones.
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seeds = Array.from({ length: MINHASH_SIZE }, (_, i) => mix(0x9e3779b9 * (i + 1)));

export function shingles(normalized: string): Set<string> {
  const set = new Set<string>();
  const chars = Array.from(normalized);
  if (chars.length <= SHINGLE) {
    if (chars.length) set.add(normalized);
    return set;
  }
  for (let i = 0; i + SHINGLE <= chars.length; i++) set.add(chars.slice(i, i + SHINGLE).join(""));
  return set;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

export type Fingerprint = { exact: string; bands: string[] };

export function fingerprint(text: string): Fingerprint {
  const normalized = normalizeText(text);
  const exact = fnv1a(normalized).toString(16).padStart(8, "0") + fnv1a(normalized, 0x01000193 ^ 0x5bd1e995).toString(16).padStart(8, "0");
  const minima = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles(normalized)) {
    const base = fnv1a(shingle);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = mix(base ^ seeds[i]!);
      if (h < minima[i]!) minima[i] = h;
    }
  }
  const bands: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ minima[b * ROWS + r]!);
    bands.push(`${b}:${h.toString(36)}`);
  }
  return { exact, bands };
}
