import { describe, expect, it } from 'vitest';
import { dayBounds } from './prefetch-day.js';

describe("the day's area", () => {
  it('covers every stop with a margin', () => {
    expect(dayBounds([])).toBeNull();
    const bounds = dayBounds([
      { lat: 41.8, lng: 123.4 },
      { lat: 41.75, lng: 123.45 },
    ]);
    expect(bounds?.south).toBeCloseTo(41.74, 6);
    expect(bounds?.north).toBeCloseTo(41.81, 6);
    expect(bounds?.west).toBeCloseTo(123.39, 6);
    expect(bounds?.east).toBeCloseTo(123.46, 6);
  });
});
