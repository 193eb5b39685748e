import { describe, expect, it } from 'vitest';
import { clock, dropPosition, floorToLocalHour, fraction, hourTicks, stopGeometry, timelineRange } from './timeline-geometry.js';

// 09:40–10:10 visit in a 09:00–12:00 window, Shanghai (UTC+8).
const stop = {
  arrival: '2026-11-24T01:40:00.000Z',
  departure: '2026-11-24T02:10:00.000Z',
  windowStart: '2026-11-24T01:00:00.000Z',
  windowEnd: '2026-11-24T04:00:00.000Z',
};
const late = { ...stop, arrival: '2026-11-24T09:20:00.000Z', departure: '2026-11-24T09:45:00.000Z', windowEnd: '2026-11-24T09:30:00.000Z' };

describe('timeline geometry', () => {
  it('spans whole local hours from the first window or arrival to the last', () => {
    const range = timelineRange([stop, late], '2026-11-24', 'Asia/Shanghai');
    expect(new Date(range.start).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(new Date(range.end).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    const empty = timelineRange([], '2026-11-24', 'Asia/Shanghai');
    expect(clock(new Date(empty.start).toISOString(), 'Asia/Shanghai')).toBe('08:00');
    expect(clock(new Date(empty.end).toISOString(), 'Asia/Shanghai')).toBe('21:00');
  });

  it('turns times into fractions of the span, clamped', () => {
    const range = { start: Date.parse('2026-11-24T01:00:00.000Z'), end: Date.parse('2026-11-24T05:00:00.000Z') };
    expect(fraction(range, Date.parse('2026-11-24T02:00:00.000Z'))).toBe(0.25);
    expect(fraction(range, range.start - 1)).toBe(0);
    expect(fraction(range, range.end + 1)).toBe(1);
    const g = stopGeometry(range, stop);
    expect(g.windowLeft).toBe(0);
    expect(g.windowWidth).toBe(0.75);
    expect(g.visitLeft).toBeCloseTo(40 / 240);
    expect(g.visitWidth).toBeCloseTo(30 / 240);
  });

  it('ticks every local hour, also in a zone half an hour off', () => {
    const range = { start: Date.parse('2026-11-24T01:00:00.000Z'), end: Date.parse('2026-11-24T04:00:00.000Z') };
    expect(hourTicks(range, 'Asia/Shanghai').map((t) => t.label)).toEqual(['09:00', '10:00', '11:00', '12:00']);
    // Kolkata is UTC+5:30: 01:00Z is 06:30 local, the first whole hour 07:00 (01:30Z).
    expect(new Date(floorToLocalHour(Date.parse('2026-11-24T01:45:00.000Z'), 'Asia/Kolkata')).toISOString()).toBe(
      '2026-11-24T01:30:00.000Z',
    );
    expect(hourTicks(range, 'Asia/Kolkata')[0]?.label).toBe('07:00');
  });

  it('places a dropped stop before the first stop to its right', () => {
    expect(dropPosition([0.1, 0.3, 0.6], 0.05)).toBe(0);
    expect(dropPosition([0.1, 0.3, 0.6], 0.4)).toBe(2);
    expect(dropPosition([0.1, 0.3, 0.6], 0.9)).toBe(3);
    expect(dropPosition([], 0.5)).toBe(0);
  });
});
