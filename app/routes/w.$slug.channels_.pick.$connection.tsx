// After consent: which of the accounts the grant reaches (the member or an organisation
// page on LinkedIn; the one account on X and Mastodon) becomes a channel. Several channels
// of one network may live in one workspace.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { networkModules } from "~/channels/networks";
import { pendingConnection, takeConnection } from "~/channels/oauth.server";
import { NetworkLabel } from "~/components/network-icon";
import { useI18n } from "~/i18n/use-i18n";
import { releaseReconnected, saveConnectedChannel } from "~/models/channel.server";
import { enqueuePublish } from "~/utils/queues.server";
import { currentSessionId } from "~/utils/auth.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "channel:manage");
  const connection = await pendingConnection(params.connection ?? "", (await currentSessionId(request)) ?? "", workspace.id);
  if (!connection) return data({ slug: workspace.slug, connection: null }, { status: 410 });
  return { slug: workspace.slug, connection: { network: connection.network, reconnecting: connection.channelId !== null, accounts: connection.accounts.map(({ id, name }) => ({ id, name })) } };
}

const pickSchema = z.object({ account: z.string().min(1).max(200) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const form = pickSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw Response.json({ message: "Choose an account." }, { status: 400 });
  const picked = await takeConnection(params.connection ?? "", (await currentSessionId(request)) ?? "", workspace.id, form.data.account);
  if (!picked) return data({ slug: workspace.slug, connection: null }, { status: 410 });
  const saved = await saveConnectedChannel(workspace.id, user.id, picked);
  if (!saved) throw Response.json({ message: "That channel was not found in this workspace." }, { status: 404 });
  if (picked.channelId) {
    // Reconnected: what waited for it goes out at its time; what is overdue waits for a person.
    for (const variant of await releaseReconnected(workspace.id, picked.channelId)) await enqueuePublish(variant.id, variant.scheduleVersion, variant.attempts, variant.scheduledAt!, `reconnected-${Date.now()}`);
  }
  return redirect(`/w/${workspace.slug}/channels`);
}

export default function PickAccount() {
  const { slug, connection } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!connection)
    return (
      <main className="page">
        <p role="alert">{t.channels.pick.gone}</p>
        <Link to={`/w/${slug}/channels`}>{t.channels.pick.back}</Link>
      </main>
    );
  return (
    <main className="page">
      <h1>{t.channels.pick.heading(networkModules[connection.network].name)}</h1>
      {connection.reconnecting ? <p>{t.channels.pick.reconnecting}</p> : null}
      {connection.accounts.length === 0 ? <p role="status">{t.channels.pick.none}</p> : null}
      <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
        {connection.accounts.map((account) => (
          <li key={account.id}>
            <Form method="post" className="cluster">
              <input type="hidden" name="account" value={account.id} />
              <NetworkLabel network={connection.network} /> <strong>{account.name}</strong>
              <button type="submit" aria-label={`${t.channels.pick.button}: ${account.name}`}>
                {t.channels.pick.button}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Link to={`/w/${slug}/channels`}>{t.channels.pick.back}</Link>
    </main>
  );
}
