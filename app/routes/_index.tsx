import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { listWorkspacesOf } from "~/models/workspace.server";
import { getUser } from "~/utils/auth.server";
import { getCookieSession } from "~/utils/session.server";

// Signed in: straight to the workspace used last (if still a member), else the list.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return redirect("/login");
  const last = (await getCookieSession(request)).get("lastWorkspace");
  const memberships = await listWorkspacesOf(user.id);
  const target = memberships.find((m) => m.workspace.slug === last) ?? (memberships.length === 1 ? memberships[0] : undefined);
  return redirect(target ? `/w/${target.workspace.slug}` : "/workspaces");
}
