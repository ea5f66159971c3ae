// One post in the calendar: time, title, channels, category colour, state and a rule
// badge. Draggable to another day when the person may move it.
import { Link } from "@remix-run/react";
import type { PostStatus } from "~/domain/post-gate";
import { useI18n } from "~/i18n/use-i18n";
import { categoryColor } from "../category-colors";
import { SafeLink } from "../safe-link";
import type { CalendarPost, ChannelInfo, RuleBadge } from "./types";

type Props = { post: CalendarPost; time: string; channels: Map<string, ChannelInfo>; colorIndex: number; badge?: RuleBadge; draggable: boolean; categoryLabel: string };

const movable = (status: PostStatus, variantStates: string[]) => status !== "PUBLISHED" && status !== "CANCELLED" && !variantStates.some((s) => s === "PUBLISHING" || s === "PUBLISHED");

export function PostChip({ post, time, channels, colorIndex, badge, draggable, categoryLabel }: Props) {
  const { t } = useI18n();
  const canDrag = draggable && movable(post.status, post.variants.map((v) => v.status));
  return (
    <article
      className={`chip status-${post.status.toLowerCase()}`}
      style={{ background: categoryColor(colorIndex) }}
      draggable={canDrag}
      data-post-id={post.id}
      aria-label={`${time} ${post.title}`}
      onDragStart={(event) => {
        event.dataTransfer.setData("text/plain", post.id);
        event.dataTransfer.effectAllowed = "move";
      }}
    >
      <div className="chip-head">
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
