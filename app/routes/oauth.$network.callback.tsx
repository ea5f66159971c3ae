// Where a network sends the browser back after consent (the exact redirect URI registered
// with it): the code is exchanged and the person picks which account becomes a channel.
import { type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ConnectError, finishConnection, isOAuthNetwork } from "~/channels/oauth.server";
import { networkModules } from "~/channels/networks";
import { useI18n } from "~/i18n/use-i18n";
import { currentSessionId, requireUser } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const network = params.network;
  if (!isOAuthNetwork(network)) throw Response.json({ message: "No such network." }, { status: 404 });
  const sessionId = await currentSessionId(request);
  try {
    const connection = await finishConnection(network, sessionId ?? "", new URL(request.url).searchParams);
    return redirect(`/w/${connection.slug}/channels/pick/${connection.id}`);
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error;
    return data({ network, reason: error.reason }, { status: error.reason === "unreachable" ? 502 : 400 });
  }
}

export default function ConnectFailed() {
  const { network, reason } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const message = t.channels.connectError[reason];
  return (
    <main className="page">
      <h1>{t.channels.connectError.heading}</h1>
      <p role="alert">{typeof message === "function" ? message(networkModules[network].name) : message}</p>
      <p>
        <Link to="/workspaces">{t.channels.pick.back}</Link>
      </p>
    </main>
  );
}
