// How large a request body each route may send. Most forms are a few kilobytes; the
// editor's twenty variants of 10,000 characters, percent-encoded, stay under 2 MB. The
// CSV import sends the file (and, to import, the checked text again).
// A media upload streams on to storage (decision 0040): the route reads it as it comes and
// stops a file at MEDIA_MAX_BYTES; the gate refuses a larger declared body up front.
import { MAX_IMPORT_BYTES } from "../app/models/plan-import.server.ts";
import { env } from "../app/utils/env.server.ts";

export const FORM_BODY_LIMIT = 2 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES * 2 + 100_000;

const importPaths = /^\/w\/[^/]+\/transfer(\/upload)?\/?$/;

const mediaUploadPath = /^\/w\/[^/]+\/media\/upload\/?$/;
// The form's boundaries and its few small fields around the file.
const MULTIPART_OVERHEAD = 64 * 1024;

export const bodyLimitFor = (path: string) =>
  mediaUploadPath.test(path) ? env().MEDIA_MAX_BYTES + MULTIPART_OVERHEAD : importPaths.test(path) ? IMPORT_BODY_LIMIT : FORM_BODY_LIMIT;

/** Paths whose multipart body the route itself reads as a stream. */
export const streamedBody = (path: string) => mediaUploadPath.test(path);
