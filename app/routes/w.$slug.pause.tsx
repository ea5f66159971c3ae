// Crisis mode: pause everything at once, with a reason; on resume, decide what to do with
// each variant whose time passed meanwhile (nothing overdue is sent on its own).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { VariantActions } from "~/components/variant-actions";
import { can } from "~/domain/permissions";
import { pauseActionSchema, variantActionSchema } from "~/domain/publish-actions";
import { listOverdue, pauseWorkspace, resumeWorkspace } from "~/models/scheduling.server";
import { applyVariantAction } from "~/models/variant-actions.server";
import { formatDateTime } from "~/utils/dates";
import { useI18n } from "~/i18n/use-i18n";
import { requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "workspace:read");
  return { workspace, overdue: await listOverdue(workspace.id), canPause: can(role, "workspace:pause"), canWrite: can(role, "post:write") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "pause" || intent === "resume") {
    const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:pause");
    const submission = parseWithZod(formData, { schema: pauseActionSchema });
    if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
    if (submission.value.intent === "pause") await pauseWorkspace(workspace.id, user.id, submission.value.reason);
    else await resumeWorkspace(workspace.id, user.id);
    return { error: null };
  }
  const { workspace, user } = await requireWorkspace(request, params.slug, "post:write");
  const submission = parseWithZod(formData, { schema: variantActionSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  const error = await applyVariantAction(workspace, user.id, submission.value);
  return error ? data({ error }, { status: 409 }) : { error: null };
}

export default function Pause() {
  const { workspace, overdue, canPause, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <main className="page">
      <h1>{workspace.pausedAt ? t.pause.off : t.pause.on}</h1>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {canPause && !workspace.pausedAt ? (
        <Form method="post" className="stack" style={{ maxWidth: "28rem" }}>
          <p>{t.pause.intro(workspace.name)}</p>
          <label>
            {t.pause.reason}
            <input name="reason" required maxLength={500} />
          </label>
          <button type="submit" name="intent" value="pause">
            {t.pause.pause}
          </button>
        </Form>
      ) : null}
      {canPause && workspace.pausedAt ? (
        <Form method="post">
          <p>{t.pause.resumeIntro}</p>
          <button type="submit" name="intent" value="resume">
            {t.pause.resume}
          </button>
        </Form>
      ) : null}
      <h2>{t.pause.overdue(overdue.length)}</h2>
      {overdue.length === 0 ? <p>{t.pause.noOverdue}</p> : null}
      <ul className="cards" aria-label={t.pause.overdueList}>
        {overdue.map((variant) => (
          <li key={variant.id} className="card">
            <strong>{variant.post.title}</strong> {t.pause.on_(variant.channel.name)}
            <div className="muted">{t.pause.wasDue(formatDateTime(variant.scheduledAt!, workspace.timeZone, locale))}</div>
            <p style={{ whiteSpace: "pre-wrap" }}>{variant.text}</p>
            {canWrite && !workspace.pausedAt ? <VariantActions variantId={variant.id} status="SCHEDULED" held /> : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
