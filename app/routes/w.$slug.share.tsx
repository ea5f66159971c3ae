// Owners make and revoke client approval links.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { planDateSchema } from "~/domain/calendar-dates";
import { recordIdSchema, singleLineText } from "~/domain/text-input";
import { useI18n } from "~/i18n/use-i18n";
import { createShareLink, listShareLinks, revokeShareLink } from "~/models/share-link.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { publicOrigin } from "~/utils/secret-token.server";

const shareSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("create"),
      label: singleLineText({ max: 100, required: "Say who the link is for" }),
      from: planDateSchema("Choose the first day"),
      to: planDateSchema("Choose the last day"),
      days: z.coerce.number({ error: "How many days?" }).int().min(1, "At least 1 day").max(90, "At most 90 days"),
    })
    .refine((v) => v.from <= v.to, { path: ["to"], message: "The last day is before the first" })
    .refine((v) => DateTime.fromISO(v.to).diff(DateTime.fromISO(v.from), "days").days <= 92, { path: ["to"], message: "At most three months in one link" }),
  z.object({ intent: z.literal("revoke"), linkId: recordIdSchema("Which link?") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "workspace:update");
  return { workspace: { timeZone: workspace.timeZone }, links: await listShareLinks(workspace.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:update");
  const submission = parseWithZod(await request.formData(), { schema: shareSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" "), url: null }, { status: 400 });
  if (submission.value.intent === "revoke") {
    return (await revokeShareLink(workspace.id, user.id, submission.value.linkId)) ? { error: null, url: null } : data({ error: "No such active link in this workspace.", url: null }, { status: 404 });
  }
  const token = await createShareLink(workspace, user.id, submission.value);
  return { error: null, url: `${publicOrigin(request)}/share/${token}` };
}

export default function ShareLinks() {
  const { workspace, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const day = (d: string | Date) => DateTime.fromJSDate(new Date(d), { zone: workspace.timeZone }).setLocale(locale).toLocaleString(DateTime.DATE_MED);
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
          <p className="copy" data-testid="share-url">
            {result.url}
          </p>
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
