import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

const backoff = { baseMs: 1_000, maxMs: 60_000 };

describe('webhook retry backoff', () => {
  it('doubles with each failure, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, backoff, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, backoff, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never grows past the cap, however many failures', () => {
    expect(retryDelayMs(7, backoff, () => 1)).toBe(60_000);
    expect(retryDelayMs(10_000, backoff, () => 1)).toBe(60_000);
    expect(retryDelayMs(10_000, backoff, () => 0)).toBe(30_000);
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, backoff)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});
