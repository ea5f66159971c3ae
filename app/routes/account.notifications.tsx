// What the person is told, and how: per kind in Rytm only, e-mail now, the daily digest or
// nothing; and the digest's hour and zone.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { choiceFor, notificationSettingsForm } from "~/domain/notification-settings";
import { deliveryChoices, notificationKinds } from "~/domain/notifications";
import { timeZoneNames } from "~/domain/time-zones";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { notificationSettingsOf, saveNotificationSettings } from "~/models/notifications.server";
import { listWorkspacesOf } from "~/models/workspace.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.notifications.settings.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [settings, workspaces] = await Promise.all([notificationSettingsOf(user.id), listWorkspacesOf(user.id)]);
  const choices = Object.fromEntries(notificationKinds.map((kind) => [kind, choiceFor(settings, kind)]));
  // Before the person chooses a zone, their first workspace's is the likeliest.
  const stored = settings.timeZone !== "UTC" || workspaces.length === 0;
  return { choices, digestHour: settings.digestHour, timeZone: stored ? settings.timeZone : workspaces[0]!.workspace.timeZone, zones: timeZoneNames() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: notificationSettingsForm });
  if (submission.status !== "success") return data({ saved: false, error: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  const { kind, digestHour, timeZone } = submission.value;
  await saveNotificationSettings(user.id, { kinds: kind, digestHour, timeZone });
  return { saved: true, error: null };
}

export default function NotificationSettings() {
  const { choices, digestHour, timeZone, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const s = t.notifications.settings;
  return (
    <>
      <h1>{s.heading}</h1>
      <p>{s.intro}</p>
      <Form method="post" className="stack">
        <table className="prefs">
          <thead>
            <tr>
              <th scope="col">{s.kind}</th>
              <th scope="col">{s.how}</th>
            </tr>
          </thead>
          <tbody>
            {notificationKinds.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  <label htmlFor={`kind-${kind}`}>{t.notifications.kinds[kind]}</label>
                </th>
                <td>
                  <select id={`kind-${kind}`} name={`kind.${kind}`} defaultValue={choices[kind]}>
                    {deliveryChoices.map((choice) => (
                      <option key={choice} value={choice}>
                        {t.notifications.choices[choice]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="inline">
          <label>
            {s.digestHour}
            <select name="digestHour" defaultValue={String(digestHour)}>
              {Array.from({ length: 24 }, (_, hour) => (
                <option key={hour} value={hour}>
                  {`${String(hour).padStart(2, "0")}:00`}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s.timeZone}
            <TimeZoneSelect zones={zones} name="timeZone" defaultValue={timeZone} />
          </label>
        </div>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <div>
          <button type="submit">{s.save}</button>
        </div>
        {result?.saved ? <p role="status">{s.saved}</p> : null}
      </Form>
    </>
  );
}
