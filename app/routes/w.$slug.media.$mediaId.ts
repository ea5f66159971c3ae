// One media item's bytes for the workspace's members (`?size=thumbnail` for the preview).
// Another workspace's item answers 404, like one that does not exist.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordIdSchema } from "~/domain/text-input";
import { findStoredMedia } from "~/models/media.server";
import { serveMedia } from "~/utils/media-serve.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:read");
  const id = recordIdSchema("Which item?").safeParse(params.mediaId);
  const media = id.success ? await findStoredMedia(workspace.id, id.data) : null;
  if (!media) notFound("This media item");
  const size = new URL(request.url).searchParams.get("size");
  // Private: a shared cache must not hand one member's answer to someone else.
  return serveMedia(media, size === "thumbnail" ? "thumbnail" : "original", "private, max-age=3600");
}
