// Owners make and revoke client approval links.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { planDateSchema } from "~/domain/calendar-dates";
import { recordIdSchema, singleLineText } from "~/domain/text-input";
import { useI18n } from "~/i18n/use-i18n";
import { createShareLink, listShareLinks, revokeShareLink, setClientContact } from "~/models/share-link.server";
import { CopyLink } from "~/components/copy-link";
import { ClientContactForm } from "~/components/client-contact-form";
import { LocaleSelect } from "~/components/locale-select";
import { locales } from "~/i18n/locales";
import { requireWorkspace } from "~/utils/permissions.server";
import { publicOrigin } from "~/utils/secret-token.server";
import { formatDate } from "~/utils/dates";

const clientEmail = z.email("Enter the client's e-mail address, or leave it empty").max(254).optional();

const shareSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("create"),
      label: singleLineText({ max: 100, required: "Say who the link is for" }),
      from: planDateSchema("Choose the first day"),
      to: planDateSchema("Choose the last day"),
      days: z.coerce.number({ error: "How many days?" }).int().min(1, "At least 1 day").max(90, "At most 90 days"),
      clientEmail,
      clientLocale: z.enum(locales).default("en"),
    })
    .refine((v) => v.from <= v.to, { path: ["to"], message: "The last day is before the first" })
    .refine((v) => DateTime.fromISO(v.to).diff(DateTime.fromISO(v.from), "days").days <= 92, { path: ["to"], message: "At most three months in one link" }),
  z.object({ intent: z.literal("revoke"), linkId: recordIdSchema("Which link?") }),
  z.object({ intent: z.literal("client"), linkId: recordIdSchema("Which link?"), clientEmail: clientEmail, clientLocale: z.enum(locales).default("en") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "workspace:update");
  const origin = publicOrigin(request);
  const links = (await listShareLinks(workspace.id)).map(({ token, ...link }) => ({ ...link, url: token ? `${origin}/share/${token}` : null }));
  return { workspace: { timeZone: workspace.timeZone }, links };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:update");
  const submission = parseWithZod(await request.formData(), { schema: shareSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" "), url: null }, { status: 400 });
  const value = submission.value;
  if (value.intent === "revoke") {
    return (await revokeShareLink(workspace.id, user.id, value.linkId)) ? { error: null, url: null } : data({ error: "No such active link in this workspace.", url: null }, { status: 404 });
  }
  if (value.intent === "client") {
    const saved = await setClientContact(workspace.id, user.id, value.linkId, { email: value.clientEmail ?? null, locale: value.clientLocale });
    return saved ? { error: null, url: null, saved: value.linkId } : data({ error: "No such active link in this workspace.", url: null }, { status: 404 });
  }
  const token = await createShareLink(workspace, user.id, { ...value, client: { email: value.clientEmail ?? null, locale: value.clientLocale } });
  return { error: null, url: `${publicOrigin(request)}/share/${token}` };
}

export default function ShareLinks() {
  const { workspace, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const day = (d: string | Date) => formatDate(d, workspace.timeZone, locale);
  const today = DateTime.now().setZone(workspace.timeZone);
  return (
    <main className="page">
      <h1>{t.share.heading}</h1>
      <p>{t.share.intro}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.url ? (
        <div role="status">
          <p>{t.share.created}</p>
          <CopyLink url={result.url} label={t.notifications.share.linkLabel} testId="share-url" />
        </div>
      ) : null}
      <Form method="post" className="stack" style={{ maxWidth: "30rem" }}>
        <input type="hidden" name="intent" value="create" />
        <label>
          {t.share.label}
          <input name="label" required maxLength={100} />
        </label>
        <div className="inline">
          <label>
            {t.share.from}
            <input type="date" name="from" required defaultValue={today.toISODate()!} />
          </label>
          <label>
            {t.share.to}
            <input type="date" name="to" required defaultValue={today.plus({ days: 13 }).toISODate()!} />
          </label>
          <label>
            {t.share.days}
            <input type="number" name="days" min={1} max={90} defaultValue={14} required />
          </label>
        </div>
        <label>
          {t.notifications.share.clientEmail}
          <input type="email" name="clientEmail" maxLength={254} autoComplete="off" />
        </label>
        <label>
          {t.notifications.share.clientLocale}
          <LocaleSelect name="clientLocale" defaultValue={locale} />
        </label>
        <button type="submit">{t.share.create}</button>
      </Form>
      <h2>{t.nav.share}</h2>
      {links.length === 0 ? <p className="muted">{t.share.none}</p> : null}
      <ul className="cards">
        {links.map((link) => {
          const expired = new Date(link.expiresAt) < new Date();
          return (
            <li key={link.id} className="card">
              <strong>{link.label}</strong>
              <div>{t.share.range(day(link.fromDate), day(new Date(new Date(link.toDate).getTime() - 1)))}</div>
              <div className="muted">{link.revokedAt ? t.share.revoked : expired ? t.share.expired : t.share.expires(day(link.expiresAt))}</div>
              {!link.revokedAt && !expired ? (
                link.url ? (
                  <CopyLink url={link.url} label={`${t.notifications.share.linkLabel}: ${link.label}`} />
                ) : (
                  <p className="muted">{t.notifications.share.oldLink}</p>
                )
              ) : null}
              {!link.revokedAt && !expired ? (
                <ClientContactForm linkId={link.id} email={link.clientEmail} locale={link.clientLocale} saved={result !== undefined && "saved" in result && result.saved === link.id} />
              ) : null}
              {!link.revokedAt && !expired ? (
                <Form method="post">
                  <input type="hidden" name="linkId" value={link.id} />
                  <button type="submit" name="intent" value="revoke" className="secondary">
                    {t.share.revoke}
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
