// Signing a Bluesky account in with its handle and an app password (decision 0036): Rytm
// finds the account's PDS, makes a session there and keeps the session (encrypted), not the
// password. With ?channel=<id> it signs that channel in again (reconnecting).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { BlueskySignInError, signInToBluesky } from "~/channels/bluesky/sign-in.server";
import { useI18n } from "~/i18n/use-i18n";
import { channelForManagement, releaseReconnected, saveConnectedChannel } from "~/models/channel.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";
import { enqueuePublish } from "~/utils/queues.server";

const channelParam = z.string().min(1).max(40).optional();

async function channelToReconnect(workspaceId: string, id: string | undefined) {
  if (!id) return null;
  const channel = await channelForManagement(workspaceId, id);
  if (!channel || channel.network !== "bluesky") notFound("The channel");
  return channel;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "channel:manage");
  const id = channelParam.safeParse(new URL(request.url).searchParams.get("channel") ?? undefined);
  const channel = await channelToReconnect(workspace.id, id.success ? id.data : undefined);
  return { slug: workspace.slug, reconnecting: channel ? { id: channel.id, name: channel.name } : null };
}

const formSchema = z.object({
  handle: z.string().trim().min(1).max(253),
  password: z.string().min(1).max(200),
  channelId: channelParam,
});

const statusOf: Record<BlueskySignInError["reason"], number> = { identifier: 400, identity: 422, password: 422, "two-factor": 422, refused: 422, "rate-limited": 429, unreachable: 502 };

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const form = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ failed: "identifier" as const }, { status: 400 });
  const channel = await channelToReconnect(workspace.id, form.data.channelId);
  let signedIn: Awaited<ReturnType<typeof signInToBluesky>>;
  try {
    signedIn = await signInToBluesky(form.data.handle, form.data.password);
  } catch (error) {
    if (error instanceof BlueskySignInError) return data({ failed: error.reason }, { status: statusOf[error.reason] });
    throw error;
  }
  await saveConnectedChannel(workspace.id, user.id, { network: "bluesky", channelId: channel?.id ?? null, ...signedIn });
  if (channel) {
    // Signed in again: what waited for it goes out at its time; what is overdue waits for a person.
    for (const variant of await releaseReconnected(workspace.id, channel.id)) await enqueuePublish(variant.id, variant.scheduleVersion, variant.attempts, variant.scheduledAt!, `reconnected-${Date.now()}`);
  }
  return redirect(`/w/${workspace.slug}/channels`);
}

export default function BlueskySignIn() {
  const { slug, reconnecting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useI18n();
  const b = t.signIn.bluesky;
  return (
    <main className="page stack" style={{ maxWidth: "36rem" }}>
      <h1>{b.heading}</h1>
      {reconnecting ? <p>{b.reconnecting(reconnecting.name)}</p> : null}
      <p>{b.intro}</p>
      <p className="muted">{b.howTo}</p>
      <Form method="post" className="stack" style={{ maxWidth: "28rem" }}>
        {reconnecting ? <input type="hidden" name="channelId" value={reconnecting.id} /> : null}
        <label>
          {b.handle}
          <input type="text" name="handle" required maxLength={253} autoComplete="username" autoCapitalize="none" spellCheck={false} />
        </label>
        <label>
          {b.password}
          <input type="password" name="password" required maxLength={200} autoComplete="off" />
        </label>
        {result?.failed ? (
          <p className="form-error" role="alert">
            {b.failed[result.failed]}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {b.submit}
        </button>
      </Form>
      <Link to={`/w/${slug}/channels`}>{t.channels.pick.back}</Link>
    </main>
  );
}
