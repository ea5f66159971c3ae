// Answers a request for stored media bytes: streamed from storage, with the type read on
// upload (never guessed from a name) and no sniffing by the browser.
import { createReadableStreamFromReadable } from "@remix-run/node";
import { mediaStorage } from "./media-storage.server";

type Stored = { storageKey: string; thumbnailKey: string | null; mimeType: string; fileName: string; sha256: string };

export async function serveMedia(media: Stored, variant: "original" | "thumbnail", cacheControl: string): Promise<Response> {
  const key = variant === "thumbnail" && media.thumbnailKey ? media.thumbnailKey : media.storageKey;
  const object = await mediaStorage().read(key);
  if (!object) throw Response.json({ message: "The file of this item is missing from storage." }, { status: 404 });
  const type = key === media.thumbnailKey ? "image/jpeg" : media.mimeType;
  return new Response(createReadableStreamFromReadable(object.body), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(object.byteSize),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(media.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cacheControl,
      ETag: `"${media.sha256.slice(0, 32)}${key === media.thumbnailKey ? "-t" : ""}"`,
    },
  });
}
