// A mail's unsubscribe link (RFC 8058): opened, it asks before stopping anything (link
// scanners open links too); posted — by the button, or by a mail program's one-click
// `List-Unsubscribe-Post` — it stops that kind of mail. No sign-in: the link is signed.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isNotificationKind } from "~/domain/notifications";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { describeUnsubscription, unsubscribe } from "~/models/notifications.server";
import { readUnsubscribeToken } from "~/utils/unsubscribe-token.server";

export const meta: MetaFunction = ({ matches }) => [...localizedTitle(matches, (t) => t.notifications.unsubscribe.title), { name: "robots", content: "noindex" }];

const invalid = () => data({ message: "This link is not valid." }, { status: 404 });

export async function loader({ params }: LoaderFunctionArgs) {
  const what = readUnsubscribeToken(params.token);
  const described = what && (await describeUnsubscription(what));
  if (!what || !described) throw invalid();
  return { kind: what.kind === "member" ? what.notice : null, workspace: described.workspace };
}

export async function action({ params }: ActionFunctionArgs) {
  const what = readUnsubscribeToken(params.token);
  if (!what || !(await unsubscribe(what))) throw invalid();
  return { done: true };
}

export default function Unsubscribe() {
  const { kind, workspace } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const u = t.notifications.unsubscribe;
  const what = kind === null ? u.client(workspace ?? "") : u.kind(isNotificationKind(kind) ? t.notifications.kinds[kind] : t.notifications.choices.digest);
  return (
    <main className="narrow">
      <h1>{u.heading}</h1>
      {result?.done ? (
        <p role="status">{u.done}</p>
      ) : (
        <Form method="post" className="stack">
          <p>{what}</p>
          <button type="submit">{u.confirm}</button>
        </Form>
      )}
    </main>
  );
}
