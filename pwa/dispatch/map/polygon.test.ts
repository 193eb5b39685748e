import { describe, expect, it } from 'vitest';
import { boxOf, inRing, pointsInRing, ringOfBox } from './polygon.js';

// An L-shaped area: the square 0..2 x 0..2 without its top-right quarter.
const ell = [
  [0, 0],
  [0, 2],
  [1, 2],
  [1, 1],
  [2, 1],
  [2, 0],
] as const;

describe('polygon hit-testing', () => {
  it('finds points inside a concave shape and not in its notch', () => {
    expect(inRing(ell, 0.5, 0.5)).toBe(true);
    expect(inRing(ell, 0.5, 1.5)).toBe(true);
    expect(inRing(ell, 1.5, 0.5)).toBe(true);
    expect(inRing(ell, 1.5, 1.5)).toBe(false);
    expect(inRing(ell, -0.1, 0.5)).toBe(false);
  });

  it('selects indexes from parallel arrays, honouring the filter', () => {
    const lat = [0.5, 1.5, 1.5, 3, 0.2];
    const lng = [0.5, 1.5, 0.5, 3, 0.2];
    expect(pointsInRing(ell, lat, lng)).toEqual([0, 2, 4]);
    expect(pointsInRing(ell, lat, lng, (i) => i !== 4)).toEqual([0, 2]);
    expect(
      pointsInRing(
        [
          [0, 0],
          [1, 1],
        ],
        lat,
        lng,
      ),
    ).toEqual([]);
  });

  it('treats a drawn rectangle as a ring', () => {
    const box = { minLat: 41.7, minLng: 123.3, maxLat: 41.8, maxLng: 123.5 };
    const ring = ringOfBox(box);
    expect(boxOf(ring)).toEqual(box);
    expect(inRing(ring, 41.75, 123.4)).toBe(true);
    expect(inRing(ring, 41.85, 123.4)).toBe(false);
  });
});
