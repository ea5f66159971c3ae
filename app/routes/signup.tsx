// Sign-up, step 1: the address alone. The answer is the same whether or not it has an
// account (the worker decides which mail it gets: workers/account-requests.ts), and a
// place or an address that asks too often is held off.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { signUpSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { requireAnonymous } from "~/utils/auth.server";
import { localeOf } from "~/utils/locale.server";
import { enqueueAccountRequest } from "~/utils/queues.server";
import { mailRequestRetryAfter } from "~/utils/sign-in-throttle.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.auth.createAccount);

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signUpSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: null }, { status: 400 });
  const { email, redirectTo } = submission.value;
  const locale = await localeOf(request);
  const retryAfter = await mailRequestRetryAfter(email, context.clientAddress);
  if (retryAfter > 0) {
    return data(
      { result: submission.reply({ formErrors: [messages[locale].account.tryAgainIn(retryAfter)] }), sent: null },
      { status: 429, headers: { "Retry-After": String(retryAfter) } },
    );
  }
  await enqueueAccountRequest({ kind: "sign-up", email, locale, redirectTo: redirectTo || undefined });
  return { result: null, sent: email };
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(signUpSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
  });
  if (actionData?.sent) {
    return (
      <main className="narrow">
        <h1>{t.account.signUp.sentHeading}</h1>
        <p role="status">{t.account.signUp.sent(actionData.sent)}</p>
        <p className="muted">{t.account.signUp.notArrived}</p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{t.auth.signUpHeading}</h1>
      <p>{t.account.signUp.intro}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t.auth.email} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" autoFocus />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.account.signUp.send}</button>
      </Form>
      <p className="muted">
        {t.auth.haveAccount} <Link to="/login">{t.auth.signIn}</Link>
      </p>
    </main>
  );
}
