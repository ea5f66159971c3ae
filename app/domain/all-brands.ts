// "All my brands": one person's week across every workspace they belong to. What the page
// accepts in its address and its forms, each brand's colour, and how a zone is named
// beside a time. Pure: no I/O.
import { DateTime } from "luxon";
import { z } from "zod";
import { networkKinds } from "~/channels/networks";
import { planDateSchema } from "./calendar-dates";
import { postStatuses } from "./post-gate";
import { recordIdSchema, singleLineText } from "./text-input";

export const allBrandsViews = ["week", "list"] as const;
export type AllBrandsView = (typeof allBrandsViews)[number];

/** Posts shown per day before "+N more": a week column holds fewer than a list's day. */
export const allBrandsPerDay: Record<AllBrandsView, number> = { week: 30, list: 60 };

// A filter that does not parse is dropped (the page shows everything), as on the calendar.
const brandIds = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(recordIdSchema()).max(100)).catch([]);

export const allBrandsQuerySchema = z.object({
  view: z.enum(allBrandsViews).catch("week"),
  date: planDateSchema().optional().catch(undefined),
  brand: brandIds,
  status: z.enum(postStatuses).optional().catch(undefined),
  network: z.enum(networkKinds).optional().catch(undefined),
});
export type AllBrandsQuery = z.infer<typeof allBrandsQuerySchema>;

/** The address's query as an object zod can read: a repeated `brand` stays a list. */
export function allBrandsQueryOf(params: URLSearchParams): AllBrandsQuery {
  return allBrandsQuerySchema.parse({
    view: params.get("view") ?? undefined,
    date: params.get("date") ?? undefined,
    brand: params.getAll("brand"),
    status: params.get("status") || undefined,
    network: params.get("network") || undefined,
  });
}

/** Pausing or resuming several brands at once: the same reason rules as one brand's pause page. */
export const bulkPauseSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("pause"),
    reason: singleLineText({ max: 500, required: "Say why publishing is paused" }),
    brand: z.array(recordIdSchema()).min(1, "Choose at least one brand").max(100),
  }),
  z.object({ intent: z.literal("resume"), brand: z.array(recordIdSchema()).min(1, "Choose at least one brand").max(100) }),
]);

export type BulkPauseOutcome = "paused" | "resumed" | "already-paused" | "not-paused" | "not-allowed" | "two-factor-first" | "not-a-member";

// Dark enough for white text (≥ 4.5:1, tested) and for a stripe on white (≥ 3:1).
export const brandPalette = [
  "#1d4ed8", "#b91c1c", "#047857", "#7e22ce", "#b45309", "#0e7490", "#be185d", "#4d7c0f",
  "#4338ca", "#a21caf", "#9f1239", "#c2410c", "#374151", "#0f766e", "#6d28d9", "#854d0e",
] as const;

// FNV-1a: the same workspace id always lands on the same place in the palette.
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * A colour for each of the person's brands: the one its id hashes to, or the next free one
 * when an earlier brand (by id) has it. A brand keeps its colour from week to week and on
 * every filter; up to 16 brands never share one.
 */
export function brandColours(workspaceIds: readonly string[]): Record<string, string> {
  const taken = new Set<number>();
  const colours: Record<string, string> = {};
  for (const id of [...workspaceIds].sort()) {
    let index = hashOf(id) % brandPalette.length;
    for (let tries = 0; taken.has(index) && tries < brandPalette.length; tries++) index = (index + 1) % brandPalette.length;
    taken.add(index);
    colours[id] = brandPalette[index]!;
  }
  return colours;
}

/** "Europe/Warsaw" → "Warsaw", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
export const zoneCity = (zone: string) => zone.split("/").at(-1)!.replaceAll("_", " ");

/** Where the page keeps the browser's time zone for the server (not a secret; checked on every read). */
export const personZoneCookie = "rytm_zone";

/** The instant each day of `days` ("2027-03-10") starts in `zone`: the days' edges, for grouping times by the person's day. */
export const dayStartsOf = (days: readonly string[], zone: string) => days.map((day) => DateTime.fromISO(day, { zone }).startOf("day").toJSDate());
