// Asking for a password-reset link. The answer never says whether the address has an
// account: the worker looks it up (workers/account-requests.ts); requests are throttled.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type HeadersFunction, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { passwordResetRequestSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { localeOf } from "~/utils/locale.server";
import { enqueueAccountRequest } from "~/utils/queues.server";
import { mailRequestRetryAfter } from "~/utils/sign-in-throttle.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.reset.heading);

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: passwordResetRequestSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: null }, { status: 400 });
  const { email } = submission.value;
  const locale = await localeOf(request);
  const retryAfter = await mailRequestRetryAfter(email, context.clientAddress);
  if (retryAfter > 0) {
    return data(
      { result: submission.reply({ formErrors: [messages[locale].account.tryAgainIn(retryAfter)] }), sent: null },
      { status: 429, headers: { "Retry-After": String(retryAfter) } },
    );
  }
  await enqueueAccountRequest({ kind: "password-reset", email, locale });
  return { result: null, sent: email };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(passwordResetRequestSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordResetRequestSchema }),
  });
  return (
    <main className="narrow">
      <h1>{t.account.reset.heading}</h1>
      {actionData?.sent ? (
        <p role="status">{t.account.reset.sent(actionData.sent)}</p>
      ) : (
        <>
          <p>{t.account.reset.intro}</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <Field label={t.auth.email} errors={fields.email.errors} errorId={fields.email.errorId}>
              <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" autoFocus />
            </Field>
            <FormErrors errors={form.errors} id={form.errorId} />
            <button type="submit">{t.account.reset.send}</button>
          </Form>
        </>
      )}
      <p className="muted">
        <Link to="/login">{t.auth.signIn}</Link>
      </p>
    </main>
  );
}
