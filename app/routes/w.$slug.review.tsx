// The approvers' queue: every post in review, oldest date first, with its variants as
// they will look and the approve / request-changes form right there.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { DecisionForm } from "~/components/decision-form";
import { Refusal } from "~/components/refusal";
import { VariantPreview } from "~/components/editor/variant-preview";
import type { NetworkKind } from "~/domain/networks";
import { postActionSchema } from "~/domain/post-actions";
import { recordIdSchema } from "~/domain/text-input";
import { isBlocking, localizeViolations } from "~/domain/violations";
import { useI18n } from "~/i18n/use-i18n";
import { checkPostNow } from "~/models/plan-check.server";
import { decide, listReviewQueue } from "~/models/post-workflow.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "post:approve");
  return { workspace: { slug: workspace.slug, timeZone: workspace.timeZone, approvalsRequired: workspace.approvalsRequired }, queue: await listReviewQueue(workspace.id, user.id) };
}

const decisionSchema = z.intersection(z.object({ postId: recordIdSchema("Which post?") }), postActionSchema);

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:approve");
  const submission = parseWithZod(await request.formData(), { schema: decisionSchema });
  if (submission.status !== "success") return data({ postId: null, error: Object.values(submission.error ?? {}).flat().join(" "), violations: [] }, { status: 400 });
  const value = submission.value;
  if (value.intent !== "approve" && value.intent !== "request-changes") return data({ postId: value.postId, error: "Approve or request changes here.", violations: [] }, { status: 400 });
  const check = value.intent === "approve" ? await checkPostNow(workspace.id, value.postId) : { violations: [], overridden: false };
  const outcome = await decide(workspace, { id: user.id, role }, value.postId, { kind: value.intent }, { comment: value.comment || undefined, blocked: isBlocking(check.violations) && !check.overridden });
  if (!outcome.ok) return data({ postId: value.postId, error: outcome.reason, violations: localizeViolations(check.violations, await localeOf(request)) }, { status: outcome.httpStatus });
  return { postId: value.postId, error: null, violations: [] };
}

export default function ReviewQueue() {
  const { workspace, queue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <main className="page">
      <h1>{t.review.heading}</h1>
      {queue.length === 0 ? <p>{t.review.empty}</p> : null}
      <ol className="review-list">
        {queue.map((post) => (
          <li key={post.id} className="card" aria-label={post.title}>
            <h2>
              <Link to={`/w/${workspace.slug}/posts/${post.id}`}>{post.title}</Link>
            </h2>
            <p className="muted">
              {post.scheduledAt ? DateTime.fromJSDate(new Date(post.scheduledAt), { zone: workspace.timeZone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED) : t.review.noDate}
              {post.author ? ` · ${t.review.by(post.author.name)}` : ""} · {t.review.approvals(post.approvals, workspace.approvalsRequired)}
            </p>
            <div className="cards">
              {post.variants.map((v) => (
                <VariantPreview key={v.id} network={v.channel.network as NetworkKind} channelName={v.channel.name} text={v.text} />
              ))}
            </div>
            {result?.error && result.postId === post.id ? (
              <Refusal message={result.error} violations={result.violations} />
            ) : null}
            {post.mine ? (
              <p className="muted">{t.review.yours}</p>
            ) : post.approvedByMe ? (
              <p className="muted">{t.review.alreadyApproved}</p>
            ) : (
              <DecisionForm postId={post.id} name="intent" labels={{ comment: t.review.comment, approve: t.review.approve, requestChanges: t.review.requestChanges }} />
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}
