// One post in the calendar: time, title, channels, category colour, state and a rule
// badge. When the person may move it, a pointer drags the whole card and the keyboard lifts
// it from its handle (calendar-moves.tsx).
import { useDraggable } from "@dnd-kit/core";
import { Link } from "@remix-run/react";
import type { PostStatus } from "~/domain/post-gate";
import type { Place } from "~/domain/week-grid";
import { useI18n } from "~/i18n/use-i18n";
import { categoryColor } from "../category-colors";
import { SafeLink } from "../safe-link";
import type { MoveData } from "./calendar-moves";
import type { CalendarPost, ChannelInfo, RuleBadge } from "./types";

type Props = {
  post: CalendarPost;
  time: string;
  /** Day and time with the weekday, for the handle's name: "Mon 7 Dec, 09:30". */
  when: string;
  place: Place;
  channels: Map<string, ChannelInfo>;
  colorIndex: number;
  badge?: RuleBadge;
  draggable: boolean;
  categoryLabel: string;
  /** Where the week grid puts the card (custom properties its stylesheet reads). */
  style?: React.CSSProperties;
};

const movable = (status: PostStatus, variantStates: string[]) => status !== "PUBLISHED" && status !== "CANCELLED" && !variantStates.some((s) => s === "PUBLISHING" || s === "PUBLISHED");

export function PostChip({ post, time, when, place, channels, colorIndex, badge, draggable, categoryLabel, style }: Props) {
  const { t } = useI18n();
  const canDrag = draggable && movable(post.status, post.variants.map((v) => v.status));
  const key = `${post.id}@${post.scheduledAt}`;
  const data: MoveData = { postId: post.id, title: post.title, at: post.scheduledAt, place };
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, transform, isDragging } = useDraggable({ id: key, data, disabled: !canDrag, attributes: { roleDescription: t.calendarMoves.roleDescription } });
  return (
    <article
      ref={setNodeRef}
      className={`chip status-${post.status.toLowerCase()}${canDrag ? " movable" : ""}${isDragging ? " moving" : ""}`}
      style={{ ...style, background: categoryColor(colorIndex), ...(transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : {}) }}
      data-post-id={post.id}
      data-move-key={key}
      aria-label={`${time} ${post.title}`}
      onPointerDown={canDrag ? (listeners?.onPointerDown as React.PointerEventHandler | undefined) : undefined}
    >
      <div className="chip-head">
        {canDrag ? (
          <button type="button" ref={setActivatorNodeRef} className="chip-handle" {...attributes} onKeyDown={listeners?.onKeyDown as React.KeyboardEventHandler | undefined} aria-label={t.calendarMoves.handle(post.title, when)} data-move-handle={post.id}>
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
        <span className="chip-time">{time}</span>
        <Link to={`posts/${post.id}`} className="chip-title">
          {post.title}
        </Link>
      </div>
      <div className="chip-meta">
        <span className="visually-hidden">{t.calendar.category}: </span>
        <span className="chip-category">{categoryLabel}</span>
        <span className={`pill status-pill status-${post.status.toLowerCase()}`}>{t.status[post.status]}</span>
        {badge && (badge.block || badge.warn) ? (
          <span className={`badge ${badge.block ? "badge-block" : "badge-warn"}`} title={badge.messages.join("\n")}>
            {badge.block ? t.calendar.blocking(badge.block) : t.calendar.warnings(badge.warn)}
          </span>
        ) : null}
      </div>
      <ul className="chip-channels" aria-label={t.calendar.channels}>
        {post.variants.map((v) => {
          const channel = channels.get(v.channelId);
          // A channel's own state is worth a word once it differs from the post's: going out, out, failed, unknown or held.
          // Each hold class (scheduling.server.ts's holdClasses) says why the variant waits.
          const heldStates: Record<string, string> = { paused: t.variantState.HELD, "held-rules": t.variantState.HELD_RULES, "needs-reconnect": t.variantState.HELD_RECONNECT };
          const held = v.status === "SCHEDULED" && v.failureClass != null && Object.hasOwn(heldStates, v.failureClass);
          const state = held ? heldStates[v.failureClass!] : v.status === "DRAFT" || v.status === "SCHEDULED" ? null : t.variantState[v.status as keyof typeof t.variantState];
          return (
            <li key={v.id} className={`state state-${held ? "held" : v.status.toLowerCase()}`}>
              {channel ? channel.name : t.calendar.removedChannel}
              {state ? `: ${state}` : null}
              {v.externalUrl ? (
                <>
                  {" "}
                  <SafeLink href={v.externalUrl}>{t.calendar.viewPublished}</SafeLink>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </article>
  );
}
