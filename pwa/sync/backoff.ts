// Retry pacing: exponential backoff with full jitter (a random wait up to the exponential cap), so
// a fleet of phones coming back online together does not hammer the server in lockstep.
import type { Clock } from './clock.js';
import { TransientSyncError } from './errors.js';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts of one step (a push, one photo, a pull) before the round gives up and waits longer. */
  attemptsPerStep: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000, attemptsPerStep: 4 };

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * cap);
}

/** Runs `step`, retrying transient failures only; anything else (401, a refusal) goes straight up. */
export async function withRetry<T>(
  step: () => Promise<T>,
  options: { policy: BackoffPolicy; clock: Clock; random: () => number; signal?: AbortSignal },
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof TransientSyncError) || options.signal?.aborted || attempt + 1 >= options.policy.attemptsPerStep) throw error;
      await options.clock.sleep(backoffDelay(attempt, options.policy, options.random), options.signal);
    }
  }
}
