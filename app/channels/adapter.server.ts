// One interface for every network; one file per network; a registry by kind. Each
// adapter speaks the network's real HTTP API and turns every answer into an outcome.
import type { PublishOutcome } from "~/domain/publish-outcome";

export type PublishRequest = {
  text: string;
  link: string | null;
  mediaUrls: string[];
  /** Stable across attempts of the same scheduled variant (idempotency key, record key). */
  publishKey: string;
  /** Decrypted channel credentials, as the network needs them. */
  credentials: Record<string, string>;
  /** Non-secret channel settings (instance URL, endpoint…). */
  settings: Record<string, unknown>;
  scheduledAt: Date;
  /** How long to wait for an answer; after that the outcome is unknown. */
  timeoutMs?: number;
  /** An earlier attempt of this schedule was made: a "duplicate" answer may be our own post. */
  isRetry?: boolean;
};

export type LookupResult = { found: true; externalId: string; url: string | null } | { found: false } | null;

export interface ChannelAdapter {
  publish(request: PublishRequest): Promise<PublishOutcome>;
  /**
   * How long after the first attempt the network still recognises the publish key and
   * answers a repeat with the original post: within it, an unknown outcome is safely
   * settled by sending again with the same key.
   */
  idempotentForMs?: number;
  /** Whether an earlier attempt with this key went out; null when the network cannot say. */
  lookup?(request: PublishRequest): Promise<LookupResult>;
}

export const REQUEST_TIMEOUT_MS = 20_000;

/** Errors that prove the request never reached the network: safe to try again. */
const notSent = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/** A fetch whose failure says whether the request may have been received. */
export async function send(url: string, init: RequestInit, timeoutMs: number = REQUEST_TIMEOUT_MS): Promise<Response | PublishOutcome> {
  try {
    return await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code && notSent.has(cause.code)) return { kind: "retry", message: `could not connect (${cause.code})` };
    // fetch refuses some ports outright (the Fetch standard's "bad ports"): nothing was sent.
    if (cause?.message === "bad port") return { kind: "failed", failureClass: "config", message: `${new URL(url).port} is a port browsers and fetch refuse to use` };
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message;
    return { kind: "unknown", message: `the request was sent but ${reason}; it may have been posted` };
  }
}

export const isOutcome = (value: Response | PublishOutcome): value is PublishOutcome => !(value instanceof Response);

export async function readJson(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text.slice(0, 300) };
  }
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function retryAfter(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The Graph API's error shape (Facebook, Threads), classified by code, not HTTP status. */
export function graphError(body: Record<string, unknown>, network: string, isRetry: boolean): PublishOutcome {
  const error = (body.error ?? {}) as { code?: number; error_subcode?: number; message?: string };
  const code = Number(error.code);
  const message = `${network}: ${error.message ?? "unknown error"}`;
  if (code === 190 || code === 102) return { kind: "failed", failureClass: "auth", message: `${message} — connect the channel again.` };
  if ([4, 17, 32, 341, 613, 80001].includes(code)) return { kind: "retry", message };
  if (code === 1 || code === 2) return { kind: "unknown", message: `${message} (the post may have been created anyway)` };
  if (code === 506) return isRetry ? { kind: "unknown", message: `${message} (probably our own earlier attempt)` } : { kind: "failed", failureClass: "duplicate", message };
  if (code === 10 || (code >= 200 && code <= 299)) return { kind: "failed", failureClass: "permission", message };
  return { kind: "failed", failureClass: "content", message };
}
