import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { roles } from "~/domain/permissions";
import { inviteSchema, memberActionSchema } from "~/domain/workspace-schemas";
import {
  MemberRuleError,
  changeRole,
  inviteMember,
  listMembers,
  listOpenInvitations,
  removeMember,
  revokeInvitation,
} from "~/models/member.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";
import { publicOrigin } from "~/utils/secret-token.server";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspace(request, params.slug, "member:read");
  const isOwner = role === "OWNER";
  const [members, invitations] = await Promise.all([
    listMembers(workspace.id),
    isOwner ? listOpenInvitations(workspace.id) : Promise.resolve([]),
  ]);
  return { workspace, members, invitations, isOwner, userId: user.id };
}

const invitationUrl = (request: Request, token: string) => `${publicOrigin(request)}/invitations/${token}`;

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "member:manage");
  const submission = parseWithZod(await request.formData(), { schema: memberActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), invitationUrl: null }, { status: 400 });
  const input = submission.value;
  try {
    switch (input.intent) {
      case "invite": {
        const token = await inviteMember(workspace.id, user.id, input);
        return { result: submission.reply({ resetForm: true }), invitationUrl: invitationUrl(request, token) };
      }
      case "change-role":
        if (!(await changeRole(workspace.id, user.id, input.membershipId, input.role))) notFound("This member");
        break;
      case "remove":
        if (!(await removeMember(workspace.id, user.id, input.membershipId))) notFound("This member");
        break;
      case "revoke-invitation":
        if (!(await revokeInvitation(workspace.id, user.id, input.invitationId))) notFound("This invitation");
        break;
    }
  } catch (error) {
    if (error instanceof MemberRuleError) {
      return data({ result: submission.reply({ formErrors: [error.message] }), invitationUrl: null }, { status: 409 });
    }
    throw error;
  }
  return { result: submission.reply(), invitationUrl: null };
}

export default function Members() {
  const { members, invitations, isOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(inviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberActionSchema }),
    defaultValue: { role: "EDITOR" },
  });
  const { key: _roleKey, ...roleProps } = getSelectProps(fields.role);
  return (
    <main className="page">
      <h1>{t.members.heading}</h1>
      <FormErrors errors={form.errors} id={form.errorId} />
      <table>
        <thead>
          <tr>
            <th>{t.members.name}</th>
            <th>{t.auth.email}</th>
            <th>{t.members.role}</th>
            {isOwner ? <th>{t.members.actions}</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.user.name}</td>
              <td>{member.user.email}</td>
              <td>
                {isOwner ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <select name="role" defaultValue={member.role} aria-label={t.members.roleOf(member.user.name)}>
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t.roles[role]}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="secondary">
                      {t.members.change}
                    </button>
                  </Form>
                ) : (
                  t.roles[member.role]
                )}
              </td>
              {isOwner ? (
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <button type="submit" className="secondary" aria-label={t.members.removeWho(member.user.name)}>
                      {t.members.remove}
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>

      {isOwner ? (
        <>
          <h2>{t.members.invite}</h2>
          <Form method="post" className="stack" style={{ maxWidth: "28rem" }} aria-label={t.members.invite} {...getFormProps(form)}>
            <input type="hidden" name="intent" value="invite" />
            <Field label={t.auth.email} errors={fields.email.errors} errorId={fields.email.errorId}>
              <input {...getInputProps(fields.email, { type: "email" })} />
            </Field>
            <Field label={t.members.role} errors={fields.role.errors} errorId={fields.role.errorId}>
              <select {...roleProps}>
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {t.roles[role]}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit">{t.members.createInvitation}</button>
          </Form>
          {actionData?.invitationUrl ? (
            <div role="status">
              <p>{t.members.sendLink}</p>
              <p className="copy" data-testid="invitation-url">
                {actionData.invitationUrl}
              </p>
            </div>
          ) : null}
          {invitations.length ? (
            <>
              <h2>{t.members.openInvitations}</h2>
              <ul>
                {invitations.map((invitation) => (
                  <li key={invitation.id}>
                    {t.members.invitedAs(invitation.email, t.roles[invitation.role])}
                    <Form method="post" className="inline" style={{ marginLeft: "0.5rem" }}>
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className="link">
                        {t.members.revoke}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
