import { describe, expect, it } from 'vitest';
import { ageOf } from '../day/age.js';
import { sparklinePoints } from './sparkline.js';

describe('the progress sparkline', () => {
  it('scales served share 0–100 % and travel between its extremes over the run', () => {
    const points = [
      { elapsedMs: 0, servedValuePct: 50, travelSeconds: 9000 },
      { elapsedMs: 5000, servedValuePct: 100, travelSeconds: 6000 },
    ];
    expect(sparklinePoints(points, 'servedValuePct', { width: 100, height: 20, durationMs: 10_000 })).toBe('0.0,10.0 50.0,0.0');
    expect(sparklinePoints(points, 'travelSeconds', { width: 100, height: 20, durationMs: 10_000 })).toBe('0.0,0.0 50.0,20.0');
    expect(sparklinePoints([], 'travelSeconds', { width: 100, height: 20, durationMs: 1 })).toBe('');
  });
});

describe('a position’s age', () => {
  const now = Date.parse('2026-11-24T02:00:00.000Z');
  it('reads as now, minutes, hours or days', () => {
    expect(ageOf('2026-11-24T01:59:30.000Z', now)).toEqual({ unit: 'now' });
    expect(ageOf('2026-11-24T01:48:00.000Z', now)).toEqual({ unit: 'minutes', value: 12 });
    expect(ageOf('2026-11-23T23:00:00.000Z', now)).toEqual({ unit: 'hours', value: 3 });
    expect(ageOf('2026-11-21T02:00:00.000Z', now)).toEqual({ unit: 'days', value: 3 });
    expect(ageOf('2026-11-24T03:00:00.000Z', now)).toEqual({ unit: 'now' });
  });
});
