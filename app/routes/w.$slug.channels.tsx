import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { can } from "~/domain/permissions";
import { networkKinds } from "~/domain/networks";
import { createChannelSchema } from "~/domain/workspace-schemas";
import { createChannel, listChannels } from "~/models/channel.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "channel:read");
  return { channels: await listChannels(workspace.id), canManage: can(role, "channel:manage") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const submission = parseWithZod(await request.formData(), { schema: createChannelSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["token"] }), { status: 400 });
  await createChannel(workspace.id, user.id, submission.value);
  return submission.reply({ resetForm: true });
}

export default function Channels() {
  const { channels, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(createChannelSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createChannelSchema }),
  });
  const { key: _networkKey, ...networkProps } = getSelectProps(fields.network);
  const { t } = useI18n();
  return (
    <main className="page">
      <h1>{t.channels.heading}</h1>
      {channels.length ? (
        <table>
          <thead>
            <tr>
              <th>{t.channels.name}</th>
              <th>{t.channels.network}</th>
              <th>{t.channels.status}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id}>
                <td>{channel.name}</td>
                <td>{channel.network}</td>
                <td>
                  {channel.enabled ? t.channels.enabled : t.channels.disabled}
                  {channel.hasCredentials ? "" : ` · ${t.channels.noCredentials}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t.channels.none}</p>
      )}
      {canManage ? (
        <>
          <h2>{t.channels.connect}</h2>
          <Form method="post" className="stack" style={{ maxWidth: "28rem" }} {...getFormProps(form)}>
            <Field label={t.channels.network} errors={fields.network.errors} errorId={fields.network.errorId}>
              <select {...networkProps}>
                {networkKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t.channels.displayName} errors={fields.name.errors} errorId={fields.name.errorId}>
              <input {...getInputProps(fields.name, { type: "text" })} />
            </Field>
            <Field label={t.channels.token} errors={fields.token.errors} errorId={fields.token.errorId}>
              <input {...getInputProps(fields.token, { type: "password" })} autoComplete="off" />
            </Field>
            <FormErrors errors={form.errors} id={form.errorId} />
            <button type="submit">{t.channels.connectButton}</button>
          </Form>
        </>
      ) : null}
    </main>
  );
}
