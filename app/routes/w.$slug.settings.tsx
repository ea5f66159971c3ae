import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { approvalPolicySchema, updateWorkspaceSchema } from "~/domain/workspace-schemas";
import { useI18n } from "~/i18n/use-i18n";
import { setCalendarFeed, setOwnersNeedTwoFactor, updateApprovalPolicy, updateWorkspace } from "~/models/workspace.server";
import { OwnersTwoFactorForm } from "~/components/owners-two-factor-form";
import { messages } from "~/i18n/messages";
import { localeOf } from "~/utils/locale.server";
import { prisma } from "~/utils/db.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { hashToken, newSecretToken, publicOrigin } from "~/utils/secret-token.server";
import { CopyLink } from "~/components/copy-link";
import { TeamChatForm } from "~/components/team-chat-form";
import { chatWebhookSchema } from "~/domain/chat-message";
import { setTeamChat, teamChatOf } from "~/models/team-chat.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "workspace:update");
  const feed = await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { calendarFeedHash: true } });
  return { workspace, feedOn: feed.calendarFeedHash !== null, ...(await teamChatOf(workspace.id)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:update");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "approvals") {
    const submission = parseWithZod(formData, { schema: approvalPolicySchema });
    if (submission.status !== "success") return data({ form: "approvals", result: submission.reply(), saved: false, feedUrl: null }, { status: 400 });
    const { intent: _intent, ...policy } = submission.value;
    await updateApprovalPolicy(workspace.id, user.id, policy);
    return { form: "approvals", result: submission.reply(), saved: true, feedUrl: null };
  }
  if (intent === "owners-two-factor") {
    const required = formData.get("ownersNeedTwoFactor") === "on";
    // Whoever asks it of the owners has it: else they would lock themselves out of the page.
    if (required && !user.twoFactor) {
      const error = messages[await localeOf(request)].account.workspace.yoursFirst;
      return data({ form: "owners-two-factor", result: null, saved: false, feedUrl: null, error }, { status: 400 });
    }
    await setOwnersNeedTwoFactor(workspace.id, user.id, required);
    return { form: "owners-two-factor", result: null, saved: true, feedUrl: null };
  }
  if (intent === "chat" || intent === "chat-off") {
    const submission = intent === "chat" ? chatWebhookSchema.safeParse({ url: formData.get("url"), format: formData.get("format") }) : null;
    if (submission && !submission.success) return data({ form: "chat", result: null, saved: false, feedUrl: null, error: submission.error.issues.map((i) => i.message).join(" ") }, { status: 400 });
    await setTeamChat(workspace.id, user.id, submission ? { ...submission.data, locale: await localeOf(request) } : null);
    return { form: "chat", result: null, saved: true, feedUrl: null };
  }
  if (intent === "feed-create" || intent === "feed-off") {
    const token = intent === "feed-create" ? newSecretToken() : null;
    await setCalendarFeed(workspace.id, user.id, token ? hashToken(token) : null);
    return { form: "feed", result: null, saved: true, feedUrl: token ? `${publicOrigin(request)}/feeds/${token}.ics` : null };
  }
  const submission = parseWithZod(formData, { schema: updateWorkspaceSchema });
  if (submission.status !== "success") return data({ form: "workspace", result: submission.reply(), saved: false, feedUrl: null }, { status: 400 });
  // A new zone moves planned posts: it is changed on its own page, after a preview of what moves.
  if (submission.value.timeZone && submission.value.timeZone !== workspace.timeZone) {
    const error = messages[await localeOf(request)].zoneChange.settingsRefused;
    return data({ form: "workspace", result: submission.reply({ fieldErrors: { timeZone: [error] } }), saved: false, feedUrl: null }, { status: 409 });
  }
  await updateWorkspace(workspace.id, user.id, { name: submission.value.name });
  return { form: "workspace", result: submission.reply(), saved: true, feedUrl: null };
}

export default function Settings() {
  const { workspace, feedOn, reminderHours, chat } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult: actionData?.form === "workspace" ? actionData.result : undefined,
    constraint: getZodConstraint(updateWorkspaceSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateWorkspaceSchema }),
    defaultValue: { name: workspace.name, timeZone: workspace.timeZone },
  });
  return (
    <main className="page">
      <h1>{t.settings.heading}</h1>
      <Form method="post" className="stack" style={{ maxWidth: "28rem" }} {...getFormProps(form)}>
        <Field label={t.settings.brand} errors={fields.name.errors} errorId={fields.name.errorId}>
          <input {...getInputProps(fields.name, { type: "text" })} />
        </Field>
        <Field label={t.settings.zone} errors={fields.timeZone.errors} errorId={fields.timeZone.errorId}>
          <p>
            {workspace.timeZone} · <Link to="time-zone">{t.zoneChange.link}</Link>
          </p>
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.settings.save}</button>
        {actionData?.saved && actionData.form === "workspace" ? <p role="status">{t.settings.saved}</p> : null}
      </Form>

      <h2>{t.rules.heading}</h2>
      <p>
        <Link to={`/w/${workspace.slug}/rules`}>{t.settings.rulesLink}</Link>
      </p>

      <h2>{t.settings.approvalHeading}</h2>
      <Form method="post" className="stack" style={{ maxWidth: "28rem" }}>
        <input type="hidden" name="intent" value="approvals" />
        <label>
          {t.settings.approvalsRequired}
          <select name="approvalsRequired" defaultValue={String(workspace.approvalsRequired)}>
            {([0, 1, 2] as const).map((n) => (
              <option key={n} value={n}>
                {t.settings.approvalsOptions[n]}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="editorsMaySchedule" defaultChecked={workspace.editorsMaySchedule} /> {t.settings.editorsMaySchedule}
        </label>
        <label className="check">
          <input type="checkbox" name="keepApprovalOnMove" defaultChecked={workspace.keepApprovalOnMove} /> {t.settings.keepApprovalOnMove}
        </label>
        <label>
          {t.notifications.reminderHours}
          <input type="number" name="approvalReminderHours" min={0} max={168} defaultValue={reminderHours} required />
        </label>
        <button type="submit">{t.settings.save}</button>
        {actionData?.saved && actionData.form === "approvals" ? <p role="status">{t.settings.saved}</p> : null}
      </Form>

      <OwnersTwoFactorForm
        required={workspace.ownersNeedTwoFactor}
        saved={actionData?.form === "owners-two-factor" && actionData.saved}
        error={actionData && "error" in actionData ? actionData.error : null}
      />

      <h2>{t.settings.feedHeading}</h2>
      <p>{t.settings.feedIntro}</p>
      {actionData?.feedUrl ? (
        <div role="status">
          <p>{t.settings.feedCreated}</p>
          <CopyLink url={actionData.feedUrl} label={t.notifications.feed.linkLabel} testId="feed-url" />
          <p className="muted">{t.notifications.feed.howTo}</p>
        </div>
      ) : (
        <p className="muted">{feedOn ? t.settings.feedActive : t.settings.feedOff}</p>
      )}
      <Form method="post" className="inline">
        <button type="submit" name="intent" value="feed-create">
          {t.settings.feedCreate}
        </button>
        {feedOn ? (
          <button type="submit" name="intent" value="feed-off" className="secondary">
            {t.settings.feedRevoke}
          </button>
        ) : null}
      </Form>

      <TeamChatForm chat={chat} saved={actionData?.form === "chat" && actionData.saved} error={actionData?.form === "chat" && "error" in actionData ? String(actionData.error) : null} />
    </main>
  );
}
