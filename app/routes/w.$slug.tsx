import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useNavigate } from "@remix-run/react";
import { can } from "~/domain/permissions";
import { listWorkspacesOf } from "~/models/workspace.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { getCookieSession, sessionStorage } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.workspace.name} · Rytm` : "Rytm" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, workspace } = await requireWorkspace(request, params.slug, "workspace:read");
  const memberships = await listWorkspacesOf(user.id);
  const cookie = await getCookieSession(request);
  const headers = new Headers();
  if (cookie.get("lastWorkspace") !== workspace.slug) {
    cookie.set("lastWorkspace", workspace.slug);
    headers.set("Set-Cookie", await sessionStorage().commitSession(cookie));
  }
  return data(
    {
      user,
      role,
      workspace,
      others: memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name })),
      canManageMembers: can(role, "member:manage"),
      canUpdate: can(role, "workspace:update"),
    },
    { headers },
  );
}

export default function WorkspaceLayout() {
  const { user, role, workspace, others, canUpdate } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  return (
    <>
      <header className="topbar">
        <a className="brand" href="/workspaces">
          Rytm
        </a>
        <label className="inline">
          <span className="visually-hidden">Workspace</span>
          <select
            aria-label="Switch workspace"
            value={workspace.slug}
            onChange={(event) => navigate(`/w/${event.currentTarget.value}`)}
          >
            {others.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <nav aria-label="Workspace">
          <NavLink to={`/w/${workspace.slug}`} end>
            Plan
          </NavLink>
          <NavLink to={`/w/${workspace.slug}/channels`}>Channels</NavLink>
          <NavLink to={`/w/${workspace.slug}/members`}>Members</NavLink>
          <NavLink to={`/w/${workspace.slug}/pause`}>{workspace.pausedAt ? "Paused" : "Pause"}</NavLink>
          {canUpdate ? <NavLink to={`/w/${workspace.slug}/settings`}>Settings</NavLink> : null}
        </nav>
        <span className="spacer" />
        <span className="muted">
          {user.name} · {role.toLowerCase()}
        </span>
        <Form method="post" action="/logout">
          <button type="submit" className="secondary">
            Sign out
          </button>
        </Form>
      </header>
      {workspace.pausedAt ? (
        <div className="banner" role="status">
          Publishing is paused for {workspace.name}
          {workspace.pauseReason ? `: ${workspace.pauseReason}` : ""}. Nothing goes out until it is resumed.
        </div>
      ) : null}
      <Outlet />
    </>
  );
}
