// When to try a failed webhook delivery again: exponential backoff with jitter, so a receiver that
// comes back is not met by every waiting delivery in the same instant.

export interface Backoff {
  /** The delay after the first failure (before jitter). */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
}

/**
 * Delay after the `failures`-th failed attempt: base × 2^(failures−1), capped, then "equal jitter"
 * (half fixed, half random), so retries spread out yet never come sooner than half the step.
 */
export function retryDelayMs(failures: number, backoff: Backoff, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 52)));
  return Math.round(step / 2 + random() * (step / 2));
}
