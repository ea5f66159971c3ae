// The week as a time grid: seven days side by side, the day's hours down the side, each post
// at its wall-clock time in the workspace's zone (a post whose channels go out at different
// times has a card at each), overlapping cards side by side, a line at "now", and the hour
// the clocks skip greyed out. It opens scrolled to the working day or the week's earliest
// post. Below 768 px the stylesheet turns it into an agenda, like the month (decision 0050).
import { DateTime } from "luxon";
import { useEffect, useRef, useState } from "react";
import { type Place, clockTime, dropAt, openingMinutes, placeOf, sideBySide, skippedStretch } from "~/domain/week-grid";
import { useI18n } from "~/i18n/use-i18n";
import { useMoving } from "./calendar-moves";
import { DropDay } from "./drop-day";
import { MoreLink } from "./more-link";
import type { CalendarPost, RenderChip } from "./types";

type Props = {
  days: string[];
  today: string;
  zone: string;
  posts: CalendarPost[];
  canMove: boolean;
  more: Record<string, number>;
  moreLink: (day: string) => string;
  chip: RenderChip;
};

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** The grid's position for a minute of the day, in the stylesheet's units (custom properties). */
const at = (minutes: number) => ({ "--minutes": minutes }) as React.CSSProperties;

/** Where "now" is in the zone, once the page runs in a browser, kept to the minute. */
function useNow(zone: string): Place | null {
  const [now, setNow] = useState<Place | null>(null);
  useEffect(() => {
    const tick = () => setNow(placeOf(new Date(), zone));
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, [zone]);
  return now;
}

export function WeekGrid({ days, today, zone, posts, canMove, more, moreLink, chip }: Props) {
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(zone);
  const moving = useMoving();
  const placed = posts.map((post) => ({ post, key: `${post.id}@${post.scheduledAt}`, ...placeOf(post.scheduledAt, zone) }));
  const opening = openingMinutes(placed);
  useEffect(() => {
    const box = scroller.current;
    const column = box?.querySelector(".week-column");
    // A little above the hour, so that its label shows whole.
    if (box && column) box.scrollTop = Math.max(0, (opening / (24 * 60)) * column.getBoundingClientRect().height - 8);
  }, [days[0], opening]); // eslint-disable-line react-hooks/exhaustive-deps

  const local = (day: string) => DateTime.fromISO(day, { zone }).setLocale(locale);
  return (
    <div className="calendar-grid view-week" role="grid" aria-label={t.calendar.gridLabel}>
      <div role="row" className="week-head">
        <div className="hour-corner" aria-hidden="true" />
        {days.map((day) => (
          <div role="columnheader" key={day} className={day === today ? "today" : undefined} aria-current={day === today ? "date" : undefined}>
            <span className="week-day-name">{local(day).toFormat("ccc")}</span> <span className="week-day-date">{local(day).toFormat("d LLL")}</span>
            {more[day] ? (
              <>
                {" "}
                <MoreLink to={moreLink(day)} count={more[day]!} />
              </>
            ) : null}
          </div>
        ))}
      </div>
      <div className="week-scroll" ref={scroller}>
        <div role="row" className="week-body">
          <div className="hour-labels" aria-hidden="true">
            {HOURS.map((hour) => (
              <span key={hour} style={at(hour * 60)}>
                {clockTime(hour * 60)}
              </span>
            ))}
          </div>
          {days.map((day) => {
            const cards = placed.filter((p) => p.date === day);
            const columns = sideBySide(cards);
            const skipped = skippedStretch(day, zone);
            const aimed = moving?.target?.date === day ? moving.target : null;
            const landing = aimed ? dropAt(aimed.date, aimed.minutes, zone) : null;
            return (
              <DropDay
                key={day}
                day={day}
                canMove={canMove}
                role="gridcell"
                data-day={day}
                aria-current={day === today ? "date" : undefined}
                aria-label={local(day).toFormat("cccc d MMMM yyyy")}
                className={`week-column${day === today ? " today" : ""}`}
              >
                {/* A phone shows the days one under another, as an agenda: each says its weekday and date. */}
                <span className="cell-date-full" aria-hidden="true">
                  {local(day).toFormat("cccc d MMMM")}
                </span>
                {skipped ? (
                  <div className="skipped-hour" style={{ ...at(skipped.from), "--length": skipped.to - skipped.from } as React.CSSProperties}>
                    {t.calendarMoves.skipped}
                  </div>
                ) : null}
                {cards.map(({ post, key, minutes }) => {
                  const place = columns.get(key) ?? { column: 0, columns: 1 };
                  return chip(post, { ...at(minutes), "--column": place.column, "--columns": place.columns } as React.CSSProperties);
                })}
                {aimed && landing ? (
                  <div className="drop-preview" style={at(aimed.minutes)} aria-hidden="true">
                    <span>{landing.slot.time}</span>
                  </div>
                ) : null}
                {now && now.date === day ? <div className="now-line" style={at(now.minutes)} title={t.calendarMoves.now(clockTime(now.minutes))} aria-hidden="true" /> : null}
              </DropDay>
            );
          })}
        </div>
      </div>
    </div>
  );
}
