// The calendar's time maths, for the week's time grid and for moving posts in any view: where
// a post sits (its wall-clock day and minute in the workspace's zone), which posts share a
// stretch of the grid and go side by side, which moment a slot a person drops on names on a
// day the clocks change, and where an arrow key takes a post being moved.
import { DateTime } from "luxon";
import type { CalendarView } from "./calendar-range";
import { resolveLocalTime } from "./local-time";
import { zoneOffsets } from "./zone-offsets";

/** Drops and keyboard moves snap to a quarter of an hour. */
export const SLOT_MINUTES = 15;
export const DAY_MINUTES = 24 * 60;
/** A post is an instant, its card is not: this much of the grid is the card's, for deciding which cards overlap. */
export const CARD_MINUTES = 60;
const DAY_MS = 86_400_000;

/** A day and a time of day in the workspace's zone, as the move form sends them (dst: which of a time that happens twice). */
export type Slot = { date: string; time: string; dst?: "earlier" | "later" };
/** A place on the grid: a day and minutes after its (wall-clock) midnight. */
export type Place = { date: string; minutes: number };

export const clockTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
export const minutesOf = (time: string) => {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** Where an instant sits on the grid. On the day the clocks go back both 02:30s sit at 02:30: the grid is the wall clock. */
export function placeOf(instant: string | Date, zone: string): Place {
  const local = DateTime.fromJSDate(new Date(instant), { zone });
  return { date: local.toISODate()!, minutes: local.hour * 60 + local.minute };
}

/** The slot naming an instant, saying which of the two when its time happens twice, so that moving it back (Undo) finds the same moment. */
export function slotOf(instant: string | Date, zone: string): Slot {
  const at = new Date(instant);
  const local = DateTime.fromJSDate(at, { zone });
  const slot: Slot = { date: local.toISODate()!, time: local.toFormat("HH:mm") };
  const resolved = resolveLocalTime(slot.date, slot.time, zone);
  if (resolved.kind === "ambiguous") slot.dst = resolved.instant.getTime() === Math.floor(at.getTime() / 60_000) * 60_000 ? "earlier" : "later";
  return slot;
}

export type Drop = {
  slot: Slot;
  at: Date;
  /** Why the moment is not the clock time dropped on: the clocks skip it (the same time after the jump), or it happens twice (the first). */
  adjusted: "after-clock-change" | "first-of-two" | null;
};

/**
 * The moment a drop on a day and minute names, in the zone. A time the clocks skip (02:30 on
 * the day they go forward) becomes the same clock time after the jump (03:30), and a time that
 * happens twice becomes the first of the two, as a series does (decision 0027): a drop never
 * fails for a reason the grid does not show.
 */
export function dropAt(date: string, minutes: number, zone: string): Drop {
  const time = clockTime(minutes);
  const resolved = resolveLocalTime(date, time, zone);
  if (resolved.kind === "ok") return { slot: { date, time }, at: resolved.instant, adjusted: null };
  if (resolved.kind === "ambiguous") return { slot: { date, time, dst: "earlier" }, at: resolved.instant, adjusted: "first-of-two" };
  // Read the clock time with the offset in force before the jump.
  const wall = DateTime.fromISO(`${date}T${time}`, { zone: "UTC" }).toMillis();
  const at = wall - zoneOffsets(zone)(wall - DAY_MS);
  const after = DateTime.fromMillis(at, { zone });
  return { slot: { date: after.toISODate()!, time: after.toFormat("HH:mm") }, at: new Date(at), adjusted: "after-clock-change" };
}

/** Whether the clock shows this minute on this day in the zone (false in the hour the clocks skip). */
export const exists = (date: string, minutes: number, zone: string) => resolveLocalTime(date, clockTime(minutes), zone).kind !== "missing";

/** The stretch of a day the clocks skip, in wall-clock minutes [from, to), for the grid to grey out; null on other days. */
export function skippedStretch(date: string, zone: string): { from: number; to: number } | null {
  let from: number | null = null;
  for (let minutes = 0; minutes < DAY_MINUTES; minutes += SLOT_MINUTES) {
    const missing = !exists(date, minutes, zone);
    if (missing && from === null) from = minutes;
    if (!missing && from !== null) return { from, to: minutes };
  }
  return from === null ? null : { from, to: DAY_MINUTES };
}

/** A pointer's raw minute → the nearest quarter hour that starts a slot within the day. */
export const snap = (minutes: number) => Math.min(DAY_MINUTES - SLOT_MINUTES, Math.max(0, Math.round(minutes / SLOT_MINUTES) * SLOT_MINUTES));

export type MoveKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

/**
 * Where an arrow key takes a post being moved. Month and list: a day left or right, a week up
 * or down. Week grid: a day left or right, 15 minutes up or down (an hour with Shift), never
 * onto a time the clocks skip (it steps over it). Only days the view shows are reached.
 */
export function step(view: CalendarView, from: Place, key: MoveKey, shift: boolean, days: readonly string[], zone: string): Place {
  const horizontal = key === "ArrowLeft" || key === "ArrowRight";
  const sign = key === "ArrowLeft" || key === "ArrowUp" ? -1 : 1;
  if (view !== "week" || horizontal) {
    const by = horizontal ? sign : sign * 7;
    const date = DateTime.fromISO(from.date, { zone: "UTC" }).plus({ days: by }).toISODate()!;
    return days.includes(date) ? { date, minutes: from.minutes } : from;
  }
  const by = sign * (shift ? 60 : SLOT_MINUTES);
  let minutes = from.minutes + by;
  while (minutes >= 0 && minutes < DAY_MINUTES && !exists(from.date, minutes, zone)) minutes += by;
  return minutes >= 0 && minutes < DAY_MINUTES ? { date: from.date, minutes } : from;
}

/**
 * Cards that overlap in time go side by side: each gets a column among as many as its group
 * of overlapping cards needs (a group ends where no card reaches into the next one).
 */
export function sideBySide<T extends { key: string; minutes: number }>(cards: readonly T[]): Map<string, { column: number; columns: number }> {
  const sorted = [...cards].sort((a, b) => a.minutes - b.minutes || a.key.localeCompare(b.key));
  const placed = new Map<string, { column: number; columns: number }>();
  let group: { key: string; column: number }[] = [];
  let columnEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    for (const card of group) placed.set(card.key, { column: card.column, columns: columnEnds.length });
    group = [];
    columnEnds = [];
    groupEnd = -Infinity;
  };
  for (const card of sorted) {
    if (card.minutes >= groupEnd) close();
    let column = columnEnds.findIndex((end) => end <= card.minutes);
    if (column === -1) column = columnEnds.push(0) - 1;
    columnEnds[column] = card.minutes + CARD_MINUTES;
    group.push({ key: card.key, column });
    groupEnd = Math.max(groupEnd, card.minutes + CARD_MINUTES);
  }
  close();
  return placed;
}

/** Where the week grid opens: an hour before the working day (08:00) or before the week's earliest post, whichever is first. */
export function openingMinutes(places: readonly Place[]): number {
  const earliest = Math.min(8 * 60, ...places.map((p) => p.minutes));
  return Math.max(0, Math.floor(earliest / 60) * 60 - 60);
}
