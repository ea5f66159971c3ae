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
  const composed = text.normalize("NFC");
  const withoutTracking = /https?:\/\//i.test(composed)
    ? composed.replace(/\bhttps?:\/\/[^\s<>"]+/giu, (url) => stripTracking(url.replace(/[.,;:!?)\]]+$/u, "")))
    : composed;
  return withoutTracking
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

// Own slot values are 26 bits; a borrowed value carries its distance above them.
const EMPTY = 0xffffffff;
const BORROWED = 0x04000000;

// Shingles are taken over UTF-16 units: an emoji's halves fall in neighbouring shingles,
// the same way every time, which is all a similarity measure needs.
export function shingles(normalized: string): Set<string> {
  const set = new Set<string>();
  if (normalized.length <= SHINGLE) {
    if (normalized.length) set.add(normalized);
    return set;
  }
  for (let i = 0; i + SHINGLE <= normalized.length; i++) set.add(normalized.slice(i, i + SHINGLE));
  return set;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * The MinHash signature by one-permutation hashing: each 5-unit window is hashed once
 * (in place, the same FNV-1a as `shingles` + `fnv1a`), its top 6 bits pick one of 64
 * slots and the slot keeps its least hash. Empty slots borrow from the next filled one
 * (rotation densification), so short texts still compare. One hash per shingle instead
 * of 64 makes fingerprints cheap enough to compute for every row of a large import.
 */
export function minhash(normalized: string): Uint32Array {
  const minima = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  const take = (h: number) => {
    const slot = h >>> 26;
    const value = h & 0x03ffffff;
    if (value < minima[slot]!) minima[slot] = value;
  };
  const n = normalized.length;
  if (n <= SHINGLE) {
    if (n) take(mix(fnv1a(normalized)));
  } else {
    for (let start = 0; start + SHINGLE <= n; start++) {
      let h = 0x811c9dc5;
      for (let k = start; k < start + SHINGLE; k++) {
        h ^= normalized.charCodeAt(k);
        h = Math.imul(h, 0x01000193);
      }
      take(mix(h >>> 0));
    }
  }
  if (minima.every((v) => v === EMPTY)) return minima;
  for (let slot = 0; slot < MINHASH_SIZE; slot++) {
    if (minima[slot] !== EMPTY) continue;
    let from = (slot + 1) % MINHASH_SIZE;
    let distance = 1;
    while (minima[from]! === EMPTY || minima[from]! >= BORROWED) {
      from = (from + 1) % MINHASH_SIZE;
      distance++;
    }
    // Borrowed values are marked apart (by distance) so they never equal a slot's own value.
    minima[slot] = distance * BORROWED + minima[from]!;
  }
  return minima;
}

/** The share of equal signature slots: an estimate of the Jaccard index (±0.06 at 64 slots). */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

export type Fingerprint = { exact: string; bands: string[] };

export function fingerprint(text: string, normalized = normalizeText(text), minima = minhash(normalized)): Fingerprint {
  const exact = fnv1a(normalized).toString(16).padStart(8, "0") + fnv1a(normalized, 0x01000193 ^ 0x5bd1e995).toString(16).padStart(8, "0");
  const bands: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ minima[b * ROWS + r]!);
    bands.push(`${b}:${h.toString(36)}`);
  }
  return { exact, bands };
}
