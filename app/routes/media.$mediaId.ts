// Media for networks that fetch it by URL (Instagram, Threads, Facebook): no session, the
// signed, expiring address is the permission (app/utils/media-url.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findStoredMediaById } from "~/models/media.server";
import { serveMedia } from "~/utils/media-serve.server";
import { verifyMediaSignature } from "~/utils/media-url.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const id = params.mediaId ?? "";
  // One answer for a bad, an expired and an unknown address: none tells what exists.
  const refused = () => Response.json({ message: "This media address is not valid or has expired." }, { status: 403 });
  if (!verifyMediaSignature(id, url.searchParams.get("expires"), url.searchParams.get("signature"))) return refused();
  const media = await findStoredMediaById(id);
  if (!media) return refused();
  return serveMedia(media, "original", "private, max-age=300");
}
