// The approvers' queue: every post in review, earliest date first, with its variants as
// they will look, the rules' verdict (and any owner's override) beside it, and the approve /
// request-changes form right there.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DecisionForm } from "~/components/decision-form";
import { VariantPreview } from "~/components/editor/variant-preview";
import { Refusal } from "~/components/refusal";
import { ViolationList } from "~/components/violation-list";
import type { NetworkKind } from "~/channels/networks";
import { postActionSchema } from "~/domain/post-actions";
import { recordIdSchema } from "~/domain/text-input";
import { localizeViolations } from "~/domain/violations";
import { useI18n } from "~/i18n/use-i18n";
import { act, memberActor } from "~/models/post-gate.server";
import { listReviewQueue } from "~/models/review-queue.server";
import { gateAnswer } from "~/utils/gate-answer.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { ApprovalDeadline } from "~/components/approval-deadline";
import { postTimeOf } from "~/models/post-page.server";
import { decisionConfirmation } from "~/utils/decision-confirmation.server";
import { formatDateTime } from "~/utils/dates";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:approve");
  const locale = await localeOf(request);
  const queue = await listReviewQueue(workspace, memberActor(user, role));
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone, approvalsRequired: workspace.approvalsRequired },
    queue: queue.map((post) => ({ ...post, violations: localizeViolations(post.violations, locale) })),
  };
}

const decisionSchema = z.intersection(z.object({ postId: recordIdSchema("Which post?") }), postActionSchema);

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:approve");
  const submission = parseWithZod(await request.formData(), { schema: decisionSchema });
  if (submission.status !== "success") return data({ postId: null, error: Object.values(submission.error ?? {}).flat().join(" "), violations: [], consequences: [], confirmation: null }, { status: 400 });
  const value = submission.value;
  if (value.intent !== "approve" && value.intent !== "request-changes") return data({ postId: value.postId, error: "Approve or request changes here.", violations: [], consequences: [], confirmation: null }, { status: 400 });
  const outcome = await act(workspace, memberActor(user, role), value.postId, { kind: value.intent }, { comment: value.comment || undefined, revision: value.revision });
  const locale = await localeOf(request);
  const answer = gateAnswer(outcome, locale);
  const confirmation = await decisionConfirmation(workspace, value.postId, value.intent, outcome, await postTimeOf(workspace.id, value.postId), locale);
  return data({ postId: value.postId, ...answer.data, confirmation }, answer.init ?? undefined);
}

export default function ReviewQueue() {
  const { workspace, queue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <main className="page">
      <h1>{t.review.heading}</h1>
      {result?.confirmation ? (
        <p className="notice" role="status">
          {String(result.confirmation)}
        </p>
      ) : null}
      {queue.length === 0 ? <p>{t.review.empty}</p> : null}
      <ol className="review-list">
        {queue.map((post) => (
          <li key={post.id} className="card" aria-label={post.title}>
            <h2>
              <Link to={`/w/${workspace.slug}/posts/${post.id}`}>{post.title}</Link>
            </h2>
            <p className="muted">
              {post.scheduledAt ? formatDateTime(post.scheduledAt, workspace.timeZone, locale) : t.review.noDate}
              {post.author ? ` · ${t.review.by(post.author.name)}` : ""} · {t.review.approvals(post.approvals, workspace.approvalsRequired)}
            </p>
            <ApprovalDeadline status="IN_REVIEW" scheduledAt={post.scheduledAt} zone={workspace.timeZone} />
            <div className="cards">
              {post.variants.map((v) => (
                <VariantPreview key={v.id} network={v.channel.network as NetworkKind} channelName={v.channel.name} text={v.text} link={v.link} mediaUrls={v.mediaUrls} />
              ))}
            </div>
            {post.violations.length ? (
              <section aria-label={t.editor.rulesHeading}>
                <ViolationList violations={post.violations} slug={workspace.slug} zone={workspace.timeZone} selfId={post.id} />
                {post.violations.some((v) => v.severity === "block") ? <p className="muted">{t.review.blockedNote}</p> : null}
              </section>
            ) : null}
            {post.overrideReason ? <p className="banner-inline">{t.post.overridden(post.overrideReason)}</p> : null}
            {result?.error && result.postId === post.id ? <Refusal message={result.error} violations={result.violations} slug={workspace.slug} zone={workspace.timeZone} selfId={post.id} /> : null}
            {post.mine ? (
              <p className="muted">{t.review.yours}</p>
            ) : post.refusal?.code === "already-approved" ? (
              <p className="muted">{t.review.alreadyApproved}</p>
            ) : post.mayApprove ? (
              <DecisionForm postId={post.id} revision={post.revision} name="intent" labels={{ comment: t.review.comment, approve: t.review.approve, requestChanges: t.review.requestChanges }} />
            ) : null}
          </li>
        ))}
      </ol>
    </main>
  );
}
