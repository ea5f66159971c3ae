// Expired approvals: posts whose time passed before they were approved. None went out; each
// can get a new time (same time tomorrow in one click, or a chosen one) or be cancelled.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { clockTimeSchema, planDateSchema } from "~/domain/calendar-dates";
import { can } from "~/domain/permissions";
import { recordIdSchema } from "~/domain/text-input";
import { refusalText } from "~/i18n/refusal";
import { localizedTitle } from "~/i18n/meta";
import { messages } from "~/i18n/messages";
import { useI18n } from "~/i18n/use-i18n";
import { listExpired, postTitle, rescheduleExpired } from "~/models/expired-approvals.server";
import { act, memberActor } from "~/models/post-gate.server";
import { localeOf } from "~/utils/locale.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.notifications.expired.title);

const expiredSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reschedule"), postId: recordIdSchema("Which post?"), date: planDateSchema(), time: clockTimeSchema() }),
  z.object({ intent: z.literal("cancel"), postId: recordIdSchema("Which post?") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "post:read");
  const posts = await listExpired(workspace.id);
  const tomorrow = (at: Date) => {
    const local = DateTime.fromJSDate(at, { zone: workspace.timeZone });
    const now = DateTime.now().setZone(workspace.timeZone);
    // The same time of day, on the first day from tomorrow on where it is still ahead.
    let next = now.plus({ days: 1 }).set({ hour: local.hour, minute: local.minute, second: 0, millisecond: 0 });
    if (next <= now) next = next.plus({ days: 1 });
    return { date: next.toISODate()!, time: next.toFormat("HH:mm") };
  };
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone, approvalsRequired: workspace.approvalsRequired },
    canWrite: can(role, "post:write"),
    posts: posts.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      scheduledAt: p.scheduledAt!,
      author: p.author?.name ?? null,
      approvals: p.approvals.filter((a) => a.revision === p.revision).length,
      channels: p.variants.map((v) => v.channel.name),
      next: tomorrow(p.scheduledAt!),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  const submission = parseWithZod(await request.formData(), { schema: expiredSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" "), done: null as string | null }, { status: 400 });
  const value = submission.value;
  const actor = memberActor(user, role);
  const locale = await localeOf(request);
  const title = await postTitle(workspace.id, value.postId);
  if (title === null) notFound("This post");
  const outcome = value.intent === "reschedule" ? await rescheduleExpired(workspace, actor, value.postId, value.date, value.time) : await act(workspace, actor, value.postId, { kind: "cancel" });
  const e = messages[locale].notifications.expired;
  if (outcome.ok) {
    const when = value.intent === "reschedule" ? formatDateTime(DateTime.fromISO(`${value.date}T${value.time}`, { zone: workspace.timeZone }).toJSDate(), workspace.timeZone, locale) : null;
    return { error: null as string | null, done: when ? e.rescheduled(title, when) : e.cancelled(title) };
  }
  const error = outcome.refusal ? refusalText(outcome.refusal, locale) : "message" in outcome && outcome.message ? outcome.message : messages[locale].errors.unexpected;
  return data({ error, done: null as string | null }, { status: outcome.httpStatus });
}

export default function ExpiredApprovals() {
  const { workspace, canWrite, posts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const e = t.notifications.expired;
  const when = (iso: string | Date) => formatDateTime(iso, workspace.timeZone, locale);
  return (
    <main className="page">
      <h1>{e.heading}</h1>
      <p>{e.intro}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {String(result.error)}
        </p>
      ) : null}
      {result?.done ? (
        <p className="notice" role="status">
          {result.done}
        </p>
      ) : null}
      {posts.length === 0 ? <p className="muted">{e.none}</p> : null}
      <ul className="review-list">
        {posts.map((post) => (
          <li key={post.id} className="card" aria-label={post.title}>
            <h2>
              <Link to={`/w/${workspace.slug}/posts/${post.id}`}>{post.title}</Link>
            </h2>
            <p className="deadline passed">{e.was(when(post.scheduledAt))}</p>
            <p className="muted">
              {post.status === "APPROVED" ? e.lateApproval : e.awaiting(post.approvals, workspace.approvalsRequired)}
              {post.channels.length ? ` · ${post.channels.join(", ")}` : ""}
              {post.author ? ` · ${t.post.by(post.author)}` : ""}
            </p>
            {canWrite ? (
              <div className="post-actions">
                <Form method="post">
                  <input type="hidden" name="postId" value={post.id} />
                  <input type="hidden" name="date" value={post.next.date} />
                  <input type="hidden" name="time" value={post.next.time} />
                  <button type="submit" name="intent" value="reschedule">
                    {e.tomorrow}
                  </button>
                </Form>
                <Form method="post" className="inline move-form" aria-label={e.newTime}>
                  <input type="hidden" name="postId" value={post.id} />
                  <label>
                    {t.post.moveDate}
                    <input type="date" name="date" defaultValue={post.next.date} required />
                  </label>
                  <label>
                    {t.post.moveTime}
                    <input type="time" name="time" defaultValue={post.next.time} required />
                  </label>
                  <button type="submit" name="intent" value="reschedule" className="secondary">
                    {e.reschedule}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="postId" value={post.id} />
                  <button type="submit" name="intent" value="cancel" className="secondary">
                    {e.cancel}
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
