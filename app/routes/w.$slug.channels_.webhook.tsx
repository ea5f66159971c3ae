// A webhook channel: a name and the endpoint's address; Rytm makes the signing secret and
// shows it once, in the answer to this form (not cached, never again).
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { settingFields } from "~/channels/connect-fields";
import { newWebhookSecret } from "~/channels/webhook/secret.server";
import { FormErrors } from "~/components/field";
import { SecretOnce } from "~/components/secret-once";
import { singleLineText } from "~/domain/text-input";
import { useI18n } from "~/i18n/use-i18n";
import { createChannel } from "~/models/channel.server";
import { requireWorkspace } from "~/utils/permissions.server";

// The answer that shows a new secret is not cached.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "channel:manage");
  return { slug: workspace.slug };
}

const formSchema = z.object({ name: singleLineText({ max: 100, required: "Enter a display name" }), url: settingFields.url });

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "channel:manage");
  const form = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ created: null, errors: form.error.issues.map((issue) => issue.message) }, { status: 400 });
  const secret = newWebhookSecret();
  await createChannel(workspace.id, user.id, { network: "webhook", name: form.data.name, settings: { url: form.data.url }, credentials: { secret } });
  return data({ created: { name: form.data.name, secret }, errors: [] }, { headers: { "cache-control": "no-store" } });
}

export default function AddWebhook() {
  const { slug } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const w = t.signIn.webhook;
  return (
    <main className="page stack" style={{ maxWidth: "40rem" }}>
      <h1>{w.heading}</h1>
      {result?.created ? (
        <>
          <p role="status">{w.created(result.created.name)}</p>
          <SecretOnce secret={result.created.secret} />
        </>
      ) : (
        <>
          <p className="muted">{w.intro}</p>
          <Form method="post" className="stack" style={{ maxWidth: "28rem" }}>
            <label>
              {t.channels.displayName}
              <input type="text" name="name" required maxLength={100} autoComplete="off" />
            </label>
            <label>
              {w.url}
              <input type="url" name="url" required maxLength={2000} autoComplete="off" placeholder="https://" />
            </label>
            <FormErrors errors={result?.errors} id="webhook-errors" />
            <button type="submit">{w.submit}</button>
          </Form>
        </>
      )}
      <Link to={`/w/${slug}/channels`}>{t.channels.pick.back}</Link>
    </main>
  );
}
