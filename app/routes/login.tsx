import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { signInSchema } from "~/domain/account-schemas";
import { awaitSecondFactor, requireAnonymous, safeRedirect, signedInHeaders, verifySignIn } from "~/utils/auth.server";
import { trustedDevice } from "~/utils/device-cookie.server";
import { useI18n } from "~/i18n/use-i18n";
import { localizedTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.auth.signIn);

// Document responses take their headers from here: pass the throttle's Retry-After on.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await verifySignIn({ email, password, address: context.clientAddress, device: await trustedDevice(request, email) });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(
      submission.reply({
        formErrors: [`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`],
        hideFields: ["password"],
      }),
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) {
    return data(submission.reply({ formErrors: ["The e-mail address or the password is wrong."], hideFields: ["password"] }), {
      status: 401,
    });
  }
  if (result.twoFactor) {
    return redirect("/login/two-factor", { headers: { "Set-Cookie": await awaitSecondFactor(request, result.userId, redirectTo) } });
  }
  return redirect(safeRedirect(redirectTo), { headers: await signedInHeaders(request, { id: result.userId, email: result.email }) });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <main className="narrow">
      <h1>{t.auth.signInHeading}</h1>
      {searchParams.get("notice") === "password-reset" ? (
        <p role="status" className="notice">
          {t.account.reset.done}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field label={t.auth.email} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" autoFocus />
        </Field>
        <Field label={t.auth.password} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.auth.signIn}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t.account.reset.forgot}</Link>
      </p>
      <p className="muted">
        {t.auth.newHere}{" "}
        <Link to={searchParams.get("redirectTo") ? `/signup?${new URLSearchParams({ redirectTo: searchParams.get("redirectTo")! })}` : "/signup"}>
          {t.auth.createAccount}
        </Link>
      </p>
    </main>
  );
}
