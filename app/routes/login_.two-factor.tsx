// Sign-in, second step for accounts with two-factor on: the password was right (the signed
// cookie says who, for ten minutes); a code from the app or a recovery code finishes it.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { secondFactorSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getAccount } from "~/models/account.server";
import { checkSecondFactor } from "~/models/two-factor.server";
import { pendingSecondFactor, requireAnonymous, safeRedirect, signedInHeaders } from "~/utils/auth.server";
import { localeOf } from "~/utils/locale.server";
import { twoFactorThrottle } from "~/utils/sign-in-throttle.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.signInCode.heading);

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { pending: (await pendingSecondFactor(request)) !== null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const t = messages[await localeOf(request)].account;
  const submission = parseWithZod(await request.formData(), { schema: secondFactorSchema });
  const pending = await pendingSecondFactor(request);
  if (!pending) return data(submission.reply({ formErrors: [t.signInCode.expired], resetForm: true }), { status: 401 });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const retryAfter = await twoFactorThrottle.retryAfter(pending.userId);
  if (retryAfter > 0) {
    return data(submission.reply({ formErrors: [t.tryAgainIn(retryAfter)], resetForm: true }), { status: 429, headers: { "Retry-After": String(retryAfter) } });
  }
  if (!(await checkSecondFactor(pending.userId, submission.value.code))) {
    await twoFactorThrottle.failed(pending.userId);
    return data(submission.reply({ formErrors: [t.signInCode.wrong], resetForm: true }), { status: 401 });
  }
  await twoFactorThrottle.clear(pending.userId);
  const user = await getAccount(pending.userId);
  return redirect(safeRedirect(pending.redirectTo), { headers: await signedInHeaders(request, user) });
}

export default function SignInCode() {
  const { pending } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(secondFactorSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: secondFactorSchema }),
  });
  return (
    <main className="narrow">
      <h1>{t.account.signInCode.heading}</h1>
      {pending ? (
        <>
          <p>{t.account.signInCode.intro}</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <Field label={t.account.signInCode.code} errors={fields.code.errors} errorId={fields.code.errorId}>
              <input {...getInputProps(fields.code, { type: "text" })} autoComplete="one-time-code" autoFocus />
            </Field>
            <p className="muted">
              {t.account.signInCode.recoveryHint}
            </p>
            <FormErrors errors={form.errors} id={form.errorId} />
            <button type="submit">{t.account.signInCode.verify}</button>
          </Form>
        </>
      ) : (
        <>
          <p role="alert">{t.account.signInCode.expired}</p>
          <p>
            <Link to="/login">{t.auth.signIn}</Link>
          </p>
        </>
      )}
    </main>
  );
}
