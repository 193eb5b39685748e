import { describe, expect, it } from 'vitest';
import { countTiles, tileLatitude, tileLongitude, tileRange, tileRanges, tilesIn, tileUrl, tileX, tileY } from './enumerate.js';

// Shenyang's Heping district: a collector's day.
const heping = { south: 41.76, west: 123.36, north: 41.8, east: 123.44 };

describe('tile enumeration', () => {
  it('covers the world with one tile at zoom 0 and four at zoom 1', () => {
    const world = { south: -85, west: -180, north: 85, east: 180 };
    expect(tileRange(world, 0)).toEqual({ z: 0, minX: 0, maxX: 0, minY: 0, maxY: 0 });
    expect(tileRange(world, 1)).toEqual({ z: 1, minX: 0, maxX: 1, minY: 0, maxY: 1 });
    expect(countTiles(world, { min: 0, max: 2 })).toBe(1 + 4 + 16);
  });

  it('numbers rows from the north and columns from the antimeridian', () => {
    expect([tileX(0, 1), tileY(0, 1)]).toEqual([1, 1]);
    expect([tileX(-180, 3), tileX(180, 3)]).toEqual([0, 7]);
    expect([tileY(89.9, 3), tileY(-89.9, 3)]).toEqual([0, 7]);
  });

  it('finds the tile that contains a point at every zoom', () => {
    for (const z of [5, 12, 15, 17]) {
      const x = tileX(123.4046, z);
      const y = tileY(41.7912, z);
      expect(tileLongitude(x, z)).toBeLessThanOrEqual(123.4046);
      expect(tileLongitude(x + 1, z)).toBeGreaterThan(123.4046);
      expect(tileLatitude(y, z)).toBeGreaterThanOrEqual(41.7912);
      expect(tileLatitude(y + 1, z)).toBeLessThan(41.7912);
    }
    // By hand: x = 303.4046 / 360 × 1024 = 863.0; y = (1 − asinh(tan 41.7912°) / π) / 2 × 1024 = 380.9.
    expect([tileX(123.4046, 10), tileY(41.7912, 10)]).toEqual([863, 380]);
  });

  it('gives the x and y ranges per zoom for a district, about four times more tiles per zoom level', () => {
    const ranges = tileRanges(heping, { min: 12, max: 17 });
    expect(ranges.map((r) => r.z)).toEqual([12, 13, 14, 15, 16, 17]);
    for (const r of ranges) {
      expect(r.maxX).toBeGreaterThanOrEqual(r.minX);
      expect(r.maxY).toBeGreaterThanOrEqual(r.minY);
    }
    const perZoom = ranges.map((r) => (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1));
    expect(perZoom[5]! / perZoom[4]!).toBeGreaterThan(3);
    expect(perZoom[5]! / perZoom[4]!).toBeLessThan(5);
    expect(countTiles(heping, { min: 12, max: 17 })).toBe(perZoom.reduce((a, b) => a + b, 0));
    expect(countTiles(heping, { min: 12, max: 17 })).toBeLessThan(1500);
    const tiles = [...tilesIn(heping, { min: 12, max: 17 })];
    expect(tiles).toHaveLength(countTiles(heping, { min: 12, max: 17 }));
    expect(tiles[0]!.z).toBe(12);
    expect(tiles.at(-1)!.z).toBe(17);
  });

  it('builds tile URLs as Leaflet does', () => {
    expect(tileUrl('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { z: 10, x: 863, y: 380 })).toBe(
      'https://tile.openstreetmap.org/10/863/380.png',
    );
    expect(tileUrl('https://{s}.tiles.example.cn/{z}/{x}/{y}{r}.png', { z: 3, x: 4, y: 1 }, ['t0', 't1'])).toBe(
      'https://t1.tiles.example.cn/3/4/1.png',
    );
    expect(tileUrl('https://tms.example.cn/{z}/{x}/{-y}.png', { z: 3, x: 4, y: 1 })).toBe('https://tms.example.cn/3/4/6.png');
  });
});
