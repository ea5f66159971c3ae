// How large a request body each route may send. Most forms are a few kilobytes; the
// editor's twenty variants of 10,000 characters, percent-encoded, stay under 2 MB. The
// CSV import sends the file (and, to import, the checked text again).
import { MAX_IMPORT_BYTES } from "../app/models/plan-import.server.ts";

export const FORM_BODY_LIMIT = 2 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES * 2 + 100_000;

const importPaths = /^\/w\/[^/]+\/transfer(\/upload)?\/?$/;

export const bodyLimitFor = (path: string) => (importPaths.test(path) ? IMPORT_BODY_LIMIT : FORM_BODY_LIMIT);
