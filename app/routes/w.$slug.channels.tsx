import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { connectFields } from "~/channels/connect-fields";
import { connectChannelFields, connectChannelSchema, requiredSettings, secretFieldNames } from "~/channels/connect-form";
import { type NetworkKind, networkKinds, networkModules } from "~/channels/networks";
import { type OAuthNetwork, isSetUp, oauthNetworks } from "~/channels/oauth.server";
import { Field, FormErrors } from "~/components/field";
import { NetworkIcon, NetworkLabel } from "~/components/network-icon";
import { can } from "~/domain/permissions";
import { createChannel, listChannels } from "~/models/channel.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "channel:read");
  // Each network that connects by signing in, and whether this server has its app.
  const signIn = (Object.keys(oauthNetworks) as OAuthNetwork[]).map((network) => ({ network, ready: isSetUp(network) }));
  const failed = connectFailure.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return { channels: await listChannels(workspace.id), canManage: can(role, "channel:manage"), signIn, failed: failed.success ? failed.data : null };
}

const connectFailure = z.object({ failed: z.enum(["not-set-up", "instance", "state", "denied", "refused", "unreachable"]), network: z.enum(Object.keys(oauthNetworks) as [OAuthNetwork, ...OAuthNetwork[]]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const submission = parseWithZod(await request.formData(), { schema: connectChannelSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: secretFieldNames }), { status: 400 });
  await createChannel(workspace.id, user.id, submission.value);
  return submission.reply({ resetForm: true });
}

const isKind = (value: unknown): value is NetworkKind => (networkKinds as readonly unknown[]).includes(value);

export default function Channels() {
  const { channels, canManage, signIn, failed } = useLoaderData<typeof loader>();
  const { slug } = useParams();
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
                  <td>{canManage ? <Link to={`/w/${slug}/channels/${channel.id}`} aria-label={`${t.channels.manage.link}: ${channel.name}`}>{channel.name}</Link> : channel.name}</td>
                  <td>
                    <NetworkLabel network={channel.network} />
                  </td>
                  <td>
                    {channel.needsReconnect ? <strong className="danger">{t.channels.signIn.needsReconnect} · </strong> : null}
                    {channel.enabled ? t.channels.enabled : t.channels.disabled}
                    {channel.hasCredentials ? "" : ` · ${t.channels.noCredentials}`}
                    {publishing.available ? null : <span className="muted"> · {publishing.reason[locale]}</span>}
                    {canManage && channel.needsReconnect && channel.network === "bluesky" ? (
                      <>
                        {" "}
                        <Link to={`/w/${slug}/channels/bluesky?channel=${channel.id}`} aria-label={`${t.channels.signIn.reconnect}: ${channel.name}`}>
                          {t.channels.signIn.reconnect}
                        </Link>
                      </>
                    ) : null}
                    {canManage && channel.needsReconnect && signIn.some((s) => s.network === channel.network && s.ready) ? (
                      <Form method="post" action={`/w/${slug}/channels/connect/${channel.network}`} style={{ display: "inline" }}>
                        <input type="hidden" name="channelId" value={channel.id} />
                        {channel.instanceUrl ? <input type="hidden" name="instanceUrl" value={channel.instanceUrl} /> : null}{" "}
                        <button type="submit" aria-label={`${t.channels.signIn.reconnect}: ${channel.name}`}>
                          {t.channels.signIn.reconnect}
                        </button>
                      </Form>
                    ) : null}
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
          <h2>{t.channels.signIn.heading}</h2>
          <p className="muted">{t.channels.signIn.intro}</p>
          {failed ? (
            <p role="alert" className="danger">
              {(() => {
                const message = t.channels.connectError[failed.failed];
                return typeof message === "function" ? message(networkModules[failed.network].name) : message;
              })()}
            </p>
          ) : null}
          <ul className="stack" style={{ listStyle: "none", padding: 0, maxWidth: "28rem" }}>
            {signIn.map(({ network, ready }) => (
              <li key={network}>
                {ready ? (
                  <Form method="post" action={`/w/${slug}/channels/connect/${network}`} className="cluster">
                    {network === "mastodon" ? (
                      <input type="url" name="instanceUrl" required placeholder="https://mastodon.social" aria-label={t.channels.signIn.instance} />
                    ) : null}
                    <button type="submit">
                      <NetworkIcon network={network} /> {t.channels.signIn.with(networkModules[network].name)}
                    </button>
                  </Form>
                ) : (
                  <span>
                    <NetworkLabel network={network} /> <span className="muted">{t.channels.signIn.notSetUp}</span>
                  </span>
                )}
              </li>
            ))}
            <li>
              <Link to={`/w/${slug}/channels/bluesky`}>
                <NetworkIcon network="bluesky" /> {t.signIn.bluesky.link}
              </Link>
            </li>
            <li>
              <Link to={`/w/${slug}/channels/webhook`}>
                <NetworkIcon network="webhook" /> {t.signIn.webhook.link}
              </Link>
            </li>
          </ul>
          <h2>{t.channels.signIn.manualHeading}</h2>
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
