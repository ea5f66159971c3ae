// The instance's latest mails, for its operators (and anyone while developing with
// `npm run dev`): without SMTP_URL mails only go to the log, and this page shows them with
// their links, so that sign-up and reset can be tried without a mail server. Everyone else
// gets 404, as if there were nothing here.
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { isOperator } from "~/models/account.server";
import { latestMails } from "~/models/outbox.server";
import { getUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { localeOf } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.mailbox.heading);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const allowed = env().NODE_ENV === "development" || (user !== null && (await isOperator(user.id)));
  if (!allowed) throw Response.json({ message: "This page does not exist." }, { status: 404 });
  const mails = await latestMails();
  const locale = await localeOf(request);
  return {
    viaLog: !env().SMTP_URL,
    mails: mails.map((mail) => ({ ...mail, createdAt: `${formatDateTime(mail.createdAt, "UTC", locale)} UTC` })),
  };
}

/** The mail's text with its web addresses as links. */
function Linked({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      <a key={match.index} href={match[0]}>
        {match[0]}
      </a>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <pre className="mail-text">{parts}</pre>;
}

export default function Mailbox() {
  const { viaLog, mails } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const m = t.account.mailbox;
  return (
    <main className="page" id="main">
      <h1>{m.heading}</h1>
      <p>{viaLog ? m.logIntro : m.smtpIntro}</p>
      {mails.length === 0 ? <p>{m.none}</p> : null}
      <ul className="mail-list">
        {mails.map((mail) => (
          <li key={mail.id} className="card">
            <h2>{mail.subject}</h2>
            <dl className="mail-meta">
              <dt>{m.to}</dt>
              <dd>{mail.to}</dd>
              <dt>{m.status}</dt>
              <dd>
                <span className={`state state-${mail.status.toLowerCase()}`}>{m.states[mail.status]}</span>
                {mail.lastError ? <span className="muted"> {mail.lastError}</span> : null}
              </dd>
              <dt>{m.when}</dt>
              <dd>{mail.createdAt}</dd>
              <dt>{m.attempts}</dt>
              <dd>{mail.attempts}</dd>
            </dl>
            {mail.text ? <Linked text={mail.text} /> : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
