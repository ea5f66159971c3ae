// Every web address a person, a file or a network gives Rytm is checked here and only
// here: http(s) and nothing else. A `javascript:` or `data:` address shown as a link runs
// in the viewer's session (issue 11: a published-post URL made an owner invite an attacker).
// Forms, the CSV format, the environment and the link component all ask these functions.
import { z } from "zod";
import { controlCharacter } from "./text-input";

export const MAX_URL_LENGTH = 2048;

/** True for an absolute http: or https: address with a host, and nothing that hides in it. */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_URL_LENGTH) return false;
  // The URL parser drops tabs and newlines and trims spaces and controls; refuse them
  // instead, so that the text checked is the text stored and shown.
  if (/\s/u.test(value) || controlCharacter.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && /^https?:\/\//i.test(value);
}

/** An http(s) address, required. */
export const httpUrlSchema = (message = "Enter a full web address (https://…)") =>
  z.string({ error: message }).trim().refine(isHttpUrl, { message });

/** An http(s) address or nothing: an empty field becomes undefined. */
export const optionalHttpUrlSchema = (message = "Enter a full web address (https://…), or leave it empty") =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isHttpUrl(value), { message });

/** The address if it is http(s), else null: for addresses that come from another system. */
export const httpUrlOrNull = (value: unknown): string | null => (isHttpUrl(value) ? (value as string) : null);
