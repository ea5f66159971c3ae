// The month and week grids and the list: days in the workspace's zone, today marked,
// posts as chips. A day cell accepts a dropped post (drag-and-drop reschedule keeps the
// post's time of day); the post page has the keyboard and form way to move it.
import { DateTime } from "luxon";
import { Link } from "@remix-run/react";
import { useState } from "react";
import type { CalendarView } from "~/domain/calendar-range";
import { useI18n } from "~/i18n/use-i18n";
import { PostChip } from "./post-chip";
import type { CalendarPost, ChannelInfo, RuleBadge } from "./types";

type Props = {
  view: CalendarView;
  days: string[];
  anchor: string;
  today: string;
  zone: string;
  posts: CalendarPost[];
  channels: ChannelInfo[];
  categoryIndex: Map<string, { index: number; label: string }>;
  badges: Record<string, RuleBadge>;
  /** Days with more posts than shown: how many more. */
  more: Record<string, number>;
  /** Where "+N more" leads for a day. */
  moreLink: (day: string) => string;
  canMove: boolean;
  onMove: (postId: string, day: string, time: string) => void;
};

export function CalendarGrid({ view, days, anchor, today, zone, posts, channels, categoryIndex, badges, more, moreLink, canMove, onMove }: Props) {
  const { t, locale } = useI18n();
  const [over, setOver] = useState<string | null>(null);
  const channelMap = new Map(channels.map((c) => [c.id, c]));
  const local = (iso: string) => DateTime.fromISO(iso, { zone });
  const byDay = new Map<string, CalendarPost[]>();
  for (const post of posts) {
    const day = local(post.scheduledAt).toISODate()!;
    byDay.set(day, [...(byDay.get(day) ?? []), post]);
  }
  const month = DateTime.fromISO(anchor).month;
  const chip = (post: CalendarPost) => {
    const category = categoryIndex.get(post.category);
    return (
      <PostChip
        key={`${post.id}@${post.scheduledAt}`}
        post={post}
        time={local(post.scheduledAt).toFormat("HH:mm")}
        channels={channelMap}
        colorIndex={category?.index ?? -1}
        categoryLabel={category?.label ?? post.category}
        badge={badges[post.id]}
        draggable={canMove}
      />
    );
  };
  const dropProps = (day: string) =>
    canMove
      ? {
          onDragOver: (event: React.DragEvent) => {
            event.preventDefault();
            setOver(day);
          },
          onDragLeave: () => setOver((current) => (current === day ? null : current)),
          onDrop: (event: React.DragEvent) => {
            event.preventDefault();
            setOver(null);
            const postId = event.dataTransfer.getData("text/plain");
            const post = posts.find((p) => p.id === postId);
            if (post && local(post.scheduledAt).toISODate() !== day) onMove(postId, day, local(post.scheduledAt).toFormat("HH:mm"));
          },
        }
      : {};

  if (view === "list") {
    const listed = days.filter((day) => byDay.has(day));
    return (
      <div className="calendar-list">
        {listed.length === 0 ? <p>{t.calendar.nothingPlanned}</p> : null}
        {listed.map((day) => (
          <section key={day} className={`list-day${day === today ? " today" : ""}`} aria-label={local(day).setLocale(locale).toFormat("cccc d MMMM yyyy")} {...dropProps(day)}>
            <h2>
              {local(day).setLocale(locale).toFormat("cccc d MMMM yyyy")}
              {day === today ? <span className="pill today-pill">{t.calendar.today}</span> : null}
            </h2>
            <div className="list-posts">{byDay.get(day)!.map(chip)}</div>
            {more[day] ? <MoreLink to={moreLink(day)} count={more[day]!} /> : null}
          </section>
        ))}
      </div>
    );
  }

  const weekdays = days.slice(0, 7).map((day) => local(day).setLocale(locale).toFormat("ccc"));
  return (
    <div className={`calendar-grid view-${view}`} role="grid" aria-label={t.calendar.gridLabel}>
      <div role="row" className="grid-head">
        {weekdays.map((name) => (
          <div role="columnheader" key={name}>
            {name}
          </div>
        ))}
      </div>
      {Array.from({ length: days.length / 7 }, (_, week) => (
        <div role="row" className="grid-week" key={days[week * 7]}>
          {days.slice(week * 7, week * 7 + 7).map((day) => {
            const date = local(day);
            const outside = view === "month" && date.month !== month;
            return (
              <div
                role="gridcell"
                key={day}
                data-day={day}
                aria-current={day === today ? "date" : undefined}
                aria-label={date.setLocale(locale).toFormat("cccc d MMMM yyyy")}
                className={`cell${outside ? " outside" : ""}${day === today ? " today" : ""}${over === day ? " drop-target" : ""}`}
                {...dropProps(day)}
              >
                <div className="cell-date">
                  <span className="cell-date-short">{view === "week" ? date.setLocale(locale).toFormat("d LLL") : date.day}</span>
                  {/* A phone shows the days one under another, as an agenda: each says its weekday and date. */}
                  <span className="cell-date-full" aria-hidden="true">
                    {date.setLocale(locale).toFormat("cccc d MMMM")}
                  </span>
                </div>
                {(byDay.get(day) ?? []).map(chip)}
                {more[day] ? <MoreLink to={moreLink(day)} count={more[day]!} /> : null}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function MoreLink({ to, count }: { to: string; count: number }) {
  const { t } = useI18n();
  return (
    <Link className="more-link" to={to}>
      {t.calendar.more(count)}
    </Link>
  );
}
