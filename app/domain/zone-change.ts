// A workspace's time zone changes: the owner chooses whether planned posts keep their local
// times (09:00 stays 09:00 in the new zone, so each moves in UTC: what brands usually want)
// or keep their instants (they go out when they would have, and read differently now).
// Published and past posts never move; a post whose new local time has already passed keeps
// its instant, and says so.
import { DateTime } from "luxon";
import { placeLocal } from "./series-schedule";

export const zoneChangeModes = ["keep-local", "keep-instants"] as const;
export type ZoneChangeMode = (typeof zoneChangeModes)[number];

export type PlannedVariant = { variantId: string; postId: string; at: Date; /** The zone of the post's series, if it has one. */ seriesZone: string | null };
export type VariantMove = { variantId: string; postId: string; from: Date; to: Date };
export type VariantKept = { variantId: string; postId: string; at: Date; reason: "passed" | "own-series-zone" };

/** A minute's margin: a post is not moved to a time the worker could not reach. */
const MARGIN_MS = 60_000;

export function planZoneChange(variants: readonly PlannedVariant[], from: string, to: string, mode: ZoneChangeMode, now: Date) {
  const moves: VariantMove[] = [];
  const kept: VariantKept[] = [];
  if (mode === "keep-instants" || from === to) return { moves, kept };
  for (const v of variants) {
    // A series that keeps a zone of its own (an earlier change kept instants) goes on in it.
    if (v.seriesZone !== null && v.seriesZone !== from) {
      kept.push({ variantId: v.variantId, postId: v.postId, at: v.at, reason: "own-series-zone" });
      continue;
    }
    const local = DateTime.fromJSDate(v.at, { zone: from });
    const placed = placeLocal(local.toISODate()!, local.toFormat("HH:mm"), to, "next-valid");
    if (!("at" in placed)) continue;
    const at = new Date(placed.at.getTime() + local.second * 1000 + local.millisecond);
    if (at.getTime() <= now.getTime() + MARGIN_MS) kept.push({ variantId: v.variantId, postId: v.postId, at: v.at, reason: "passed" });
    else if (at.getTime() !== v.at.getTime()) moves.push({ variantId: v.variantId, postId: v.postId, from: v.at, to: at });
  }
  return { moves, kept };
}
