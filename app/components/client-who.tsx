// The client's name, asked once on this device: the decisions below go under it.
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

export function ClientWho({ name }: { name: string | null }) {
  const { t } = useI18n();
  const c = t.notifications.client;
  if (name) {
    return (
      <Form method="post" className="inline">
        <span>{c.signedAs(name)}</span>
        <button type="submit" name="intent" value="forget-name" className="link">
          {c.notYou}
        </button>
      </Form>
    );
  }
  return (
    <section className="card client-who" aria-labelledby="client-who-heading">
      <h2 id="client-who-heading">{c.whoHeading}</h2>
      <p className="muted">{c.whoIntro}</p>
      <Form method="post" className="stack">
        <label>
          {t.client.name}
          <input name="name" required maxLength={100} autoComplete="name" />
        </label>
        <div>
          <button type="submit" name="intent" value="name">
            {c.whoSave}
          </button>
        </div>
      </Form>
    </section>
  );
}
