// A day of the calendar that takes a moved post (a month cell, a list day, a week column).
import { useDroppable } from "@dnd-kit/core";
import { useMoving } from "./calendar-moves";

type DropDayProps = React.HTMLAttributes<HTMLElement> & { day: string; canMove: boolean; as?: "div" | "section"; "data-day"?: string };

/** A day that takes a moved post; it lights up while a move aims at it. */
export function DropDay({ day, canMove, as: Tag = "div", className, children, ...rest }: DropDayProps) {
  const { setNodeRef } = useDroppable({ id: `day:${day}`, data: { date: day }, disabled: !canMove });
  const moving = useMoving();
  const aimed = moving?.target?.date === day && moving.target.date !== moving.data.place.date;
  return (
    <Tag ref={setNodeRef} data-drop-day={day} className={`${className ?? ""}${aimed ? " drop-target" : ""}`} {...rest}>
      {children}
    </Tag>
  );
}
