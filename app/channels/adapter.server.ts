// One interface for every network; one file per network; a registry by kind. Each
// adapter speaks the network's real HTTP API and turns every answer into an outcome.
import type { Readable } from "node:stream";
import type { PublishOutcome } from "~/domain/publish-outcome";
import { PRIVATE_ADDRESS } from "~/utils/outbound-guard.server";

/** One library item a variant carries, as the network answered for its uploaded bytes. */
export type SentMedia = { remoteId: string; kind: "IMAGE" | "GIF" | "VIDEO"; mimeType: string; altText: string; width: number | null; height: number | null };

/** One library item to upload: its facts, its bytes (read when needed) and a signed address for networks that fetch. */
export type MediaToSend = Omit<SentMedia, "remoteId"> & {
  mediaId: string;
  byteSize: number;
  sha256: string;
  fileName: string;
  read: () => Promise<Readable>;
  url: string;
};

/** Where the item stands in the post: Instagram makes a carousel's items differently from a single one. */
export type MediaPlace = { index: number; count: number; kinds: readonly SentMedia["kind"][] };

export type PublishRequest = {
  text: string;
  link: string | null;
  mediaUrls: string[];
  /** The library items, in order, already uploaded (each once: their ids are kept between attempts). */
  media?: SentMedia[];
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
  /** When the first attempt of this schedule was made: a read-back looks no further back. */
  firstAttemptAt?: Date;
};

export type LookupResult = { found: true; externalId: string; url: string | null } | { found: false } | null;

/** Whether the network still has a post made by an attempt of this schedule; null when it cannot say. */
export type Lookup = (request: PublishRequest) => Promise<LookupResult>;

export interface ChannelAdapter {
  publish(request: PublishRequest): Promise<PublishOutcome>;
  /**
   * How long after the first attempt the network still recognises the publish key and
   * answers a repeat with the original post: within it, an unknown outcome is safely
   * settled by sending again with the same key.
   */
  idempotentForMs?: number;
  /**
   * Whether an attempt of this schedule went out: by its key (Bluesky's record key) or, on a
   * network without one, by its text among the account's posts since the first attempt.
   */
  lookup?: Lookup;
  /**
   * Uploads one library item before the post is made and answers the network's id for it
   * (kept, so that a retry of the post does not upload it again). A failure posts nothing.
   */
  uploadMedia?: (item: MediaToSend, request: PublishRequest, place: MediaPlace) => Promise<{ remoteId: string } | PublishOutcome>;
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
    // Refused before connecting (outbound-guard.server.ts): nothing was sent, and sending again will not help.
    if (cause?.code === PRIVATE_ADDRESS) return { kind: "failed", failureClass: "config", message: `Rytm calls only public addresses: ${cause.message}` };
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

const published = (found: { externalId: string; url: string | null }): PublishOutcome => ({ kind: "published", externalId: found.externalId, url: found.url });

/**
 * For a network without an idempotency key, before a retry sends again: the post an earlier
 * attempt made, if the network lists it. A read-back right after an unclear answer can miss
 * a post the network has not listed yet; by the retry, after the backoff, it has.
 */
export async function postedEarlier(request: PublishRequest, lookup: Lookup): Promise<PublishOutcome | null> {
  if (!request.isRetry) return null;
  const found = await lookup(request).catch(() => null);
  return found?.found ? published(found) : null;
}

/**
 * A retry refused as a duplicate (X's 403, Facebook's 506): the network has this text, most
 * likely from the earlier attempt. The read-back finds that post and settles it as
 * published; when none was made since the first attempt, an older post has the text and
 * the refusal stands; when the network cannot be read, a person decides.
 */
export async function duplicateOnRetry(request: PublishRequest, lookup: Lookup, refusal: PublishOutcome & { kind: "failed" }): Promise<PublishOutcome> {
  if (!request.isRetry) return refusal;
  const found = await lookup(request).catch(() => null);
  if (found?.found) return published(found);
  if (found) return { ...refusal, message: `${refusal.message} No post with this text was made since the first attempt: an older post has it.` };
  return { kind: "unknown", message: `${refusal.message} An earlier attempt probably went out, but the network could not be read back to confirm it` };
}
