// What one publishing attempt can come to, and what the worker does next. Pure: the
// adapters classify a network's answer, this decides retry timing.
export const failureClasses = ["auth", "permission", "content", "duplicate", "media", "config", "retries-exhausted", "unknown-outcome"] as const;
export type FailureClass = (typeof failureClasses)[number];

export type PublishOutcome =
  | { kind: "published"; externalId: string; url: string | null }
  /** Nothing was posted and trying again later may work (network error, 5xx, 429). */
  | { kind: "retry"; message: string; retryAfterMs?: number }
  /** Trying again will not help; a person must act. */
  | { kind: "failed"; failureClass: FailureClass; message: string }
  /** The request may have been posted (it timed out after being sent): never retried blindly. */
  | { kind: "unknown"; message: string };

export const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 30 * 60_000;

/**
 * Delay before attempt `attempt + 1`: exponential (5 s, 10 s, 20 s, …, capped at 30 min)
 * with full jitter in its upper half, or the network's own reset time when it gave one.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs + 250, 24 * 60 * 60_000);
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
