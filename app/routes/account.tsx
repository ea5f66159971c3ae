// The person's own account: a layout with the account pages' menu.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import { requireUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name };
}

export default function AccountLayout() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t.nav.skip}
      </a>
      <header className="topbar">
        <a className="brand" href="/workspaces">
          Rytm
        </a>
        <nav aria-label={t.account.page.sections}>
          <NavLink to="/account" end>
            {t.account.page.overview}
          </NavLink>
          <NavLink to="/account/password">{t.account.password.heading}</NavLink>
          <NavLink to="/account/two-factor">{t.account.twoFactor.heading}</NavLink>
          <NavLink to="/account/sessions">{t.account.sessions.heading}</NavLink>
          <NavLink to="/account/notifications">{t.notifications.settings.menu}</NavLink>
        </nav>
        <span className="spacer" />
        <span className="muted">{name}</span>
        <Form method="post" action="/logout">
          <button type="submit" className="secondary">
            {t.nav.signOut}
          </button>
        </Form>
      </header>
      <main className="page account" id="main">
        <Outlet />
      </main>
    </>
  );
}
