// Where the person is signed in: each session's browser, when it signed in and was last
// used; sign out one of them, or everywhere (this browser too).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { recordIdSchema } from "~/domain/text-input";
import { describeUserAgent } from "~/domain/user-agent";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { endAllSessionsOf, endSessionOf, listSessions } from "~/models/account.server";
import { currentSessionId, endSession, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { localeOf } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.sessions.heading);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await currentSessionId(request);
  const sessions = await listSessions(user.id);
  // Formatted here: the server's and the browser's date formatting may differ in spacing.
  const locale = await localeOf(request);
  const when = (date: Date) => `${formatDateTime(date, "UTC", locale)} UTC`;
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeUserAgent(s.userAgent),
      createdAt: when(s.createdAt),
      lastSeenAt: when(s.lastSeenAt),
      current: s.id === current,
    })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sign-out"), sessionId: recordIdSchema("Which session?") }),
  z.object({ intent: z.literal("everywhere") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: parsed.error.issues.map((i) => i.message).join("; "), signedOut: false }, { status: 400 });
  const current = await currentSessionId(request);
  if (parsed.data.intent === "everywhere") {
    await endAllSessionsOf(user.id);
    return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
  }
  if (parsed.data.sessionId === current) return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
  const ended = await endSessionOf(user.id, parsed.data.sessionId);
  return data({ message: null, signedOut: ended }, { status: ended ? 200 : 404 });
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const deviceName = (device: (typeof sessions)[number]["device"]) => (device ? t.account.sessions.on(device.browser, device.system) : t.account.sessions.unknownDevice);
  return (
    <>
      <h1>{t.account.sessions.heading}</h1>
      <p>{t.account.sessions.intro}</p>
      {actionData?.signedOut ? (
        <p role="status" className="notice">
          {t.account.sessions.signedOut}
        </p>
      ) : null}
      {actionData?.message ? (
        <p role="alert" className="form-error">
          {actionData.message}
        </p>
      ) : null}
      <table>
        <caption className="visually-hidden">{t.account.sessions.heading}</caption>
        <thead>
          <tr>
            <th scope="col">{t.account.sessions.device}</th>
            <th scope="col">{t.account.sessions.started}</th>
            <th scope="col">{t.account.sessions.lastSeen}</th>
            <th scope="col">{t.account.sessions.actions}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                {deviceName(session.device)}
                {session.current ? <span className="pill">{t.account.sessions.current}</span> : null}
              </td>
              <td>{session.createdAt}</td>
              <td>{session.lastSeenAt}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="sign-out" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button type="submit" className="secondary" aria-label={t.account.sessions.signOutWhich(deviceName(session.device), session.createdAt)}>
                    {t.account.sessions.signOut}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="inline" style={{ marginTop: "1rem" }}>
        <button type="submit" name="intent" value="everywhere">
          {t.account.sessions.signOutEverywhere}
        </button>
      </Form>
    </>
  );
}
