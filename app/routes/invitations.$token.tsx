import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { acceptInvitation, findInvitation, invitationProblem } from "~/models/member.server";
import { requireUser } from "~/utils/auth.server";
import type { Role } from "~/domain/permissions";
import { useI18n } from "~/i18n/use-i18n";

async function load(request: Request, token: string | undefined) {
  const user = await requireUser(request);
  const invitation = token && token.length <= 100 ? await findInvitation(token) : null;
  return { user, invitation, problem: invitationProblem(invitation, user) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { invitation, problem } = await load(request, params.token);
  if (problem || !invitation) return data({ problem, workspace: null, role: null }, { status: 404 });
  return { problem: null, workspace: invitation.workspace.name, role: invitation.role as Role };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, invitation, problem } = await load(request, params.token);
  if (problem || !invitation) return data({ problem }, { status: 404 });
  if (!(await acceptInvitation(invitation, user.id))) return data({ problem: "This invitation was used already." }, { status: 409 });
  return redirect(`/w/${invitation.workspace.slug}`);
}

export default function AcceptInvitation() {
  const { problem, workspace, role } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <main className="narrow">
      <h1>{t.invitation.heading}</h1>
      {problem ? (
        <p role="alert">{problem}</p>
      ) : (
        <Form method="post" className="stack">
          <p>{t.invitation.invited(workspace!, t.roles[role!])}</p>
          <button type="submit">{t.invitation.join(workspace!)}</button>
        </Form>
      )}
    </main>
  );
}
