import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { connectFields } from "~/channels/connect-fields";
import { connectChannelFields, connectChannelSchema, requiredSettings, secretFieldNames } from "~/channels/connect-form";
import { type NetworkKind, networkKinds, networkModules } from "~/channels/networks";
import { Field, FormErrors } from "~/components/field";
import { NetworkLabel } from "~/components/network-icon";
import { can } from "~/domain/permissions";
import { createChannel, listChannels } from "~/models/channel.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "channel:read");
  return { channels: await listChannels(workspace.id), canManage: can(role, "channel:manage") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const submission = parseWithZod(await request.formData(), { schema: connectChannelSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: secretFieldNames }), { status: 400 });
  await createChannel(workspace.id, user.id, submission.value);
  return submission.reply({ resetForm: true });
}

const isKind = (value: unknown): value is NetworkKind => (networkKinds as readonly unknown[]).includes(value);

export default function Channels() {
  const { channels, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    // After a channel is connected the form starts again from the first network, not a blank choice.
    defaultValue: { network: networkKinds[0] },
    constraint: getZodConstraint(connectChannelFields),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: connectChannelSchema }),
  });
  const { key: _networkKey, ...networkProps } = getSelectProps(fields.network);
  // The form asks for what the chosen network's module needs.
  const network = isKind(fields.network.value) ? fields.network.value : networkKinds[0];
  const required = requiredSettings(networkModules[network]);
  const { t, locale } = useI18n();
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
            {channels.map((channel) => {
              const { publishing } = networkModules[channel.network];
              return (
                <tr key={channel.id}>
                  <td>{channel.name}</td>
                  <td>
                    <NetworkLabel network={channel.network} />
                  </td>
                  <td>
                    {channel.enabled ? t.channels.enabled : t.channels.disabled}
                    {channel.hasCredentials ? "" : ` · ${t.channels.noCredentials}`}
                    {publishing.available ? null : <span className="muted"> · {publishing.reason[locale]}</span>}
                  </td>
                </tr>
              );
            })}
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
                    {networkModules[kind].name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t.channels.displayName} errors={fields.name.errors} errorId={fields.name.errorId}>
              <input {...getInputProps(fields.name, { type: "text" })} />
            </Field>
            {networkModules[network].connection.fields.map((name) => {
              const { key: _key, ...props } = getInputProps(fields[name], { type: connectFields[name].input });
              return (
                <Field key={`${network}-${name}`} label={t.channels.fields[name]} errors={fields[name].errors} errorId={fields[name].errorId}>
                  <input {...props} required={required.includes(name)} autoComplete="off" />
                </Field>
              );
            })}
            <p className="muted">{t.channels.credentialsLater}</p>
            <FormErrors errors={form.errors} id={form.errorId} />
            <button type="submit">{t.channels.connectButton}</button>
          </Form>
        </>
      ) : null}
    </main>
  );
}
