import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { timeZoneNames } from "~/domain/time-zones";
import { createWorkspaceSchema } from "~/domain/workspace-schemas";
import { createWorkspace, listWorkspacesOf } from "~/models/workspace.server";
import { requireUser } from "~/utils/auth.server";
import { useI18n } from "~/i18n/use-i18n";
import { localizedTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.workspaces.heading);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user, memberships: await listWorkspacesOf(user.id), zones: timeZoneNames() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: createWorkspaceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const workspace = await createWorkspace(user.id, submission.value);
  return redirect(`/w/${workspace.slug}`);
}

export default function Workspaces() {
  const { user, memberships, zones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(createWorkspaceSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createWorkspaceSchema }),
    defaultValue: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
  });
  const { key: _zoneKey, ...zoneProps } = getSelectProps(fields.timeZone);
  const { t } = useI18n();
  return (
    <>
      <header className="topbar">
        <span className="brand">Rytm</span>
        <span className="spacer" />
        <span className="muted">{user.name}</span>
        <Link to="/account">{t.account.page.menu}</Link>
        <Form method="post" action="/logout">
          <button type="submit" className="secondary">{t.nav.signOut}</button>
        </Form>
      </header>
      <main className="page">
        <h1>{t.workspaces.heading}</h1>
        {memberships.length ? (
          <p>
            <Link to="/calendar">{t.allBrands.nav} →</Link>
          </p>
        ) : null}
        {memberships.length ? (
          <ul className="cards" aria-label={t.workspaces.list}>
            {memberships.map(({ workspace, role }) => (
              <li key={workspace.id} className="card">
                <Link to={`/w/${workspace.slug}`}>
                  <strong>{workspace.name}</strong>
                </Link>
                <div className="muted">
                  {workspace.timeZone} · {t.roles[role]}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.workspaces.none}</p>
        )}
        <h2>{t.workspaces.newHeading}</h2>
        <Form method="post" className="stack" style={{ maxWidth: "28rem" }} {...getFormProps(form)}>
          <Field label={t.settings.brand} errors={fields.name.errors} errorId={fields.name.errorId}>
            <input {...getInputProps(fields.name, { type: "text" })} />
          </Field>
          <Field label={t.settings.zone} errors={fields.timeZone.errors} errorId={fields.timeZone.errorId}>
            <TimeZoneSelect zones={zones} {...zoneProps} />
          </Field>
          <FormErrors errors={form.errors} id={form.errorId} />
          <button type="submit">{t.workspaces.create}</button>
        </Form>
      </main>
    </>
  );
}
