// Moving posts in the calendar, by pointer or keyboard, with dnd-kit (decision 0051). A move
// aims at a place — a day, and in the week grid a quarter hour — and lands on the moment
// `dropAt` names for it in the workspace's zone. A pointer's place is read from where the
// card is over the grid; the keyboard's is stepped by `step` and the card is carried there.
// A screen reader hears where the post is picked up, each place it is carried to, and where
// it is dropped, in the page's language.
import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  pointerWithin,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { createContext, useContext, useMemo, useRef, useState } from "react";
import type { CalendarView } from "~/domain/calendar-range";
import { DAY_MINUTES, type Drop, type MoveKey, type Place, dropAt, snap, step } from "~/domain/week-grid";
import { useI18n } from "~/i18n/use-i18n";
import { formatDayTime } from "~/utils/dates";

/** What a card carries while it moves. */
export type MoveData = { postId: string; title: string; at: string; place: Place };

type Moving = { key: string; data: MoveData; target: Place | null; keyboard: boolean };

const MovingContext = createContext<Moving | null>(null);
/** The move under way, for the grid to show where the post would land. */
export const useMoving = () => useContext(MovingContext);

const moveKeys: readonly string[] = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"] satisfies MoveKey[];
// Below 768 px the week is an agenda (decision 0050): a day under another, no hours to aim at.
const agenda = () => typeof window !== "undefined" && window.matchMedia("(max-width: 47.99rem)").matches;
const dayElement = (date: string) => document.querySelector<HTMLElement>(`[data-drop-day="${date}"]`);

// A pointer aims with the pointer; the keyboard carries the card onto the place it chose.
const collisions: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : closestCenter(args));

type Props = {
  view: CalendarView;
  days: readonly string[];
  zone: string;
  onMove: (postId: string, drop: Drop, keyboard: boolean) => void;
  children: React.ReactNode;
};

export function CalendarMoves({ view, days, zone, onMove, children }: Props) {
  const { t, locale } = useI18n();
  const [moving, setMoving] = useState<Moving | null>(null);
  // The sensor and the announcements run outside React's render: they read the move from here.
  const current = useRef<Moving | null>(null);
  // dnd-kit announces the end after our handler has cleared the move: the last one stays here for it.
  const last = useRef<Moving | null>(null);
  const announced = useRef("");
  const update = (next: Moving | null) => {
    current.current = next;
    if (next) last.current = next;
    setMoving(next);
  };
  const timed = () => view === "week" && !agenda();

  const placeLabel = (place: Place) => {
    const drop = dropAt(place.date, place.minutes, zone);
    const when = formatDayTime(drop.at, zone, locale);
    if (drop.adjusted === "after-clock-change") return t.calendarMoves.afterClockChange(when, `${String(Math.floor(place.minutes / 60)).padStart(2, "0")}:${String(place.minutes % 60).padStart(2, "0")}`);
    if (drop.adjusted === "first-of-two") return t.calendarMoves.firstOfTwo(when);
    return when;
  };

  /** Where a pointer's card is: the day it is over and, in the week grid, the quarter hour its top edge is at. */
  const pointerPlace = (event: DragMoveEvent | DragEndEvent, data: MoveData): Place | null => {
    const date = event.over?.data.current?.date as string | undefined;
    if (!date) return null;
    if (!timed()) return { date, minutes: data.place.minutes };
    const card = document.querySelector<HTMLElement>(`[data-move-key="${CSS.escape(String(event.active.id))}"]`);
    const column = dayElement(date);
    if (!card || !column) return null;
    const columnRect = column.getBoundingClientRect();
    return { date, minutes: snap(((card.getBoundingClientRect().top - columnRect.top) / columnRect.height) * DAY_MINUTES) };
  };

  const coordinateGetter: KeyboardCoordinateGetter = (event, { currentCoordinates }) => {
    const moving = current.current;
    if (!moving?.target || !moveKeys.includes(event.code)) return undefined;
    event.preventDefault();
    const target = step(timed() ? "week" : view === "week" ? "list" : view, moving.target, event.code as MoveKey, event.shiftKey, days, zone);
    update({ ...moving, target });
    const day = dayElement(target.date);
    if (!day) return currentCoordinates;
    const rect = day.getBoundingClientRect();
    return timed() ? { x: rect.left + 2, y: rect.top + (target.minutes / DAY_MINUTES) * rect.height } : { x: rect.left + 4, y: rect.top + 28 };
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter, scrollBehavior: "auto" }),
  );

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: () => {
        const moving = current.current;
        announced.current = moving?.target ? placeLabel(moving.target) : "";
        return moving ? t.calendarMoves.lifted(moving.data.title, formatDayTime(moving.data.at, zone, locale)) : undefined;
      },
      onDragMove: () => {
        const target = current.current?.target;
        const label = target ? placeLabel(target) : "";
        if (!label || label === announced.current) return undefined;
        announced.current = label;
        return t.calendarMoves.over(label);
      },
      onDragOver: () => undefined,
      onDragEnd: () => {
        const moving = last.current;
        if (!moving?.target) return undefined;
        const moved = dropAt(moving.target.date, moving.target.minutes, zone).at.getTime() !== new Date(moving.data.at).getTime();
        return moved ? t.calendarMoves.dropped(moving.data.title, placeLabel(moving.target)) : t.calendarMoves.cancelled(moving.data.title);
      },
      onDragCancel: () => {
        const moving = last.current;
        return moving ? t.calendarMoves.cancelled(moving.data.title) : undefined;
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, locale, zone, view],
  );

  const start = (event: DragStartEvent) => {
    const data = event.active.data.current as MoveData;
    update({ key: String(event.active.id), data, target: data.place, keyboard: event.activatorEvent instanceof KeyboardEvent });
  };
  const move = (event: DragMoveEvent) => {
    const moving = current.current;
    if (!moving || moving.keyboard) return;
    const target = pointerPlace(event, moving.data);
    if (target?.date !== moving.target?.date || target?.minutes !== moving.target?.minutes) update({ ...moving, target });
  };
  const end = (event: DragEndEvent) => {
    const moving = current.current;
    update(null);
    if (!moving) return;
    const target = moving.keyboard ? moving.target : pointerPlace(event, moving.data);
    if (!target) return;
    const drop = dropAt(target.date, target.minutes, zone);
    if (drop.at.getTime() !== new Date(moving.data.at).getTime()) onMove(moving.data.postId, drop, moving.keyboard);
  };

  return (
    <DndContext
      id="calendar-moves"
      sensors={sensors}
      collisionDetection={collisions}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t.calendarMoves.instructions } }}
      onDragStart={start}
      onDragMove={move}
      onDragEnd={end}
      onDragCancel={() => update(null)}
    >
      <MovingContext.Provider value={moving}>{children}</MovingContext.Provider>
    </DndContext>
  );
}
