import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/field";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { timeZoneNames } from "~/domain/time-zones";
import { updateWorkspaceSchema } from "~/domain/workspace-schemas";
import { updateWorkspace } from "~/models/workspace.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "workspace:update");
  return { workspace, zones: timeZoneNames() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:update");
  const submission = parseWithZod(await request.formData(), { schema: updateWorkspaceSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await updateWorkspace(workspace.id, user.id, submission.value);
  return { result: submission.reply(), saved: true };
}

export default function Settings() {
  const { workspace, zones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(updateWorkspaceSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateWorkspaceSchema }),
    defaultValue: { name: workspace.name, timeZone: workspace.timeZone },
  });
  const { key: _zoneKey, ...zoneProps } = getSelectProps(fields.timeZone);
  return (
    <main className="page">
      <h1>Settings</h1>
      <Form method="post" className="stack" style={{ maxWidth: "28rem" }} {...getFormProps(form)}>
        <Field label="Brand name" errors={fields.name.errors} errorId={fields.name.errorId}>
          <input {...getInputProps(fields.name, { type: "text" })} />
        </Field>
        <Field label="Time zone" errors={fields.timeZone.errors} errorId={fields.timeZone.errorId}>
          <TimeZoneSelect zones={zones} {...zoneProps} />
        </Field>
        <FormErrors errors={form.errors} id={form.errorId} />
        <button type="submit">Save</button>
        {actionData?.saved ? <p role="status">Saved.</p> : null}
      </Form>
    </main>
  );
}
