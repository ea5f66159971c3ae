// Crisis mode: pause everything at once, with a reason; on resume, decide what to do with
// each variant whose time passed meanwhile (nothing overdue is sent on its own). Variants the
// worker held because the plan now breaks a blocking rule wait here too. Each decision goes
// through the gate, as on the post page.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { VariantActions } from "~/components/variant-actions";
import { can } from "~/domain/permissions";
import { pauseActionSchema, variantActionSchema } from "~/domain/publish-actions";
import { useI18n } from "~/i18n/use-i18n";
import { memberActor } from "~/models/post-gate.server";
import { listNeedingAttention, pauseWorkspace, resumeWorkspace } from "~/models/scheduling.server";
import { variantChoices } from "~/models/post-page.server";
import { applyVariantAction } from "~/models/variant-actions.server";
import { formatDateTime } from "~/utils/dates";
import { gateAnswer } from "~/utils/gate-answer.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspace(request, params.slug, "workspace:read");
  const waiting = await listNeedingAttention(workspace.id);
  return { workspace, waiting, choices: await variantChoices(workspace, memberActor(user, role), waiting), canPause: can(role, "workspace:pause") };
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
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  const submission = parseWithZod(formData, { schema: variantActionSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  const outcome = await applyVariantAction(workspace, memberActor(user, role), submission.value);
  if ("message" in outcome) return data({ error: outcome.message }, { status: outcome.httpStatus });
  const answer = gateAnswer(outcome, await localeOf(request));
  return data({ error: answer.data.error }, answer.init ?? undefined);
}

export default function Pause() {
  const { workspace, waiting, choices, canPause } = useLoaderData<typeof loader>();
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
      <h2>{t.pause.overdue(waiting.length)}</h2>
      {waiting.length === 0 ? <p>{t.pause.noOverdue}</p> : null}
      <ul className="cards" aria-label={t.pause.overdueList}>
        {waiting.map((variant) => (
          <li key={variant.id} className="card">
            <strong>
              <Link to={`/w/${workspace.slug}/posts/${variant.post.id}`}>{variant.post.title}</Link>
            </strong>{" "}
            {t.pause.on_(variant.channel.name)}
            <div className="muted">{t.pause.wasDue(formatDateTime(variant.scheduledAt!, workspace.timeZone, locale))}</div>
            {variant.failureClass === "held-rules" && variant.lastError ? <p className="field-error">{variant.lastError}</p> : null}
            <p style={{ whiteSpace: "pre-wrap" }}>{variant.text}</p>
            {choices[variant.id] && !workspace.pausedAt ? <VariantActions variantId={variant.id} status="SCHEDULED" held allowed={choices[variant.id]!} /> : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
