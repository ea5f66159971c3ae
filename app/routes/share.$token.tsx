// What a client sees through an approval link: the range's posts as they will look, and
// for each, approve or request changes under their name. No account, nothing else.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { DecisionForm } from "~/components/decision-form";
import { VariantPreview } from "~/components/editor/variant-preview";
import { ViolationList } from "~/components/violation-list";
import type { NetworkKind } from "~/channels/networks";
import { clientDecisionSchema } from "~/domain/post-actions";
import { localizeViolations } from "~/domain/violations";
import { refusalText } from "~/i18n/refusal";
import { localeOf } from "~/utils/locale.server";
import { useI18n } from "~/i18n/use-i18n";
import { clientDecision, listSharedPosts, openShareLink } from "~/models/share-link.server";
import { localizedTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [...localizedTitle(matches, (t) => t.client.title), { name: "robots", content: "noindex" }];

const gone = () => data({ message: "This link has expired or was revoked. Ask for a new one." }, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await openShareLink(params.token);
  if (!link) throw gone();
  const locale = await localeOf(request);
  const posts = (await listSharedPosts(link)).map((post) => ({ ...post, violations: localizeViolations(post.violations, locale) }));
  return { workspace: { name: link.workspace.name, timeZone: link.workspace.timeZone }, from: link.fromDate, to: new Date(link.toDate.getTime() - 1), posts };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const link = await openShareLink(params.token);
  if (!link) throw gone();
  const submission = parseWithZod(await request.formData(), { schema: clientDecisionSchema });
  if (submission.status !== "success") return data({ postId: String(submission.payload.postId ?? ""), error: Object.values(submission.error ?? {}).flat().join(" "), done: false }, { status: 400 });
  const outcome = await clientDecision(link, submission.value);
  if (!outcome.ok) {
    const error = outcome.refusal ? refusalText(outcome.refusal, await localeOf(request)) : "This post is not part of this link.";
    return data({ postId: submission.value.postId, error, done: false }, { status: outcome.httpStatus });
  }
  return { postId: submission.value.postId, error: null, done: true };
}

export default function ClientApproval() {
  const { workspace, from, to, posts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const fmt = (d: string | Date, format = DateTime.DATE_MED) => DateTime.fromJSDate(new Date(d), { zone: workspace.timeZone }).setLocale(locale).toLocaleString(format);
  return (
    <main className="page">
      <h1>{t.client.heading(workspace.name)}</h1>
      <p>{t.client.intro(fmt(from), fmt(to))}</p>
      {posts.length === 0 ? <p>{t.client.none}</p> : null}
      <ol className="review-list">
        {posts.map((post) => (
          <li key={post.id} className="card" aria-label={post.title}>
            <h2>{post.title}</h2>
            <p className="muted">
              {t.client.when(fmt(post.scheduledAt!, DateTime.DATETIME_MED))} · {t.client.status(t.status[post.status])}
            </p>
            <div className="cards">
              {post.variants.map((v) => (
                <VariantPreview key={v.id} network={v.channel.network as NetworkKind} channelName={v.channel.name} text={v.text} link={v.link} mediaUrls={v.mediaUrls} />
              ))}
            </div>
            {result?.postId === post.id ? (
              result.error ? (
                <p className="form-error" role="alert">
                  {result.error}
                </p>
              ) : (
                <p role="status">{t.client.thanks}</p>
              )
            ) : null}
            <ViolationList violations={post.violations} slug={null} zone={workspace.timeZone} selfId={post.id} />
            {post.mayApprove || post.mayRequestChanges ? (
              <DecisionForm postId={post.id} name="decision" canApprove={post.mayApprove} labels={{ comment: t.client.comment, approve: t.client.approve, requestChanges: t.client.requestChanges }}>
                <label>
                  {t.client.name}
                  <input name="name" required maxLength={100} autoComplete="name" />
                </label>
              </DecisionForm>
            ) : null}
          </li>
        ))}
      </ol>
    </main>
  );
}
