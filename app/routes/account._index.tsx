import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getAccount } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.page.heading);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = await getAccount(user.id);
  return { email: account.email, name: account.name, emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null, twoFactorSince: account.totpEnabledAt?.toISOString() ?? null };
}

export default function AccountOverview() {
  const { email, name, emailVerifiedAt, twoFactorSince } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const when = (iso: string) => `${formatDateTime(iso, "UTC", locale)} UTC`;
  return (
    <>
      <h1>{t.account.page.heading}</h1>
      <p>
        <strong>{name}</strong>
      </p>
      <p>
        {t.account.page.email(email)} <span className="muted">({emailVerifiedAt ? t.account.page.confirmed(when(emailVerifiedAt)) : t.account.page.notConfirmed})</span>
      </p>
      <p>
        <Link to="/account/two-factor">{twoFactorSince ? t.account.twoFactor.on(when(twoFactorSince)) : t.account.twoFactor.off}</Link>
      </p>
      <p>
        <Link to="/workspaces">{t.account.page.back}</Link>
      </p>
    </>
  );
}
