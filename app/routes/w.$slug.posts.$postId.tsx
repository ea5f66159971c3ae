// One post: its variants as they will look, their publishing states, the workflow's
// buttons for this person, the move form (the keyboard way to reschedule), the discussion
// thread and the activity log.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { VariantPreview } from "~/components/editor/variant-preview";
import { DecisionForm } from "~/components/decision-form";
import { Refusal } from "~/components/refusal";
import { SafeLink } from "~/components/safe-link";
import { VariantActions } from "~/components/variant-actions";
import type { NetworkKind } from "~/domain/networks";
import { can } from "~/domain/permissions";
import { postActionSchema } from "~/domain/post-actions";
import { variantActionSchema } from "~/domain/publish-actions";
import { describeTimeZone } from "~/domain/time-zones";
import { isBlocking, localizeViolations } from "~/domain/violations";
import { useI18n } from "~/i18n/use-i18n";
import { movePost } from "~/models/post-editor.server";
import { findPostVariant, loadPostPage } from "~/models/post-page.server";
import { addComment, decide } from "~/models/post-workflow.server";
import { checkPostNow } from "~/models/plan-check.server";
import { applyVariantAction } from "~/models/variant-actions.server";
import { localeOf } from "~/utils/locale.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.post.title} · Rytm` : "Rytm" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspace(request, params.slug, "post:read");
  const page = await loadPostPage(workspace, params.postId ?? "");
  if (!page) notFound("This post");
  const local = page.post.scheduledAt ? DateTime.fromJSDate(page.post.scheduledAt, { zone: workspace.timeZone }) : null;
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone, approvalsRequired: workspace.approvalsRequired },
    zoneLabel: describeTimeZone(workspace.timeZone),
    ...page,
    localDate: local?.toISODate() ?? "",
    localTime: local?.toFormat("HH:mm") ?? "",
    userId: user.id,
    canWrite: can(role, "post:write"),
    canApprove: can(role, "post:approve"),
    canComment: can(role, "post:comment"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const postId = params.postId ?? "";
  if (formData.has("variantId")) {
    const { workspace, user } = await requireWorkspace(request, params.slug, "post:write");
    const submission = parseWithZod(formData, { schema: variantActionSchema });
    if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" "), violations: [] }, { status: 400 });
    const owned = await findPostVariant(workspace.id, postId, submission.value.variantId);
    if (!owned) notFound("This post");
    if (!owned.hasVariant) notFound("This variant");
    const error = await applyVariantAction(workspace, user.id, submission.value);
    return error ? data({ error, violations: [] }, { status: 409 }) : { error: null, violations: [] };
  }
  const submission = parseWithZod(formData, { schema: postActionSchema });
  if (submission.status !== "success") {
    await requireWorkspace(request, params.slug, "post:read");
    return data({ error: Object.values(submission.error ?? {}).flat().join(" "), violations: [] }, { status: 400 });
  }
  const value = submission.value;
  const needs = value.intent === "approve" || value.intent === "request-changes" ? "post:approve" : value.intent === "comment" ? "post:comment" : "post:write";
  const { workspace, user, role } = await requireWorkspace(request, params.slug, needs);
  const actor = { id: user.id, role };
  const locale = await localeOf(request);
  if (value.intent === "comment") {
    return (await addComment(workspace.id, user.id, postId, value.comment)) ? { error: null, violations: [] } : notFound("This post");
  }
  if (value.intent === "move") {
    const moved = await movePost(workspace, actor, postId, value.date, value.time, value.dst);
    if (!moved.ok) return data({ error: moved.message, violations: localizeViolations(moved.violations ?? [], locale) }, { status: moved.httpStatus });
    return { error: null, violations: localizeViolations(moved.violations, locale) };
  }
  // Submitting, approving and scheduling look at the rules as they stand now.
  const violations = value.intent === "submit" || value.intent === "approve" || value.intent === "schedule" ? await checkPostNow(workspace.id, postId) : { violations: [], overridden: false };
  const outcome = await decide(workspace, actor, postId, { kind: value.intent }, { comment: "comment" in value ? value.comment || undefined : undefined, blocked: isBlocking(violations.violations) && !violations.overridden });
  if (!outcome.ok) return data({ error: outcome.reason, violations: localizeViolations(violations.violations, locale) }, { status: outcome.httpStatus });
  return { error: null, violations: [] };
}

export default function PostPage() {
  const { workspace, zoneLabel, post, workflow, missing, activity, localDate, localTime, userId, canWrite, canApprove, canComment } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const when = (iso: string | Date) => DateTime.fromJSDate(new Date(iso), { zone: workspace.timeZone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
  const status = post.status;
  const reviewable = canApprove && status === "IN_REVIEW" && post.authorId !== userId && !workflow.approvedBy.includes(userId);
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
        {post.recurrenceRule ? ` · ${t.post.repeats}` : ""}
        {post.recurrenceParentId ? ` · ${t.post.occurrence}` : ""}
      </p>
      {status === "IN_REVIEW" && missing > 0 ? <p>{t.post.approvalsMissing(missing)}</p> : null}
      {post.overrideReason ? <p className="banner-inline">{t.post.overridden(post.overrideReason)}</p> : null}
      {result?.error ? (
        <Refusal message={result.error} violations={result.violations} />
      ) : null}

      <div className="post-actions">
        {canWrite && !workflow.live && status !== "CANCELLED" && status !== "PUBLISHED" ? (
          <Link className="button secondary" to="edit">
            {t.post.edit}
          </Link>
        ) : null}
        {canWrite && (status === "DRAFT" || status === "CHANGES_REQUESTED") ? (
          <Form method="post">
            <button type="submit" name="intent" value="submit">
              {t.post.submit}
            </button>
          </Form>
        ) : null}
        {canWrite && (status === "APPROVED" || ((status === "DRAFT" || status === "IN_REVIEW") && workspace.approvalsRequired === 0)) ? (
          <Form method="post">
            <button type="submit" name="intent" value="schedule">
              {t.post.schedule}
            </button>
          </Form>
        ) : null}
        {canWrite && (status === "SCHEDULED" || status === "FAILED") && !workflow.live ? (
          <Form method="post">
            <button type="submit" name="intent" value="unschedule" className="secondary">
              {t.post.unschedule}
            </button>
          </Form>
        ) : null}
        {canWrite && status !== "CANCELLED" && status !== "PUBLISHED" && !workflow.live ? (
          <Form method="post">
            <button type="submit" name="intent" value="cancel" className="secondary">
              {t.post.cancel}
            </button>
          </Form>
        ) : null}
      </div>

      {reviewable ? (
        <DecisionForm name="intent" labels={{ form: t.post.reviewForm, comment: t.post.reviewComment, approve: t.post.approve, requestChanges: t.post.requestChanges }} />
      ) : null}

      <h2>{t.post.variants}</h2>
      <ul className="cards">
        {post.variants.map((variant) => (
          <li key={variant.id} className="card">
            <VariantPreview network={variant.channel.network as NetworkKind} channelName={variant.channel.name} text={variant.text} link={variant.link} mediaUrls={variant.mediaUrls} />
            <p>
              <span className={`state state-${variant.status.toLowerCase()}`} data-testid="variant-state">
                {variant.failureClass === "paused" && variant.status === "SCHEDULED" ? t.variantState.HELD : t.variantState[variant.status]}
              </span>{" "}
              <SafeLink href={variant.externalUrl}>{t.post.publishedLink(variant.channel.name)}</SafeLink>
            </p>
            {variant.lastError ? <p className="field-error">{variant.lastError}</p> : null}
            {canWrite ? <VariantActions variantId={variant.id} status={variant.status} held={variant.failureClass === "paused"} /> : null}
          </li>
        ))}
      </ul>

      {canWrite && !workflow.live && status !== "CANCELLED" && status !== "PUBLISHED" ? (
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
