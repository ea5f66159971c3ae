// The month grid, the week's time grid and the list: days in the workspace's zone, today
// marked, posts as cards. A post moves by pointer or keyboard (calendar-moves.tsx): onto
// another day in the month and the list (keeping its time of day), onto another day and
// quarter hour in the week.
import { DateTime } from "luxon";
import { Fragment } from "react";
import type { CalendarView } from "~/domain/calendar-range";
import { type Drop, placeOf } from "~/domain/week-grid";
import { useI18n } from "~/i18n/use-i18n";
import { formatDayTime } from "~/utils/dates";
import { CalendarMoves } from "./calendar-moves";
import { DropDay } from "./drop-day";
import { MoreLink } from "./more-link";
import { PostChip } from "./post-chip";
import type { CalendarPost, ChannelInfo, PostNote, RenderChip, RuleBadge } from "./types";
import { WeekGrid } from "./week-grid";

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
  /** A post dropped on a new moment; `keyboard` when it was moved with the keyboard. */
  onMove: (postId: string, drop: Drop, keyboard: boolean) => void;
  note?: PostNote | null;
};

export function CalendarGrid({ view, days, anchor, today, zone, posts, channels, categoryIndex, badges, more, moreLink, canMove, onMove, note }: Props) {
  const { t, locale } = useI18n();
  const channelMap = new Map(channels.map((c) => [c.id, c]));
  const local = (iso: string) => DateTime.fromISO(iso, { zone });
  const byDay = new Map<string, CalendarPost[]>();
  for (const post of posts) {
    const day = local(post.scheduledAt).toISODate()!;
    byDay.set(day, [...(byDay.get(day) ?? []), post]);
  }
  const month = DateTime.fromISO(anchor).month;
  const noted = note ? posts.find((p) => p.id === note.postId) : undefined;
  const chip: RenderChip = (post, style) => {
    const category = categoryIndex.get(post.category);
    const card = (
      <PostChip
        key={`${post.id}@${post.scheduledAt}`}
        post={post}
        time={local(post.scheduledAt).toFormat("HH:mm")}
        when={formatDayTime(post.scheduledAt, zone, locale)}
        place={placeOf(post.scheduledAt, zone)}
        channels={channelMap}
        colorIndex={category?.index ?? -1}
        categoryLabel={category?.label ?? post.category}
        badge={badges[post.id]}
        draggable={canMove}
        style={style}
      />
    );
    if (post !== noted) return card;
    return (
      <Fragment key={`${post.id}@${post.scheduledAt}`}>
        {card}
        <div className="chip-note" style={style}>
          {note!.content}
        </div>
      </Fragment>
    );
  };
  const dayName = (day: string) => local(day).setLocale(locale).toFormat("cccc d MMMM yyyy");

  let body: React.ReactNode;
  if (view === "list") {
    const listed = days.filter((day) => byDay.has(day));
    body = (
      <div className="calendar-list">
        {listed.length === 0 ? <p>{t.calendar.nothingPlanned}</p> : null}
        {listed.map((day) => (
          <DropDay key={day} day={day} canMove={canMove} as="section" className={`list-day${day === today ? " today" : ""}`} aria-label={dayName(day)}>
            <h2>
              {dayName(day)}
              {day === today ? <span className="pill today-pill">{t.calendar.today}</span> : null}
            </h2>
            <div className="list-posts">{byDay.get(day)!.map((post) => chip(post))}</div>
            {more[day] ? <MoreLink to={moreLink(day)} count={more[day]!} /> : null}
          </DropDay>
        ))}
      </div>
    );
  } else if (view === "week") {
    body = <WeekGrid days={days} today={today} zone={zone} posts={posts} canMove={canMove} more={more} moreLink={moreLink} chip={chip} />;
  } else {
    const weekdays = days.slice(0, 7).map((day) => local(day).setLocale(locale).toFormat("ccc"));
    body = (
      <div className="calendar-grid view-month" role="grid" aria-label={t.calendar.gridLabel}>
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
              const outside = date.month !== month;
              return (
                <DropDay
                  key={day}
                  day={day}
                  canMove={canMove}
                  role="gridcell"
                  data-day={day}
                  aria-current={day === today ? "date" : undefined}
                  aria-label={dayName(day)}
                  className={`cell${outside ? " outside" : ""}${day === today ? " today" : ""}`}
                >
                  <div className="cell-date">
                    <span className="cell-date-short">{date.day}</span>
                    {/* A phone shows the days one under another, as an agenda: each says its weekday and date. */}
                    <span className="cell-date-full" aria-hidden="true">
                      {date.setLocale(locale).toFormat("cccc d MMMM")}
                    </span>
                  </div>
                  {(byDay.get(day) ?? []).map((post) => chip(post))}
                  {more[day] ? <MoreLink to={moreLink(day)} count={more[day]!} /> : null}
                </DropDay>
              );
            })}
          </div>
        ))}
      </div>
    );
  }
  return (
    <CalendarMoves view={view} days={days} zone={zone} onMove={onMove}>
      {body}
    </CalendarMoves>
  );
}
