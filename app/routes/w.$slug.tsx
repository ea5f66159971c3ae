import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useNavigate } from "@remix-run/react";
import { can } from "~/domain/permissions";
import { LanguageForm } from "~/components/locale-select";
import { useI18n } from "~/i18n/use-i18n";
import { NotificationBell } from "~/components/notification-bell";
import { markPostRead, unreadCount } from "~/models/notifications.server";
import { listWorkspacesOf } from "~/models/workspace.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { getCookieSession, sessionStorage } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.workspace.name} · Rytm` : "Rytm" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, workspace } = await requireWorkspace(request, params.slug, "workspace:read");
  // Opening a post reads this person's notices about it — before the bell counts them.
  if (params.postId) await markPostRead(user.id, params.postId);
  const [memberships, unread] = await Promise.all([listWorkspacesOf(user.id), unreadCount(user.id)]);
  const cookie = await getCookieSession(request);
  const headers = new Headers();
  if (cookie.get("lastWorkspace") !== workspace.slug) {
    cookie.set("lastWorkspace", workspace.slug);
    headers.set("Set-Cookie", await sessionStorage().commitSession(cookie));
  }
  return data(
    {
      user: { name: user.name },
      role,
      workspace: { slug: workspace.slug, name: workspace.name, pausedAt: workspace.pausedAt, pauseReason: workspace.pauseReason },
      others: memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name })),
      canApprove: can(role, "post:approve"),
      canWrite: can(role, "post:write"),
      canUpdate: can(role, "workspace:update"),
      unread,
    },
    { headers },
  );
}

export default function WorkspaceLayout() {
  const { user, role, workspace, others, canApprove, canWrite, canUpdate, unread } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const base = `/w/${workspace.slug}`;
  const links = (
    <>
      <NavLink to={base} end>
        {t.nav.plan}
      </NavLink>
      {canApprove ? <NavLink to={`${base}/review`}>{t.nav.review}</NavLink> : null}
      {canApprove || canWrite ? <NavLink to={`${base}/expired`}>{t.notifications.expired.nav}</NavLink> : null}
      <NavLink to={`${base}/media`}>{t.media.nav}</NavLink>
      <NavLink to={`${base}/channels`}>{t.nav.channels}</NavLink>
      <NavLink to={`${base}/members`}>{t.nav.members}</NavLink>
      <NavLink to={`${base}/pause`}>{workspace.pausedAt ? t.nav.paused : t.nav.pause}</NavLink>
      {canWrite ? <NavLink to={`${base}/transfer`}>{t.nav.importExport}</NavLink> : null}
      {canUpdate ? <NavLink to={`${base}/share`}>{t.nav.share}</NavLink> : null}
      {canUpdate ? <NavLink to={`${base}/settings`}>{t.nav.settings}</NavLink> : null}
    </>
  );
  return (
    <>
      <a className="skip-link" href="#main">
        {t.nav.skip}
      </a>
      <header className="topbar">
        <a className="brand" href="/workspaces">
          Rytm
        </a>
        <label className="inline">
          <span className="visually-hidden">{t.nav.switchWorkspace}</span>
          <select aria-label={t.nav.switchWorkspace} value={workspace.slug} onChange={(event) => navigate(`/w/${event.currentTarget.value}`)}>
            {others.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        {/* On a wide screen the links sit in the bar; on a phone they fold behind one button (CSS decides which shows). */}
        <nav aria-label={t.nav.workspaceNav} className="nav-wide">
          {links}
        </nav>
        <details className="nav-menu">
          <summary>{t.nav.menu}</summary>
          <nav aria-label={t.nav.workspaceNav}>{links}</nav>
        </details>
        <span className="spacer" />
        <NotificationBell unread={unread} />
        {/* On a phone: shown with the menu. */}
        <div className="topbar-account">
          <Link to="/calendar">{t.allBrands.nav}</Link>
          <LanguageForm />
          <span className="muted">
            {user.name} · {t.roles[role]}
          </span>
          <Link to="/account">{t.account.page.menu}</Link>
          <Form method="post" action="/logout">
            <button type="submit" className="secondary">
              {t.nav.signOut}
            </button>
          </Form>
        </div>
      </header>
      {workspace.pausedAt ? (
        <div className="banner" role="status">
          {t.banner.paused(workspace.name, workspace.pauseReason)} <Link to={`${base}/pause`}>{t.banner.manage}</Link>
        </div>
      ) : null}
      <div id="main">
        <Outlet />
      </div>
    </>
  );
}
