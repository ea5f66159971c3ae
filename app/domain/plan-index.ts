// A workspace's plan held for rule checks: each channel's posts in time order, and the
// duplicate fingerprints in hash maps. Built once, it answers the questions every rule
// asks ("the posts before this one on its channel", "earlier posts with this text")
// without scanning the whole history.
import type { MediaFacts } from "../channels/network-module";
import type { NetworkKind } from "../channels/networks";
import { type Fingerprint, fingerprint, minhash, normalizeText, shingles } from "./text-fingerprint";

export type PlanItem = {
  /** The post (one idea); violations name posts. */
  postId: string;
  channelId: string;
  channelName: string;
  network: NetworkKind;
  category: string;
  /** The instant it goes out, in ms since the epoch. */
  at: number;
  text: string;
  link?: string | null;
  mediaUrls?: readonly string[];
  /** The uploaded pictures and videos it carries, as the media rules read them. */
  media?: readonly MediaFacts[];
  /** Stored with the variant; computed here when absent. */
  fingerprint?: Fingerprint;
  /** How people name the post (violations name the other posts by it). */
  title?: string;
  /** The recurring series the post is a date of: one idea, never a duplicate of itself. */
  seriesId?: string | null;
};

export type IndexedItem = PlanItem & { fingerprint: Fingerprint; normalized: string; signature: Uint32Array };

/**
 * Posts go in time order; equal times are ordered by what a person sees — title, channel
 * name, words — and only then by ids, so that the result depends neither on the order the
 * plan was given in nor on the ids a database or a spreadsheet gave it.
 */
export function compareItems(a: PlanItem, b: PlanItem): number {
  return a.at - b.at || text(a.title, b.title) || text(a.channelName, b.channelName) || text(a.text, b.text) || text(a.postId, b.postId) || text(a.channelId, b.channelId);
}
const text = (a: string | undefined, b: string | undefined) => ((a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0);

/** The first position in a time-ordered list whose item does not come before `item`. */
function lowerBound(list: readonly PlanItem[], item: PlanItem): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareItems(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeFrom<T>(list: T[] | undefined, item: T) {
  if (!list) return;
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}

/** How many of the nearest earlier candidates each fingerprint list gives a duplicate check, and how far it looks. */
const NEAREST_PER_LIST = 8;
const SCAN_PER_LIST = 64;

export class PlanIndex {
  readonly byChannel = new Map<string, IndexedItem[]>();
  readonly byExact = new Map<string, IndexedItem[]>();
  readonly byBand = new Map<string, IndexedItem[]>();
  readonly byPost = new Map<string, IndexedItem[]>();
  private readonly shingleSets = new WeakMap<IndexedItem, Set<string>>();

  constructor(items: Iterable<PlanItem> = []) {
    for (const item of items) this.add(item);
  }

  add(item: PlanItem): IndexedItem {
    const normalized = normalizeText(item.text);
    const signature = minhash(normalized);
    return this.insert({ ...item, normalized, signature, fingerprint: item.fingerprint ?? fingerprint(item.text, normalized, signature) });
  }

  /** Puts an item already indexed once (or a copy of it at another time) back, without hashing its text again. */
  insert(indexed: IndexedItem): IndexedItem {
    const channel = this.byChannel.get(indexed.channelId) ?? [];
    this.byChannel.set(indexed.channelId, channel);
    channel.splice(lowerBound(channel, indexed), 0, indexed);
    const post = this.byPost.get(indexed.postId) ?? [];
    this.byPost.set(indexed.postId, post);
    post.splice(lowerBound(post, indexed), 0, indexed);
    // Kept in time order, so that the nearest earlier items are found without looking at all.
    const push = (map: Map<string, IndexedItem[]>, key: string) => {
      const list = map.get(key);
      if (list) list.splice(lowerBound(list, indexed), 0, indexed);
      else map.set(key, [indexed]);
    };
    push(this.byExact, indexed.fingerprint.exact);
    for (const band of indexed.fingerprint.bands) push(this.byBand, band);
    return indexed;
  }

  remove(item: IndexedItem) {
    removeFrom(this.byChannel.get(item.channelId), item);
    removeFrom(this.byPost.get(item.postId), item);
    removeFrom(this.byExact.get(item.fingerprint.exact), item);
    for (const band of item.fingerprint.bands) removeFrom(this.byBand.get(band), item);
  }

  channelItems(channelId: string): readonly IndexedItem[] {
    return this.byChannel.get(channelId) ?? [];
  }

  /** The channels of one post, in time and channel order. */
  postItems(postId: string): readonly IndexedItem[] {
    return this.byPost.get(postId) ?? [];
  }

  /** Position of the item in its channel's time order. */
  positionOf(item: IndexedItem): number {
    return lowerBound(this.channelItems(item.channelId), item);
  }

  /** The channel's items from the first at or after `from` up to and including this one. */
  windowUpTo(item: IndexedItem, from: number): IndexedItem[] {
    const list = this.channelItems(item.channelId);
    const end = this.positionOf(item);
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.at < from) lo = mid + 1;
      else hi = mid;
    }
    return list.slice(lo, end + 1);
  }

  /**
   * The items nearest before this one, latest first, with the same words (exact hash) or
   * sharing an LSH band (near-duplicate candidates), from `from` on, that pass `keep`: at most
   * `limit` per list, and at most `scan` looked at per list. Bounded whatever the plan holds:
   * ten thousand similar texts cost each item a few dozen comparisons, not ten thousand.
   */
  nearestBefore(item: IndexedItem, lists: "exact" | "bands", from: number, keep: (other: IndexedItem) => boolean, limit = NEAREST_PER_LIST, scan = SCAN_PER_LIST): IndexedItem[] {
    const keys = lists === "exact" ? [item.fingerprint.exact] : item.fingerprint.bands;
    const map = lists === "exact" ? this.byExact : this.byBand;
    const found = new Set<IndexedItem>();
    for (const key of keys) {
      const list = map.get(key) ?? [];
      let taken = 0;
      for (let i = lowerBound(list, item) - 1, looked = 0; i >= 0 && taken < limit && looked < scan; i--, looked++) {
        const other = list[i]!;
        if (other.at < from) break;
        if (other === item || !keep(other)) continue;
        taken++;
        found.add(other);
      }
    }
    return [...found];
  }

  /** The item's 5-gram set, made once however many comparisons it takes part in. */
  shinglesOf(item: IndexedItem): Set<string> {
    let set = this.shingleSets.get(item);
    if (!set) this.shingleSets.set(item, (set = shingles(item.normalized)));
    return set;
  }

  /** Items sharing at least one LSH band with this one (near-duplicate candidates). */
  bandNeighbours(item: IndexedItem): Set<IndexedItem> {
    const found = new Set<IndexedItem>();
    for (const band of item.fingerprint.bands) for (const other of this.byBand.get(band) ?? []) if (other !== item) found.add(other);
    return found;
  }

  *all(): Iterable<IndexedItem> {
    for (const list of this.byChannel.values()) yield* list;
  }
}
