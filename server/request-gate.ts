// What every request to the app must be before a loader or action sees it, checked in one
// place so that no route can forget it (issue 11, findings 6 and 7):
// - a URL whose path decodes and carries no control character (a NUL reached PostgreSQL
//   as error 22021, a 500);
// - a body only as a form (urlencoded or multipart; anything else is 415), read while it
//   streams in and refused with 413 the moment it passes the route's limit, never buffered
//   whole; a multipart body that does not parse (cut short, no boundary) is 400. A route
//   that streams its body (a media upload) gets it unread: multipart only, its declared
//   size checked here, the rest by the route as the bytes arrive.
// The body, once checked, is handed to Remix from memory (see app.ts).
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { controlCharacter } from "../app/domain/text-input.ts";

const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const formTypes = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

declare module "express-serve-static-core" {
  interface Locals {
    /** The request body, read and checked by the gate; undefined for requests without one. */
    body?: Buffer;
  }
}

/** Why the URL is refused, or null. */
export function urlProblem(originalUrl: string): string | null {
  const queryAt = originalUrl.indexOf("?");
  const path = queryAt === -1 ? originalUrl : originalUrl.slice(0, queryAt);
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The address has a malformed %-escape.";
    }
    if (controlCharacter.test(decoded)) return "The address contains a control character.";
  }
  if (queryAt !== -1) {
    for (const [name, value] of new URLSearchParams(originalUrl.slice(queryAt + 1))) {
      if (controlCharacter.test(name) || controlCharacter.test(value)) return "The query contains a control character.";
    }
  }
  return null;
}

/** The media type without parameters, lower-cased: "multipart/form-data". */
const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]!.trim().toLowerCase();

function refuse(req: ExpressRequest, res: ExpressResponse, status: number, message: string) {
  // JSON for the app's own scripts (the upload with a progress bar reads `error`), text for the rest.
  if (req.accepts(["application/json", "text/html"]) === "application/json") res.status(status).json({ error: message });
  else res.status(status).type("text/plain").send(`${message}\n`);
}

const LINGER_MS = 5_000;

/**
 * Refuses a request whose body is still arriving, without reading the rest of it. The
 * answer says `Connection: close`. Closing the socket right after it, as Node does, resets
 * the connection while unread body bytes wait, and the client's kernel may then drop the
 * answer before the client reads it; so only our side is closed (FIN), the unread body
 * stays unread, and the socket goes when the client hangs up or after LINGER_MS.
 */
function refuseBody(req: ExpressRequest, res: ExpressResponse, status: number, message: string) {
  // Consuming (even paused) keeps Node from reading the rest of the body to drop it.
  req.on("data", () => undefined);
  req.pause();
  const socket = req.socket;
  // Node's server closes a `Connection: close` socket with destroySoon (end, then destroy).
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  res.set("Connection", "close");
  refuse(req, res, status, message);
}

export type GateOptions = {
  /** The most bytes a request body to this path may have. */
  limitFor: (path: string) => number;
  /** Paths whose multipart body is handed on unread, as a stream. */
  streamed?: (path: string) => boolean;
};

export function requestGate({ limitFor, streamed = () => false }: GateOptions): RequestHandler {
  return (req, res, next) => {
    const problem = urlProblem(req.originalUrl);
    if (problem) return refuse(req, res, 400, problem);
    if (!bodyMethods.has(req.method)) return next();

    const declared = req.headers["content-length"] === undefined ? null : Number(req.headers["content-length"]);
    const chunked = req.headers["transfer-encoding"] !== undefined;
    if (declared === 0 && !chunked) {
      // An empty form (a button with no fields) is an empty urlencoded form.
      req.headers["content-type"] ??= "application/x-www-form-urlencoded";
    }
    const type = mediaType(req.headers["content-type"]);
    if (!formTypes.has(type)) return refuseBody(req, res, 415, "Send the form as application/x-www-form-urlencoded or multipart/form-data.");
    const limit = limitFor(req.path);
    const tooLarge = `The request is too large (at most ${(limit / 1024 / 1024).toFixed(1)} MB here).`;
    if (declared !== null && declared > limit) return refuseBody(req, res, 413, tooLarge);
    if (streamed(req.path)) return type === "multipart/form-data" ? next() : refuseBody(req, res, 415, "Send the file as multipart/form-data.");

    // Counted as it arrives; past the limit nothing more is read and the connection closes.
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(() => {
          chunks.length = 0;
          refuseBody(req, res, 413, tooLarge);
        });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        const body = Buffer.concat(chunks, size);
        if (type !== "multipart/form-data") {
          res.locals.body = body;
          return next();
        }
        // Parsed here once, so that a malformed body is a 400 and not an action's 500.
        new Response(body, { headers: { "content-type": req.headers["content-type"]! } }).formData().then(
          () => {
            res.locals.body = body;
            next();
          },
          () => refuse(req, res, 400, "The multipart form is malformed or cut short; send it again."),
        );
      });
    req.on("data", onData);
    req.on("end", onEnd);
    // A client that goes away mid-body gets no answer; nothing was handed on.
    req.on("error", () => finish(() => undefined));
  };
}
