import { describe, expect, it } from 'vitest';
import { clockSeconds, secondsAfterLocalMidnight, zonedInstant } from './zoned-time.js';

describe('zoned time', () => {
  it('puts 09:30 in Shanghai at 01:30 UTC', () => {
    expect(zonedInstant('2026-11-23', 9.5 * 3600, 'Asia/Shanghai').toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(secondsAfterLocalMidnight(new Date('2026-11-23T01:30:00Z'), 'Asia/Shanghai')).toBe(9.5 * 3600);
  });
  it('follows daylight saving in New York', () => {
    expect(zonedInstant('2026-07-01', 9 * 3600, 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedInstant('2026-12-01', 9 * 3600, 'America/New_York').toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });
  it('reads HH:MM', () => {
    expect(clockSeconds('08:30')).toBe(30_600);
  });
});
