// The upload of one file into the workspace's media library, streamed to storage
// (app/utils/media-upload.server.ts); the editor and the library page send one request per
// file, so that each file has its own progress bar. Answers JSON: the new item, or why not.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveUpload } from "~/utils/media-upload.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "post:write");
  const { body, status } = await receiveUpload(request, workspace.id, user.id);
  return Response.json(body, { status });
}
