// The import page's upload with a progress bar: the same answer as the page's form, as JSON.
import type { ActionFunctionArgs } from "@remix-run/node";
import { answerImport } from "~/models/import-request.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  const { body, status } = await answerImport(request, workspace, { kind: "member", id: user.id, role });
  return Response.json(body, { status });
}
