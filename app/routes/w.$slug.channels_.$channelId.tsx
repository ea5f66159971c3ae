// One channel's management: rename, reconnect, disconnect (revoking the sign-in at the
// network where it has an endpoint), delete — each saying first what happens to its posts.
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { deleteSession } from "~/channels/bluesky/session.server";
import { type Grant, isOAuthNetwork, isSetUp, revokeGrant } from "~/channels/oauth.server";
import { newWebhookSecret } from "~/channels/webhook/secret.server";
import { SecretOnce } from "~/components/secret-once";
import { NetworkLabel } from "~/components/network-icon";
import { singleLineText } from "~/domain/text-input";
import { useI18n } from "~/i18n/use-i18n";
import { channelForManagement, deleteChannel, disconnectChannel, renameChannel, replaceWebhookSecret } from "~/models/channel.server";
import { decrypt } from "~/utils/encryption.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";

// The answer that shows a new secret is not cached.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "channel:manage");
  const channel = await channelForManagement(workspace.id, params.channelId ?? "");
  if (!channel) notFound("The channel");
  return { slug: workspace.slug, channel, canReconnect: isOAuthNetwork(channel.network) && isSetUp(channel.network) };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), name: singleLineText({ max: 100, required: "Enter a display name" }) }),
  z.object({ intent: z.literal("disconnect") }),
  z.object({ intent: z.literal("rotate-secret") }),
  z.object({ intent: z.literal("delete"), confirm: z.literal("yes", { error: "confirm" }).optional() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const id = params.channelId ?? "";
  const form = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ done: null, error: "invalid" as const }, { status: 400 });
  if (form.data.intent === "rotate-secret") {
    // Shown once, in this answer only.
    const secret = newWebhookSecret();
    if (!(await replaceWebhookSecret(workspace.id, user.id, id, { secret }))) notFound("The channel");
    return data({ done: "rotated" as const, error: null, secret }, { headers: { "cache-control": "no-store" } });
  }
  if (form.data.intent === "rename") {
    if (!(await renameChannel(workspace.id, user.id, id, form.data.name))) notFound("The channel");
    return { done: "renamed" as const, error: null };
  }
  if (form.data.intent === "disconnect") {
    const forgotten = await disconnectChannel(workspace.id, user.id, id);
    if (!forgotten) notFound("The channel");
    if (forgotten.credentials && isOAuthNetwork(forgotten.network)) {
      const settings = forgotten.settings as { instanceUrl?: string };
      // Best effort: the channel is disconnected in Rytm whether or not the network answers.
      await revokeGrant(forgotten.network, settings.instanceUrl ?? null, JSON.parse(decrypt(forgotten.credentials)) as Grant).catch(() => false);
    }
    const session = forgotten.credentials && forgotten.network === "bluesky" ? (JSON.parse(decrypt(forgotten.credentials)) as Record<string, string>) : null;
    // A session Rytm signed in ends at the PDS too (a pasted password has none to end).
    if (session?.refreshToken) await deleteSession(String((forgotten.settings as { service?: string }).service), session.refreshToken);
    return { done: "disconnected" as const, error: null };
  }
  if (form.data.confirm !== "yes") return data({ done: null, error: "confirm" as const }, { status: 400 });
  if (!(await deleteChannel(workspace.id, user.id, id))) notFound("The channel");
  return redirect(`/w/${workspace.slug}/channels`);
}

export default function ManageChannel() {
  const { slug, channel, canReconnect } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const m = t.channels.manage;
  return (
    <main className="page stack" style={{ maxWidth: "36rem" }}>
      <h1>{m.heading(channel.name)}</h1>
      <p>
        <NetworkLabel network={channel.network} />
        {channel.needsReconnect ? <strong className="danger"> · {t.channels.signIn.needsReconnect}</strong> : null}
      </p>
      <p>{m.planned(channel.planned, channel.published)}</p>
      {result?.done && result.done !== "rotated" ? <p role="status">{result.done === "renamed" ? m.renamed : m.disconnected}</p> : null}
      {result?.error === "confirm" ? <p role="alert" className="danger">{m.confirmFirst}</p> : null}

      <Form method="post" className="cluster">
        <input type="hidden" name="intent" value="rename" />
        <input type="text" name="name" defaultValue={channel.name} maxLength={100} required aria-label={t.channels.displayName} />
        <button type="submit">{m.rename}</button>
      </Form>

      {channel.network === "bluesky" ? (
        <div className="stack">
          <p className="muted">{m.reconnectHelp}</p>
          <Link to={`/w/${slug}/channels/bluesky?channel=${channel.id}`}>{t.channels.signIn.reconnect}</Link>
        </div>
      ) : null}

      {channel.network === "webhook" ? (
        <Form method="post" className="stack">
          <h2>{t.signIn.webhook.rotateHeading}</h2>
          <p className="muted">{t.signIn.webhook.rotateHelp}</p>
          {result && "secret" in result && result.secret ? (
            <>
              <p role="status">{t.signIn.webhook.rotated}</p>
              <SecretOnce secret={result.secret} />
            </>
          ) : null}
          <input type="hidden" name="intent" value="rotate-secret" />
          <button type="submit">{t.signIn.webhook.rotate}</button>
        </Form>
      ) : null}

      {canReconnect ? (
        <Form method="post" action={`/w/${slug}/channels/connect/${channel.network}`} className="stack">
          <p className="muted">{m.reconnectHelp}</p>
          <input type="hidden" name="channelId" value={channel.id} />
          {channel.instanceUrl ? <input type="hidden" name="instanceUrl" value={channel.instanceUrl} /> : null}
          <button type="submit">{t.channels.signIn.reconnect}</button>
        </Form>
      ) : null}

      {channel.connected ? (
        <Form method="post" className="stack">
          <h2>{m.disconnectHeading}</h2>
          <p className="muted">{m.disconnectHelp(channel.planned)}</p>
          <input type="hidden" name="intent" value="disconnect" />
          <button type="submit">{m.disconnect}</button>
        </Form>
      ) : null}

      <Form method="post" className="stack">
        <h2>{m.deleteHeading}</h2>
        <p className="muted">{m.deleteHelp(channel.planned, channel.published)}</p>
        <input type="hidden" name="intent" value="delete" />
        <label>
          <input type="checkbox" name="confirm" value="yes" /> {m.confirm}
        </label>
        <button type="submit" className="danger">
          {m.delete}
        </button>
      </Form>
      <Link to={`/w/${slug}/channels`}>{t.channels.pick.back}</Link>
    </main>
  );
}
