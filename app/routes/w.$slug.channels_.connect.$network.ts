// Starts connecting an account (or reconnecting a channel): checks who asks and what,
// then sends the browser to the network's consent page. Mastodon asks for the instance.
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { ConnectError, instanceOrigin, isOAuthNetwork, startConnection } from "~/channels/oauth.server";
import { httpUrlSchema } from "~/domain/http-url";
import { currentSessionId } from "~/utils/auth.server";
import { requireWorkspace } from "~/utils/permissions.server";

const formSchema = z.object({
  instanceUrl: httpUrlSchema("Enter the instance's address, e.g. https://mastodon.social").optional(),
  channelId: z.string().min(1).max(40).optional(),
});

export const loader = () => {
  throw Response.json({ message: "Start connecting from the channels page." }, { status: 405 });
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "channel:manage");
  const network = params.network;
  if (!isOAuthNetwork(network)) throw Response.json({ message: "This network does not connect by signing in." }, { status: 404 });
  const form = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw Response.json({ message: form.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
  if (network === "mastodon" && !form.data.instanceUrl) throw Response.json({ message: "Enter the instance's address, e.g. https://mastodon.social" }, { status: 400 });
  const sessionId = await currentSessionId(request);
  if (!sessionId) throw Response.json({ message: "Sign in again." }, { status: 401 });
  try {
    const instance = network === "mastodon" ? await instanceOrigin(form.data.instanceUrl!) : null;
    const url = await startConnection({ sessionId, workspaceId: workspace.id, slug: workspace.slug, network, instance, channelId: form.data.channelId ?? null });
    return redirect(url);
  } catch (error) {
    if (error instanceof ConnectError) return redirect(`/w/${workspace.slug}/channels?${new URLSearchParams({ failed: error.reason, network })}`);
    throw error;
  }
}
