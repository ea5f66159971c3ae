// The person's notifications across their workspaces: newest first, unread marked, each with
// a link to what it is about. `?count` answers only the unread count (the bell asks it).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { type EventData, isNotificationKind, targetPath } from "~/domain/notifications";
import { recordIdSchema } from "~/domain/text-input";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { listNotifications, markRead, unreadCount } from "~/models/notifications.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.notifications.page.title);

const readSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("read"), id: recordIdSchema("Which notification?") }), z.object({ intent: z.literal("read-all") })]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (new URL(request.url).searchParams.has("count")) return { unread: await unreadCount(user.id), notices: [] };
  const rows = await listNotifications(user.id);
  const notices = rows.flatMap((n) => (isNotificationKind(n.kind) ? [{ ...n, kind: n.kind, data: n.data as EventData }] : []));
  return { unread: notices.filter((n) => !n.readAt).length, notices };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: readSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" "), marked: 0 }, { status: 400 });
  const marked = await markRead(user.id, submission.value.intent === "read-all" ? "all" : submission.value.id);
  if (submission.value.intent === "read" && marked === 0) return data({ error: "No such unread notification.", marked: 0 }, { status: 404 });
  return { error: null, marked };
}

export default function Notifications() {
  const { notices, unread } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const n = t.notifications;
  return (
    <>
      <header className="topbar">
        <a className="brand" href="/workspaces">
          Rytm
        </a>
        <span className="spacer" />
        <Link to="/account/notifications">{n.page.settings}</Link>
      </header>
      <main className="page" id="main">
        <h1>{n.page.heading}</h1>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : result ? (
          <p role="status">{n.page.marked(result.marked)}</p>
        ) : null}
        {unread ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="secondary">
              {n.page.markAll}
            </button>
          </Form>
        ) : null}
        {notices.length === 0 ? <p className="muted">{n.page.none}</p> : null}
        <ol className="notice-list">
          {notices.map((notice) => {
            const zone = notice.workspace.timeZone;
            const when = (iso: string | Date) => formatDateTime(iso, zone, locale);
            return (
              <li key={notice.id} className={`card notice-item${notice.readAt ? "" : " unread"}`} data-testid="notice">
                <div>
                  <p className="muted">
                    {notice.workspace.name} · {when(notice.createdAt)}
                    {notice.readAt ? null : <span className="visually-hidden"> · {n.page.unread}</span>}
                  </p>
                  <p>{n.line(notice.kind, notice.data, notice.workspace.name, when)}</p>
                </div>
                <div className="notice-actions">
                  <Link to={`/w/${notice.workspace.slug}${targetPath(notice.kind, notice.data)}`}>{n.page.open}</Link>
                  {notice.readAt ? null : (
                    <Form method="post">
                      <input type="hidden" name="id" value={notice.id} />
                      <button type="submit" name="intent" value="read" className="link">
                        {n.page.markRead}
                      </button>
                    </Form>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      </main>
    </>
  );
}
