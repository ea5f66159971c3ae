import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getAccount } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { localeOf } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.account.page.heading);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = await getAccount(user.id);
  const locale = await localeOf(request);
  const when = (date: Date | null) => date && `${formatDateTime(date, "UTC", locale)} UTC`;
  return { email: account.email, name: account.name, emailVerifiedAt: when(account.emailVerifiedAt), twoFactorSince: when(account.totpEnabledAt) };
}

export default function AccountOverview() {
  const { email, name, emailVerifiedAt, twoFactorSince } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t.account.page.heading}</h1>
      <p>
        <strong>{name}</strong>
      </p>
      <p>
        {t.account.page.email(email)} <span className="muted">({emailVerifiedAt ? t.account.page.confirmed(emailVerifiedAt) : t.account.page.notConfirmed})</span>
      </p>
      <p>
        <Link to="/account/two-factor">{twoFactorSince ? t.account.twoFactor.on(twoFactorSince) : t.account.twoFactor.off}</Link>
      </p>
      <p>
        <Link to="/workspaces">{t.account.page.back}</Link>
      </p>
    </>
  );
}
