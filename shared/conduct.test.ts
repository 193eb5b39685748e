import { describe, expect, it } from 'vitest';
import { classifyPromise, isWithinVisitingHours, localClock } from './conduct.js';

const hours = { start: '08:00', end: '21:00' };

describe('visiting hours', () => {
  it("reads the clock in the debtor's zone, not the device's", () => {
    // 13:30 UTC is 21:30 in Shanghai and 08:30 in New York.
    const instant = new Date('2026-11-23T13:30:00Z');
    expect(localClock(instant, 'Asia/Shanghai')).toBe('21:30');
    expect(isWithinVisitingHours(instant, 'Asia/Shanghai', hours)).toBe(false);
    expect(isWithinVisitingHours(instant, 'America/New_York', hours)).toBe(true);
  });

  it.each([
    ['2026-11-23T00:00:00Z', true], // 08:00 Shanghai: the first permitted minute
    ['2026-11-22T23:59:00Z', false], // 07:59
    ['2026-11-23T12:59:00Z', true], // 20:59
    ['2026-11-23T13:00:00Z', false], // 21:00: closed
    ['2026-11-23T16:00:00Z', false], // midnight
  ])('%s in Shanghai is permitted: %s', (iso, permitted) => {
    expect(isWithinVisitingHours(new Date(iso), 'Asia/Shanghai', hours)).toBe(permitted);
  });
});

describe('classifyPromise', () => {
  it('refuses more than the outstanding, marks less as a settlement request', () => {
    expect(classifyPromise(1001, 1000)).toBe('exceeds_outstanding');
    expect(classifyPromise(1000, 1000)).toBe('promise');
    expect(classifyPromise(999, 1000)).toBe('settlement_requested');
  });
});
