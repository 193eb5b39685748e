import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/fixtures/sync/device.js';
import { backoffDelay, withRetry } from './backoff.js';
import { SignedOutError, TransientSyncError } from './errors.js';

const policy = { baseMs: 100, maxMs: 1_000, attemptsPerStep: 3 };

describe('backoff', () => {
  it('waits a random time up to an exponential cap (full jitter), never above the maximum', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, policy, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });

  it('retries transient failures up to the step limit, sleeping between attempts', async () => {
    const clock = manualClock(0);
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new TransientSyncError('network'));
    };
    await expect(withRetry(failing, { policy, clock, random: () => 0.5 })).rejects.toThrow('network');
    expect(calls).toBe(3);
    expect(clock.now()).toBe(50 + 100);
  });

  it('does not retry an ended session', async () => {
    let calls = 0;
    const signedOut = () => {
      calls += 1;
      return Promise.reject(new SignedOutError());
    };
    await expect(withRetry(signedOut, { policy, clock: manualClock(0), random: Math.random })).rejects.toBeInstanceOf(SignedOutError);
    expect(calls).toBe(1);
  });
});
