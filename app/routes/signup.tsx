import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { signUpSchema } from "~/domain/account-schemas";
import { createUser, requireAnonymous, safeRedirect, startSession } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/i18n/use-i18n";
import { localizedTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.auth.createAccount);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = await parseWithZod(formData, {
    schema: signUpSchema.superRefine(async ({ email }, ctx) => {
      const taken = await prisma.user.findUnique({ where: { email }, select: { id: true } });
      if (taken) ctx.addIssue({ code: "custom", path: ["email"], message: "An account with this e-mail already exists. Sign in instead." });
    }),
    async: true,
  });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const user = await createUser(submission.value);
  if (!user) {
    return data(submission.reply({ fieldErrors: { email: ["An account with this e-mail already exists. Sign in instead."] }, hideFields: ["password"] }), {
      status: 400,
    });
  }
  return redirect(safeRedirect(submission.value.redirectTo, "/workspaces"), {
    headers: { "Set-Cookie": await startSession(request, user.id) },
  });
}

export default function SignUp() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signUpSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
  });
  return (
    <main className="narrow">
      <h1>{t.auth.signUpHeading}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t.auth.name} errors={fields.name.errors} errorId={fields.name.errorId}>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" autoFocus />
        </Field>
        <Field label={t.auth.email} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
        </Field>
        <Field label={t.auth.newPassword} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">{t.auth.createAccountButton}</button>
      </Form>
      <p className="muted">
        {t.auth.haveAccount} <Link to="/login">{t.auth.signIn}</Link>
      </p>
    </main>
  );
}
