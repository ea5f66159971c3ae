// Remix behind Express, as @remix-run/express does it, except that the body is the one the
// request gate already read and checked (a request's stream can be read only once), and
// the load context carries the response's CSP nonce.
import { type ServerBuild, createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";

function remixRequest(req: ExpressRequest, res: ExpressResponse): Request | null {
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${req.get("host")}${req.originalUrl}`);
  } catch {
    return null;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  // Loaders and actions stop when the client goes away before the answer is written.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    // A Buffer is a Uint8Array, a body fetch accepts; the DOM typings do not say so.
    init.body = (res.locals.body as BodyInit | undefined) ?? createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixHandler(build: ServerBuild | (() => Promise<ServerBuild>), mode: string): RequestHandler {
  const handleRequest = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = remixRequest(req, res);
      if (!request) return void res.status(400).type("text/plain").send("The Host header is not a valid host.\n");
      await sendResponse(res, await handleRequest(request, { clientAddress: req.ip ?? "unknown", cspNonce: res.locals.cspNonce }));
    } catch (error) {
      next(error);
    }
  };
}
