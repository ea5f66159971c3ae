// The calendar: the week by the hour (what it opens on), the month or a list of one
// workspace in its own time zone, with filters, moving posts by pointer or keyboard (with
// Undo), rule badges (checked by a second request) and the mix panel.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { FilterSelect } from "~/components/filter-select";
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { DateTime } from "luxon";
import { useEffect, useMemo, useRef, useState } from "react";
import { CalendarGrid } from "~/components/calendar/calendar-grid";
import { MixPanel } from "~/components/calendar/mix-panel";
import { Refusal } from "~/components/refusal";
import type { CalendarPost, RuleBadge } from "~/components/calendar/types";
import { calendarQuerySchema, calendarRange, calendarViews } from "~/domain/calendar-range";
import { moveSchema } from "~/domain/post-actions";
import { can } from "~/domain/permissions";
import { postStatuses } from "~/domain/post-gate";
import { describeTimeZone } from "~/domain/time-zones";
import { type Slot, slotOf } from "~/domain/week-grid";
import { categoryLabel } from "~/i18n/category-label";
import { useI18n } from "~/i18n/use-i18n";
import { loadCalendar } from "~/models/calendar.server";
import { movePost } from "~/models/post-editor.server";
import { memberActor } from "~/models/post-gate.server";
import { gateAnswer } from "~/utils/gate-answer.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { localeOf } from "~/utils/locale.server";
import { formatDayTime } from "~/utils/dates";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "post:read");
  const query = calendarQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const range = calendarRange(query.view, query.date, workspace.timeZone);
  const calendar = await loadCalendar(workspace.id, workspace.timeZone, range, query);
  return {
    workspace: { slug: workspace.slug, name: workspace.name, timeZone: workspace.timeZone, paused: workspace.pausedAt !== null },
    zone: describeTimeZone(workspace.timeZone),
    range: { ...range, from: range.from.toISOString(), to: range.to.toISOString() },
    query,
    canWrite: can(role, "post:write"),
    ...calendar,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  const submission = parseWithZod(await request.formData(), { schema: moveSchema });
  if (submission.status !== "success") return data({ postId: null, error: Object.values(submission.error ?? {}).flat().join(" "), violations: [], consequences: [] }, { status: 400 });
  const { postId, date, time, dst } = submission.value;
  const moved = await movePost(workspace, memberActor(user, role), postId, date, time, dst);
  if ("message" in moved) return data({ postId, error: moved.message, violations: [], consequences: [] }, { status: moved.httpStatus });
  const answer = gateAnswer(moved, await localeOf(request));
  return data({ postId, ...answer.data }, answer.init ?? undefined);
}

/** Where a post goes: the slot the move form sends, and the moment it names. */
type Target = { slot: Slot; at: Date };

export default function Calendar() {
  const { workspace, zone, range, query, canWrite, posts, more, channels, categories, tags, mix, onePer } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const move = useFetcher<typeof action>();
  // The last move, so that its message names the post and its new time, and Undo can take it back (the gate decides both).
  const [lastMove, setLastMove] = useState<{ postId: string; title: string; from: Target; to: Target; undo: boolean } | null>(null);
  // After a move made with the keyboard, focus goes to Undo; after Undo made with the keyboard, back to the post's handle.
  const [focusAfter, setFocusAfter] = useState<{ undo: true } | { postId: string } | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const moveTo = (postId: string, to: Target, undo: boolean, keyboard: boolean) => {
    const post = (posts as CalendarPost[]).find((p) => p.id === postId);
    if (!post) return;
    const from = undo && lastMove ? lastMove.to : { slot: slotOf(post.scheduledAt, workspace.timeZone), at: new Date(post.scheduledAt) };
    setLastMove({ postId, title: post.title, from, to, undo });
    setFocusAfter(keyboard ? (undo ? { postId } : { undo: true }) : null);
    move.submit({ postId, ...to.slot }, { method: "post" });
  };
  useEffect(() => {
    if (move.state !== "idle" || !focusAfter) return;
    if ("undo" in focusAfter) undoButton.current?.focus();
    else document.querySelector<HTMLElement>(`[data-move-handle="${focusAfter.postId}"]`)?.focus();
    setFocusAfter(null);
  }, [move.state, focusAfter, posts]);
  // While a move is on its way the post shows where it goes (the gate may still refuse it).
  const shown = useMemo(() => {
    const all = posts as CalendarPost[];
    if (move.state === "idle" || !lastMove) return all;
    const moved = all.find((p) => p.id === lastMove.postId);
    return moved ? [...all.filter((p) => p.id !== lastMove.postId), { ...moved, scheduledAt: lastMove.to.at.toISOString() }] : all;
  }, [posts, move.state, lastMove]);
  // A refused move is said beside the post when its card is on screen (the live region above says it once, for screen readers).
  const refused = move.state === "idle" && move.data?.error && move.data.postId ? { postId: move.data.postId, error: move.data.error, violations: move.data.violations } : null;
  const refusalBeside = refused && shown.some((p) => p.id === refused.postId) ? refused : null;
  const check = useFetcher<{ badges: Record<string, RuleBadge> }>();
  const categoryIndex = useMemo(() => new Map(categories.map((c, index) => [c.id, { index, label: categoryLabel(c, t) }])), [categories, t]);
  const checkUrl = `/w/${workspace.slug}/plan-check?${new URLSearchParams({ from: range.from, to: range.to })}`;
  // Badges after the page is up, and again after each move.
  useEffect(() => {
    if (move.state === "idle") check.load(checkUrl);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checkUrl, move.state, posts]);
  const link = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return `?${next}`;
  };
  const title =
    range.view === "month"
      ? DateTime.fromISO(range.anchor).setLocale(locale).toFormat("LLLL yyyy")
      : `${DateTime.fromISO(range.days[0]!).setLocale(locale).toFormat("d LLL")} – ${DateTime.fromISO(range.days.at(-1)!).setLocale(locale).toFormat("d LLL yyyy")}`;

  return (
    <main className="page wide calendar-page">
      <div className="calendar-head">
        <h1>
          {workspace.name}: {title}
        </h1>
        <p className="muted">{t.calendar.zoneNote(zone)}</p>
      </div>
      <div className="toolbar">
        <nav aria-label={t.calendar.viewNav} className="segmented">
          {calendarViews.map((view) => (
            <Link key={view} to={link({ view })} aria-current={range.view === view ? "page" : undefined}>
              {t.calendar.views[view]}
            </Link>
          ))}
        </nav>
        <nav aria-label={t.calendar.dateNav} className="segmented">
          <Link to={link({ date: range.previous })}>{t.calendar.previous}</Link>
          <Link to={link({ date: undefined })}>{t.calendar.today}</Link>
          <Link to={link({ date: range.next })}>{t.calendar.next}</Link>
        </nav>
        <Link className={`button secondary pause-switch${workspace.paused ? " paused" : ""}`} to={`/w/${workspace.slug}/pause`}>
          {workspace.paused ? t.calendar.pausedSwitch : t.calendar.pauseSwitch}
        </Link>
        {canWrite ? (
          <Link className="button" to={`/w/${workspace.slug}/posts/new`}>
            {t.calendar.newPost}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="filters" aria-label={t.calendar.filters}>
        <input type="hidden" name="view" value={range.view} />
        <input type="hidden" name="date" value={query.date ?? ""} />
        <FilterSelect label={t.calendar.channel} name="channel" value={query.channel} any={t.calendar.all} options={channels.map((c) => ({ value: c.id, label: c.name }))} />
        <FilterSelect label={t.calendar.category} name="category" value={query.category} any={t.calendar.all} options={categories.map((c) => ({ value: c.id, label: categoryLabel(c, t) }))} />
        <FilterSelect label={t.calendar.status} name="status" value={query.status} any={t.calendar.all} options={postStatuses.map((s) => ({ value: s, label: t.status[s] }))} />
        <FilterSelect label={t.calendar.tag} name="tag" value={query.tag} any={t.calendar.all} options={tags.map((tag) => ({ value: tag, label: tag }))} />
        <button type="submit" className="secondary">
          {t.calendar.apply}
        </button>
      </Form>
      <div role="status" aria-live="polite" className="move-result">
        {/* The answer to the last move, once it has come (until then the last answer would name the wrong move). */}
        {move.state !== "idle" ? null : refusalBeside ? (
          <p className="visually-hidden">{t.calendar.moveRefused(refusalBeside.error)}</p>
        ) : move.data?.error ? (
          <Refusal message={t.calendar.moveRefused(move.data.error)} violations={move.data.violations} slug={workspace.slug} zone={workspace.timeZone} selfId={move.data.postId} />
        ) : move.data ? (
          <p>
            {lastMove && lastMove.postId === move.data.postId
              ? t.calendar.movedPost(lastMove.title, formatDayTime(lastMove.to.at, workspace.timeZone, locale), lastMove.undo, move.data.violations.length)
              : move.data.violations.length
                ? t.calendar.movedWithWarnings(move.data.violations.length)
                : t.calendar.moved}{" "}
            {lastMove && lastMove.postId === move.data.postId && !lastMove.undo ? (
              <button type="button" className="link" ref={undoButton} onClick={(event) => moveTo(lastMove.postId, lastMove.from, true, event.detail === 0)}>
                {t.calendar.undo}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      <div className="calendar-layout">
        <CalendarGrid
          view={range.view}
          days={range.days}
          anchor={range.anchor}
          today={range.today}
          zone={workspace.timeZone}
          posts={shown}
          channels={channels}
          categoryIndex={categoryIndex}
          badges={check.data?.badges ?? {}}
          more={more}
          moreLink={(day) => link({ view: range.view === "month" ? "week" : "list", date: day })}
          canMove={canWrite}
          onMove={(postId, drop, keyboard) => moveTo(postId, drop, false, keyboard)}
          note={
            refusalBeside
              ? {
                  postId: refusalBeside.postId,
                  content: <Refusal alert={false} message={t.calendar.moveRefused(refusalBeside.error)} violations={refusalBeside.violations} slug={workspace.slug} zone={workspace.timeZone} selfId={refusalBeside.postId} />,
                }
              : null
          }
        />
        <MixPanel mix={mix} categoryIndex={categoryIndex} zone={workspace.timeZone} onePer={onePer} rulesLink={`/w/${workspace.slug}/rules`} />
      </div>
    </main>
  );
}
