import { describe, expect, it } from 'vitest';
import { countTiles } from './enumerate.js';
import { openStreetMapTemplate } from './source.js';
import { prefetchTiles, type PrefetchOptions } from './prefetch.js';

const area = { south: 41.78, west: 123.39, north: 41.8, east: 123.42 };
const zooms = { min: 14, max: 16 };
const ownTiles = 'https://tiles.example.cn/{z}/{x}/{y}.png';

function fakes(overrides: Partial<PrefetchOptions> = {}) {
  const fetched: string[] = [];
  const options: PrefetchOptions = {
    prefetchAllowed: true,
    isControlled: () => true,
    isCached: async (url) => url.includes('/14/'),
    fetch: async (url) => {
      fetched.push(url);
      return new Response(url.includes('/16/') && url.endsWith('0.png') ? null : 'png', {
        status: url.includes('/16/') && url.endsWith('0.png') ? 404 : 200,
      });
    },
    ...overrides,
  };
  return { fetched, options };
}

describe('tile prefetch', () => {
  it('refuses the public OpenStreetMap servers, even when told prefetching is allowed', async () => {
    const { fetched, options } = fakes();
    const result = await prefetchTiles(area, zooms, openStreetMapTemplate, options);
    expect(result).toMatchObject({ status: 'refused', reason: 'forbidden-by-tile-policy' });
    expect(await prefetchTiles(area, zooms, 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', options)).toMatchObject({
      status: 'refused',
    });
    expect(fetched).toEqual([]);
  });

  it('refuses a source not configured for prefetching, too large an area, or a page without a service worker', async () => {
    expect(await prefetchTiles(area, zooms, ownTiles, fakes({ prefetchAllowed: undefined }).options)).toMatchObject({
      reason: 'not-enabled',
    });
    expect(await prefetchTiles(area, { min: 10, max: 19 }, ownTiles, fakes().options)).toMatchObject({ reason: 'too-many-tiles' });
    expect(await prefetchTiles(area, zooms, ownTiles, fakes({ isControlled: () => false }).options)).toMatchObject({
      reason: 'no-service-worker',
    });
  });

  it('fetches every tile of the area once, skipping those cached, counting failures, reporting progress', async () => {
    const { fetched, options } = fakes();
    const progress: number[] = [];
    const result = await prefetchTiles(area, zooms, ownTiles, { ...options, onProgress: (done) => progress.push(done) });
    expect(result.status).toBe('done');
    if (result.status === 'refused') return;
    expect(result.fetched + result.alreadyCached + result.failed).toBe(result.tiles);
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(result.alreadyCached).toBe(countTiles(area, { min: 14, max: 14 }));
    expect(fetched.some((url) => url.includes('/14/'))).toBe(false);
    expect(result.failed).toBeGreaterThan(0);
    expect(fetched.every((url) => url.startsWith('https://tiles.example.cn/1'))).toBe(true);
    expect(progress.at(-1)).toBe(result.tiles);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const { fetched, options } = fakes({
      concurrency: 1,
      onProgress: (done) => {
        if (done === 3) controller.abort();
      },
    });
    const result = await prefetchTiles(area, zooms, ownTiles, { ...options, signal: controller.signal });
    expect(result.status).toBe('aborted');
    expect(fetched.length).toBeLessThanOrEqual(3);
  });
});
