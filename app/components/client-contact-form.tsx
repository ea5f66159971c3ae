// The client's address on a share link: the worker mails it when posts in the link's range
// await the client, and reminds it before their deadline, in the chosen language.
import { Form } from "@remix-run/react";
import { LocaleSelect } from "~/components/locale-select";
import { useI18n } from "~/i18n/use-i18n";

export function ClientContactForm({ linkId, email, locale, saved }: { linkId: string; email: string | null; locale: string; saved: boolean }) {
  const { t } = useI18n();
  const s = t.notifications.share;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="linkId" value={linkId} />
      {email ? <p className="muted">{s.mailed(email)}</p> : null}
      <label>
        {s.clientEmail}
        <input type="email" name="clientEmail" maxLength={254} defaultValue={email ?? ""} autoComplete="off" />
      </label>
      <label>
        {s.clientLocale}
        <LocaleSelect name="clientLocale" defaultValue={locale} />
      </label>
      <div className="inline">
        <button type="submit" name="intent" value="client" className="secondary">
          {s.setEmail}
        </button>
        {saved ? <span role="status">{s.emailSaved}</span> : null}
      </div>
    </Form>
  );
}
