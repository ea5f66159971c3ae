// What a client sees through an approval link: the range's posts as they will look on each
// network, in plain words about what each needs from them, with approve / request changes
// only where the gate would take it, and "approve all shown". Their name is asked once on
// this device. No account, nothing else.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ClientPost } from "~/components/client-post";
import { ClientWho } from "~/components/client-who";
import { clientActionSchema } from "~/domain/post-actions";
import { clientStateOf } from "~/domain/client-view";
import { localizeViolations } from "~/domain/violations";
import { localizedTitle } from "~/i18n/meta";
import { messages } from "~/i18n/messages";
import { refusalText } from "~/i18n/refusal";
import { useI18n } from "~/i18n/use-i18n";
import { clientDecision, listSharedPosts, openShareLink } from "~/models/share-link.server";
import { localeOf } from "~/utils/locale.server";
import { Form } from "@remix-run/react";
import { clientNameOf, rememberClientName } from "~/utils/client-name.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = ({ matches }) => [...localizedTitle(matches, (t) => t.client.title), { name: "robots", content: "noindex" }];

const gone = () => data({ message: "This link has expired or was revoked. Ask for a new one." }, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await openShareLink(params.token);
  if (!link) throw gone();
  const locale = await localeOf(request);
  const posts = (await listSharedPosts(link)).map((post) => ({ ...post, violations: localizeViolations(post.violations, locale), state: clientStateOf(post) }));
  return { workspace: { name: link.workspace.name, timeZone: link.workspace.timeZone }, from: link.fromDate, to: new Date(link.toDate.getTime() - 1), posts, name: await clientNameOf(request) };
}

type Answer = { postId: string | null; error: string | null; done: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const link = await openShareLink(params.token);
  if (!link) throw gone();
  const form = await request.formData();
  // A decision without an intent is one post's (the form before "approve all" existed).
  if (!form.has("intent") && form.has("decision")) form.set("intent", "decide");
  const submission = parseWithZod(form, { schema: clientActionSchema });
  const locale = await localeOf(request);
  const t = messages[locale].notifications.client;
  if (submission.status !== "success") {
    return data<Answer>({ postId: String(submission.payload.postId ?? "") || null, error: Object.values(submission.error ?? {}).flat().join(" "), done: null }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "name" || value.intent === "forget-name") {
    const name = value.intent === "name" ? value.name : null;
    return redirect(new URL(request.url).pathname, { headers: { "Set-Cookie": await rememberClientName(name) } });
  }
  const name = value.name ?? (await clientNameOf(request));
  if (!name) return data<Answer>({ postId: value.intent === "decide" ? value.postId : null, error: messages[locale].client.name, done: null }, { status: 400 });
  const cookie = { headers: { "Set-Cookie": await rememberClientName(name) } };
  if (value.intent === "approve-all") {
    let approved = 0;
    const seen = new Map(value.postIds.map((p) => [p.postId, p.revision]));
    for (const [postId, revision] of seen) if ((await clientDecision(link, { postId, decision: "approve", name, revision })).ok) approved++;
    const refused = seen.size - approved;
    return data<Answer>({ postId: null, error: null, done: t.approvedAll(approved, refused) }, cookie);
  }
  const outcome = await clientDecision(link, { ...value, name });
  if (!outcome.ok) {
    const error = outcome.refusal ? refusalText(outcome.refusal, locale) : "This post is not part of this link.";
    return data<Answer>({ postId: value.postId, error, done: null }, { status: outcome.httpStatus, ...cookie });
  }
  return data<Answer>({ postId: value.postId, error: null, done: value.decision === "approve" ? t.approvedOne : t.changesOne }, cookie);
}

export default function ClientApproval() {
  const { workspace, from, to, posts, name } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const c = t.notifications.client;
  const fmt = (d: string | Date) => formatDate(d, workspace.timeZone, locale);
  const approvable = posts.filter((p) => p.mayApprove);
  return (
    <main className="page">
      <h1>{t.client.heading(workspace.name)}</h1>
      <p>{t.client.intro(fmt(from), fmt(to))}</p>
      <ClientWho name={name} />
      {result && !result.postId ? (
        <p className={result.error ? "form-error" : "notice"} role={result.error ? "alert" : "status"}>
          {result.error ?? result.done}
        </p>
      ) : null}
      {name && approvable.length > 1 ? (
        <Form method="post" className="approve-all">
          {approvable.map((p) => (
            <input key={p.id} type="hidden" name="postIds" value={`${p.id}:${p.revision}`} />
          ))}
          <button type="submit" name="intent" value="approve-all">
            {c.approveAll(approvable.length)}
          </button>
        </Form>
      ) : null}
      {posts.length === 0 ? <p>{t.client.none}</p> : null}
      <ol className="review-list">
        {posts.map((post) => (
          <ClientPost key={post.id} post={post} zone={workspace.timeZone} named={Boolean(name)} result={result?.postId === post.id ? result : null} />
        ))}
      </ol>
    </main>
  );
}
