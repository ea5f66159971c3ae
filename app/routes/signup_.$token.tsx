// Sign-up, step 2, reached only through the mailed link: the address is proven, so the
// account is made confirmed, with the name and password chosen here, and signed in.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { finishSignUpSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { findLiveToken, retireTokens, spendToken } from "~/models/account-tokens.server";
import { createUser, requireAnonymous, safeRedirect, signedInHeaders } from "~/utils/auth.server";
import { localeOf } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.signUp.finishHeading);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const token = await findLiveToken("SIGN_UP", params.token);
  if (!token) return data({ email: null }, { status: 410 });
  return { email: token.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const t = messages[await localeOf(request)];
  const submission = parseWithZod(await request.formData(), { schema: finishSignUpSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const token = await findLiveToken("SIGN_UP", params.token);
  if (!token || !(await spendToken(token.id))) {
    return data(submission.reply({ formErrors: [t.account.signUp.gone], hideFields: ["password"] }), { status: 410 });
  }
  const user = await createUser({ email: token.email, name: submission.value.name, password: submission.value.password, locale: null });
  if (!user) return data(submission.reply({ formErrors: [t.account.signUp.taken], hideFields: ["password"] }), { status: 409 });
  await retireTokens("SIGN_UP", token.email);
  return redirect(safeRedirect(token.redirectTo, "/workspaces"), { headers: await signedInHeaders(request, user) });
}

export default function FinishSignUp() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(finishSignUpSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: finishSignUpSchema }),
  });
  if (!email) {
    return (
      <main className="narrow">
        <h1>{t.account.signUp.finishHeading}</h1>
        <p role="alert">{t.account.signUp.gone}</p>
        <p>
          <Link to="/signup">{t.account.signUp.startAgain}</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{t.account.signUp.finishHeading}</h1>
      <p>{t.account.signUp.finishFor(email)}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field label={t.auth.name} errors={fields.name.errors} errorId={fields.name.errorId}>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" autoFocus />
        </Field>
        <Field label={t.auth.newPassword} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.auth.createAccountButton}</button>
      </Form>
    </main>
  );
}
