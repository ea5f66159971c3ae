// One post: its variants as they will look and when each goes out, their publishing
// states, the rules' verdict where it stands, the buttons the gate allows this person, the
// move form (the keyboard way to reschedule), the discussion thread and the activity log.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { DecisionForm } from "~/components/decision-form";
import { mediaSrc } from "~/components/editor/variant-media";
import { VariantPreview } from "~/components/editor/variant-preview";
import { Refusal } from "~/components/refusal";
import { SeriesPanel } from "~/components/series-panel";
import { SafeLink } from "~/components/safe-link";
import { VariantActions } from "~/components/variant-actions";
import { ViolationList } from "~/components/violation-list";
import type { NetworkKind } from "~/channels/networks";
import { can } from "~/domain/permissions";
import { postActionSchema } from "~/domain/post-actions";
import { variantActionSchema } from "~/domain/publish-actions";
import { planDateSchema } from "~/domain/calendar-dates";
import { describeTimeZone } from "~/domain/time-zones";
import { localizeViolations } from "~/domain/violations";
import { refusalText } from "~/i18n/refusal";
import { useI18n } from "~/i18n/use-i18n";
import { movePost } from "~/models/post-editor.server";
import { memberActor, act } from "~/models/post-gate.server";
import { addComment } from "~/models/post-comments.server";
import { ApprovalDeadline } from "~/components/approval-deadline";
import { decisionConfirmation } from "~/utils/decision-confirmation.server";
import { findPostVariant, loadPostPage, postTimeOf } from "~/models/post-page.server";
import { stopSeriesOfPost } from "~/models/series.server";
import { applyVariantAction } from "~/models/variant-actions.server";
import { gateAnswer } from "~/utils/gate-answer.server";
import { localeOf } from "~/utils/locale.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.post.title} · Rytm` : "Rytm" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspace(request, params.slug, "post:read");
  const page = await loadPostPage(workspace, params.postId ?? "", memberActor(user, role));
  if (!page) notFound("This post");
  const locale = await localeOf(request);
  const local = page.post.scheduledAt ? DateTime.fromJSDate(page.post.scheduledAt, { zone: workspace.timeZone }) : null;
  const refusals = Object.fromEntries(
    Object.entries(page.allowed.buttons).map(([kind, state]) => [kind, state.refusal ? refusalText(state.refusal, locale) : null]),
  ) as Record<keyof typeof page.allowed.buttons, string | null>;
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone, approvalsRequired: workspace.approvalsRequired },
    zoneLabel: describeTimeZone(workspace.timeZone, page.post.scheduledAt ?? undefined),
    post: page.post,
    series: page.series,
    seriesReport: reportOf(new URL(request.url).searchParams),
    missing: page.missing,
    live: page.gatePost.variants.some((v) => v.status === "PUBLISHING" || v.status === "PUBLISHED"),
    violations: localizeViolations(page.check.own, locale),
    consequences: localizeViolations(page.check.consequences, locale),
    blocking: page.check.blocking,
    buttons: page.allowed.buttons,
    refusals,
    variantButtons: page.allowed.variants,
    activity: page.activity,
    localDate: local?.toISODate() ?? "",
    localTime: local?.toFormat("HH:mm") ?? "",
    canComment: can(role, "post:comment"),
    canWrite: can(role, "post:write"),
  };
}

/** What the editor's series edit, or a stop, did: handed over in the redirect's query (counts and a date only). */
function reportOf(params: URLSearchParams) {
  const count = (name: string) => {
    const n = Number(params.get(name) ?? "0");
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  const stopped = planDateSchema().safeParse(params.get("stopped"));
  const report = { updated: count("updated"), removed: count("removed"), kept: count("kept"), stoppedFrom: stopped.success ? stopped.data : null };
  return report.updated || report.removed || report.kept || report.stoppedFrom ? report : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const postId = params.postId ?? "";
  if (formData.has("variantId")) {
    const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
    const submission = parseWithZod(formData, { schema: variantActionSchema });
    if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" "), violations: [], consequences: [] }, { status: 400 });
    const owned = await findPostVariant(workspace.id, postId, submission.value.variantId);
    if (!owned) notFound("This post");
    if (!owned.hasVariant) notFound("This variant");
    const outcome = await applyVariantAction(workspace, memberActor(user, role), submission.value);
    if ("message" in outcome) return data({ error: outcome.message, violations: [], consequences: [] }, { status: outcome.httpStatus });
    return gateAnswer(outcome, await localeOf(request));
  }
  const submission = parseWithZod(formData, { schema: postActionSchema });
  if (submission.status !== "success") {
    await requireWorkspace(request, params.slug, "post:read");
    return data({ error: Object.values(submission.error ?? {}).flat().join(" "), violations: [], consequences: [] }, { status: 400 });
  }
  const value = submission.value;
  const needs = value.intent === "approve" || value.intent === "request-changes" ? "post:approve" : value.intent === "comment" ? "post:comment" : "post:write";
  const { workspace, user, role } = await requireWorkspace(request, params.slug, needs);
  const actor = memberActor(user, role);
  const locale = await localeOf(request);
  if (value.intent === "comment") {
    return (await addComment(workspace.id, user.id, postId, value.comment, value.visibleToClient === "on")) ? { error: null, violations: [], consequences: [] } : notFound("This post");
  }
  if (value.intent === "stop-series") {
    const stopped = await stopSeriesOfPost(workspace, actor, postId, value.from);
    if (!stopped) return data({ error: "This post is not part of a series.", violations: [], consequences: [] }, { status: 409 });
    const report = new URLSearchParams({ stopped: stopped.from, removed: String(stopped.removed), kept: String(stopped.kept.length) });
    // This post may have left the plan with the rest: the series' last post tells what happened.
    return redirect(stopped.showPostId ? `/w/${workspace.slug}/posts/${stopped.showPostId}?${report}` : `/w/${workspace.slug}`);
  }
  if (value.intent === "move") {
    const moved = await movePost(workspace, actor, postId, value.date, value.time, value.dst);
    if ("message" in moved) return data({ error: moved.message, violations: [], consequences: [] }, { status: moved.httpStatus });
    return gateAnswer(moved, locale);
  }
  const outcome = await act(workspace, actor, postId, { kind: value.intent }, { comment: "comment" in value ? value.comment || undefined : undefined, revision: "revision" in value ? value.revision : undefined });
  if (!outcome.ok && outcome.httpStatus === 404) notFound("This post");
  const answer = gateAnswer(outcome, locale);
  const confirmation = await decisionConfirmation(workspace, postId, value.intent, outcome, await postTimeOf(workspace.id, postId), locale);
  return data({ ...answer.data, confirmation }, answer.init ?? undefined);
}

export default function PostPage() {
  const { workspace, zoneLabel, post, series, seriesReport, missing, live, violations, consequences, buttons, refusals, variantButtons, activity, localDate, localTime, canComment, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const when = (iso: string | Date) => formatDateTime(iso, workspace.timeZone, locale);
  const status = post.status;
  const postTime = post.scheduledAt ? new Date(post.scheduledAt).getTime() : null;
  const button = (kind: keyof typeof buttons, label: string, secondary = false) =>
    buttons[kind].allowed ? (
      <Form method="post">
        <button type="submit" name="intent" value={kind} className={secondary ? "secondary" : undefined}>
          {label}
        </button>
      </Form>
    ) : refusals[kind] ? (
      <span className="disabled-action">
        <button type="button" disabled aria-describedby={`why-${kind}`}>
          {label}
        </button>{" "}
        <span id={`why-${kind}`} className="muted">
          {refusals[kind]}
        </span>
      </span>
    ) : null;
  return (
    <main className="page">
      <p>
        <Link to={`/w/${workspace.slug}`}>← {t.post.backToPlan}</Link>
      </p>
      <h1>{post.title}</h1>
      <p className="post-meta">
        <span className={`pill status-pill status-${status.toLowerCase()}`} data-testid="post-status">
          {t.status[status]}
        </span>{" "}
        <span className="pill">{post.category}</span> {post.campaignTag ? <span className="pill">#{post.campaignTag}</span> : null}
      </p>
      <p className="muted">
        {post.scheduledAt ? t.post.plannedFor(when(post.scheduledAt), zoneLabel) : t.post.notScheduled}
        {post.author ? ` · ${t.post.by(post.author.name)}` : ""}
      </p>
      {series ? (
        <SeriesPanel series={series} zone={workspace.timeZone} report={seriesReport} canStop={canWrite} defaultFrom={localDate} />
      ) : null}
      {status === "IN_REVIEW" && missing > 0 ? <p>{t.post.approvalsMissing(missing)}</p> : null}
      <ApprovalDeadline status={status} scheduledAt={post.scheduledAt} zone={workspace.timeZone} />
      {result && "confirmation" in result && result.confirmation ? (
        <p className="notice" role="status">
          {String(result.confirmation)}
        </p>
      ) : null}
      {post.overrideReason ? <p className="banner-inline">{t.post.overridden(post.overrideReason)}</p> : null}
      {result?.error ? <Refusal message={result.error} violations={result.violations} slug={workspace.slug} zone={workspace.timeZone} selfId={post.id} /> : null}

      <section aria-labelledby="rules-heading" className="rule-check">
        <h2 id="rules-heading">{t.editor.rulesHeading}</h2>
        {violations.length === 0 ? <p className="ok">{t.editor.noViolations}</p> : null}
        <ViolationList violations={violations} slug={workspace.slug} zone={workspace.timeZone} selfId={post.id} />
        {consequences.length ? (
          <>
            <p>{t.post.consequences}</p>
            <ViolationList violations={consequences} slug={workspace.slug} zone={workspace.timeZone} selfId={post.id} />
          </>
        ) : null}
      </section>

      <div className="post-actions">
        {buttons["edit-content"].allowed ? (
          <Link className="button secondary" to="edit">
            {t.post.edit}
          </Link>
        ) : null}
        {button("submit", t.post.submit)}
        {button("schedule", t.post.schedule)}
        {button("unschedule", t.post.unschedule, true)}
        {button("cancel", t.post.cancel, true)}
      </div>

      {buttons.approve.allowed || buttons["request-changes"].allowed ? (
        <DecisionForm
          revision={post.revision}
          name="intent"
          canApprove={buttons.approve.allowed}
          labels={{ form: t.post.reviewForm, comment: t.post.reviewComment, approve: t.post.approve, requestChanges: t.post.requestChanges }}
        />
      ) : null}

      <h2>{t.post.variants}</h2>
      <ul className="cards">
        {post.variants.map((variant) => {
          const own = variant.scheduledAt ? new Date(variant.scheduledAt).getTime() : null;
          // Each hold class (scheduling.server.ts's holdClasses) says why the variant waits.
          const heldStates: Record<string, string> = { paused: t.variantState.HELD, "held-rules": t.variantState.HELD_RULES, "needs-reconnect": t.variantState.HELD_RECONNECT };
          const held = variant.status === "SCHEDULED" && variant.failureClass != null && Object.hasOwn(heldStates, variant.failureClass);
          return (
            <li key={variant.id} className="card">
              <VariantPreview
                network={variant.channel.network as NetworkKind}
                channelName={variant.channel.name}
                text={variant.text}
                link={variant.link}
                mediaUrls={variant.mediaUrls}
                media={variant.media.map((item) => ({ src: item.kind === "VIDEO" ? null : mediaSrc(workspace.slug, item), alt: item.altText, name: item.fileName }))}
              />
              <p>
                <span className={`state state-${variant.status.toLowerCase()}`} data-testid="variant-state">
                  {held
                    ? heldStates[variant.failureClass!]
                    : // A channel of a post past the draft stage is not a "draft": it waits for the schedule.
                      variant.status === "DRAFT" && post.status !== "DRAFT" && post.status !== "CHANGES_REQUESTED"
                      ? t.variantState.WAITING
                      : t.variantState[variant.status]}
                </span>{" "}
                {own !== null && own !== postTime ? <span className="muted">{t.post.goesOutAt(when(variant.scheduledAt!))}</span> : null}{" "}
                <SafeLink href={variant.externalUrl}>{t.post.publishedLink(variant.channel.name)}</SafeLink>
              </p>
              {variant.lastError ? <p className="field-error">{variant.lastError}</p> : null}
              <VariantActions variantId={variant.id} status={variant.status} held={held} allowed={variantButtons[variant.id]!} />
            </li>
          );
        })}
      </ul>

      {buttons.move.allowed && !live ? (
        <Form method="post" className="inline move-form" aria-label={t.post.moveForm}>
          <input type="hidden" name="intent" value="move" />
          <label>
            {t.post.moveDate}
            <input type="date" name="date" defaultValue={localDate} required />
          </label>
          <label>
            {t.post.moveTime}
            <input type="time" name="time" defaultValue={localTime} required />
          </label>
          <button type="submit" className="secondary">
            {t.post.move}
          </button>
        </Form>
      ) : null}

      <h2>{t.post.discussion}</h2>
      {post.comments.length === 0 ? <p className="muted">{t.post.noComments}</p> : null}
      <ol className="thread">
        {post.comments.map((c) => (
          <li key={c.id}>
            <strong>{c.author?.name ?? (c.authorName ? t.post.client(c.authorName) : t.post.someone)}</strong> <span className="muted">{when(c.createdAt)}</span>
            {c.visibleToClient ? <span className="pill">{t.notifications.shownToClient}</span> : null}
            <p>{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="comment" />
          <label>
            {t.post.addComment}
            <textarea name="comment" rows={2} maxLength={2000} required />
          </label>
          <label className="check">
            <input type="checkbox" name="visibleToClient" /> {t.notifications.visibleToClient}
          </label>
          <button type="submit" className="secondary">
            {t.post.send}
          </button>
        </Form>
      ) : null}

      <h2>{t.post.activity}</h2>
      <ol className="activity">
        {activity.map((event) => (
          <li key={event.id}>
            <span className="muted">{when(event.createdAt)}</span> {event.actor?.name ?? (typeof (event.data as Record<string, unknown>)?.client === "string" ? t.post.client(String((event.data as Record<string, unknown>).client)) : t.post.someone)} —{" "}
            {t.activity[event.action as keyof typeof t.activity] ?? event.action}
          </li>
        ))}
      </ol>
    </main>
  );
}
