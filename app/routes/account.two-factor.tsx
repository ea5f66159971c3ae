// Two-factor sign-in: set up (scan, confirm with a code, recovery codes shown once), make
// new recovery codes, or turn it off (password and a code). A workspace that asks its
// owners for it sends them here first, and back afterwards.
import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { renderSVG } from "uqr";
import { Field } from "~/components/field";
import { disableTwoFactorSchema, totpCodeSchema } from "~/domain/account-schemas";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getAccount, passwordHashOf } from "~/models/account.server";
import { mailLocale, queueMail } from "~/models/outbox.server";
import { checkSecondFactor, disableTwoFactor, enableTwoFactor, recoveryCodesLeft, replaceRecoveryCodes, twoFactorSetup } from "~/models/two-factor.server";
import { findMembership } from "~/models/workspace.server";
import { requireUser, safeRedirect } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { localeOf } from "~/utils/locale.server";
import { verifyPassword } from "~/utils/password.server";
import { passwordCheckThrottle, twoFactorThrottle } from "~/utils/sign-in-throttle.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.twoFactor.heading);

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const account = await getAccount(user.id);
  const setup = account.totpEnabledAt ? null : await twoFactorSetup(user.id);
  const slug = url.searchParams.get("workspace");
  const membership = slug ? await findMembership(user.id, slug) : null;
  const redirectTo = url.searchParams.get("redirectTo");
  return {
    enabledAt: account.totpEnabledAt && `${formatDateTime(account.totpEnabledAt, "UTC", await localeOf(request))} UTC`,
    setup: setup && { key: setup.secret.replace(/(.{4})/g, "$1 ").trim(), qr: renderSVG(setup.uri, { border: 2 }) },
    recoveryLeft: account.totpEnabledAt ? await recoveryCodesLeft(user.id) : 0,
    requiredBy: membership?.role === "OWNER" && membership.workspace.ownersNeedTwoFactor ? membership.workspace.name : null,
    next: redirectTo ? safeRedirect(redirectTo, "") || null : null,
  };
}

type Reply = { form: "enable" | "regenerate" | "disable"; error?: string; recoveryCodes?: string[]; disabled?: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await localeOf(request);
  const t = messages[locale].account;
  const form = Object.fromEntries(await request.formData());
  const intent = form.intent === "regenerate" || form.intent === "disable" ? form.intent : "enable";
  const refuse = (error: string, status = 400, headers?: HeadersInit) => data<Reply>({ form: intent, error }, { status, headers });
  const retryAfter = await twoFactorThrottle.retryAfter(user.id);
  if (retryAfter > 0) return refuse(t.tryAgainIn(retryAfter), 429, { "Retry-After": String(retryAfter) });
  const notify = (template: "two-factor-on" | "two-factor-off") =>
    queueMail({ key: `${template}:${randomUUID()}`, to: user.email, locale: mailLocale(user.locale, locale), content: { template, email: user.email } });

  if (intent === "disable") {
    const parsed = disableTwoFactorSchema.safeParse(form);
    if (!parsed.success) return refuse(parsed.error.issues.map((i) => i.message).join(" "));
    const passwordWait = await passwordCheckThrottle.retryAfter(user.id);
    if (passwordWait > 0) return refuse(t.tryAgainIn(passwordWait), 429, { "Retry-After": String(passwordWait) });
    if (!(await verifyPassword(await passwordHashOf(user.id), parsed.data.password))) {
      await passwordCheckThrottle.failed(user.id);
      return refuse(t.password.wrongCurrent);
    }
    if (!(await checkSecondFactor(user.id, parsed.data.code))) {
      await twoFactorThrottle.failed(user.id);
      return refuse(t.twoFactor.wrongCode);
    }
    await disableTwoFactor(user.id);
    await notify("two-factor-off");
    return data<Reply>({ form: intent, disabled: true });
  }

  const parsed = totpCodeSchema.safeParse(form);
  if (!parsed.success) return refuse(parsed.error.issues.map((i) => i.message).join(" "));
  const recoveryCodes =
    intent === "enable"
      ? await enableTwoFactor(user.id, parsed.data.code)
      : (await checkSecondFactor(user.id, parsed.data.code)) === "totp"
        ? await replaceRecoveryCodes(user.id)
        : null;
  if (!recoveryCodes) {
    await twoFactorThrottle.failed(user.id);
    return refuse(t.twoFactor.wrongCode);
  }
  await twoFactorThrottle.clear(user.id);
  if (intent === "enable") await notify("two-factor-on");
  return data<Reply>({ form: intent, recoveryCodes });
}

function CodeForm({ intent, label, button, error, withPassword = false }: { intent: Reply["form"]; label: string; button: string; error?: string; withPassword?: boolean }) {
  const { t } = useI18n();
  const errorId = `${intent}-error`;
  return (
    <Form method="post" className="stack narrow-form">
      <input type="hidden" name="intent" value={intent} />
      {withPassword ? (
        <label>
          {t.account.twoFactor.password}
          <input type="password" name="password" autoComplete="current-password" required aria-describedby={error ? errorId : undefined} />
        </label>
      ) : null}
      <Field label={label} errorId={errorId} errors={error ? [error] : undefined}>
        <input type="text" name="code" autoComplete="one-time-code" required aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
      </Field>
      <button type="submit" className={intent === "disable" ? "secondary" : undefined}>
        {button}
      </button>
    </Form>
  );
}

export default function TwoFactor() {
  const { enabledAt, setup, recoveryLeft, requiredBy, next } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useI18n();
  const tf = t.account.twoFactor;
  const errorFor = (form: Reply["form"]) => (reply?.form === form ? reply.error : undefined);

  if (reply?.recoveryCodes) {
    return (
      <>
        <h1>{tf.heading}</h1>
        {reply.form === "enable" && enabledAt ? (
          <p role="status" className="notice">
            {tf.on(enabledAt)}
          </p>
        ) : null}
        <h2>{tf.recoveryHeading}</h2>
        <p>{tf.recoveryIntro}</p>
        <ul className="recovery-codes" aria-label={tf.recoveryHeading} data-testid="recovery-codes">
          {reply.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link className="button" to={next ?? "/account"}>
            {tf.continue}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{tf.heading}</h1>
      {requiredBy && !enabledAt ? (
        <p role="alert" className="banner-inline">
          {tf.required(requiredBy)}
        </p>
      ) : null}
      <p>{tf.intro}</p>
      {reply?.disabled ? (
        <p role="status" className="notice">
          {tf.turnedOff}
        </p>
      ) : null}
      {enabledAt ? (
        <>
          <p>{tf.on(enabledAt)}</p>
          <p>{tf.recoveryLeft(recoveryLeft)}</p>
          <h2>{tf.regenerate}</h2>
          <p>{tf.regenerateIntro}</p>
          <CodeForm intent="regenerate" label={tf.code} button={tf.regenerate} error={errorFor("regenerate")} />
          <h2>{tf.offHeading}</h2>
          <CodeForm intent="disable" label={tf.codeOrRecovery} button={tf.turnOff} error={errorFor("disable")} withPassword />
        </>
      ) : setup ? (
        <>
          <p>{tf.off}</p>
          <h2>{tf.start}</h2>
          <p>{tf.scan}</p>
          {/* uqr's SVG of our own otpauth:// address: nothing from a person goes into it. */}
          <div className="qr" role="img" aria-label={tf.qr} dangerouslySetInnerHTML={{ __html: setup.qr }} />
          <p>
            {tf.key}: <code className="copy" data-testid="totp-key">{setup.key}</code>
          </p>
          <CodeForm intent="enable" label={tf.code} button={tf.turnOn} error={errorFor("enable")} />
        </>
      ) : null}
    </>
  );
}
