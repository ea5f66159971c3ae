// Choosing a new password through a mailed link (valid an hour, once). Every session of the
// account ends, and the person signs in again — with their second factor, if they have one.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { newPasswordSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { findAccountByEmail, setPassword } from "~/models/account.server";
import { findLiveToken, retireTokens, spendToken } from "~/models/account-tokens.server";
import { mailLocale, queueMail } from "~/models/outbox.server";
import { localeOf } from "~/utils/locale.server";
import { hashPassword } from "~/utils/password.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.reset.newHeading);

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findLiveToken("PASSWORD_RESET", params.token);
  if (!token) return data({ email: null }, { status: 410 });
  return { email: token.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = await localeOf(request);
  const submission = parseWithZod(await request.formData(), { schema: newPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const token = await findLiveToken("PASSWORD_RESET", params.token);
  const passwordHash = await hashPassword(submission.value.password);
  if (!token?.userId || !(await spendToken(token.id))) {
    return data(submission.reply({ formErrors: [messages[locale].account.reset.gone], hideFields: ["password"] }), { status: 410 });
  }
  await setPassword(token.userId, passwordHash, { addressProven: true });
  await retireTokens("PASSWORD_RESET", token.email);
  const user = await findAccountByEmail(token.email);
  await queueMail({ key: `password-changed:${token.id}`, to: token.email, locale: mailLocale(user?.locale, locale), content: { template: "password-changed", email: token.email } });
  return redirect("/login?notice=password-reset");
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(newPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPasswordSchema }),
  });
  if (!email) {
    return (
      <main className="narrow">
        <h1>{t.account.reset.newHeading}</h1>
        <p role="alert">{t.account.reset.gone}</p>
        <p>
          <Link to="/forgot-password">{t.account.reset.again}</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{t.account.reset.newHeading}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field label={t.account.password.new} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" autoFocus />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.account.reset.save}</button>
      </Form>
    </main>
  );
}
