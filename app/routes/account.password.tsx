// Changing the password: the current one first (throttled per account); every other
// session ends, and the address is told.
import { randomUUID } from "node:crypto";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { changePasswordSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { passwordHashOf, setPassword } from "~/models/account.server";
import { mailLocale, queueMail } from "~/models/outbox.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";
import { localeOf } from "~/utils/locale.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { passwordCheckThrottle } from "~/utils/sign-in-throttle.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.password.heading);

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await localeOf(request);
  const t = messages[locale].account;
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  const hidden = { hideFields: ["currentPassword", "password"] };
  if (submission.status !== "success") return data({ result: submission.reply(hidden), changed: false }, { status: 400 });
  const retryAfter = await passwordCheckThrottle.retryAfter(user.id);
  if (retryAfter > 0) {
    return data({ result: submission.reply({ formErrors: [t.tryAgainIn(retryAfter)], ...hidden }), changed: false }, { status: 429, headers: { "Retry-After": String(retryAfter) } });
  }
  if (!(await verifyPassword(await passwordHashOf(user.id), submission.value.currentPassword))) {
    await passwordCheckThrottle.failed(user.id);
    return data({ result: submission.reply({ fieldErrors: { currentPassword: [t.password.wrongCurrent] }, ...hidden }), changed: false }, { status: 400 });
  }
  await passwordCheckThrottle.clear(user.id);
  await setPassword(user.id, await hashPassword(submission.value.password), { keepSessionId: await currentSessionId(request) });
  await queueMail({ key: `password-changed:${randomUUID()}`, to: user.email, locale: mailLocale(user.locale, locale), content: { template: "password-changed", email: user.email } });
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(changePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <>
      <h1>{t.account.password.heading}</h1>
      <Form method="post" className="stack narrow-form" {...getFormProps(form)}>
        <Field label={t.account.password.current} errors={fields.currentPassword.errors} errorId={fields.currentPassword.errorId}>
          <input {...getInputProps(fields.currentPassword, { type: "password" })} autoComplete="current-password" />
        </Field>
        <Field label={t.account.password.new} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.account.password.save}</button>
        {actionData?.changed ? (
          <p role="status" className="notice">
            {t.account.password.changed}
          </p>
        ) : null}
      </Form>
    </>
  );
}
