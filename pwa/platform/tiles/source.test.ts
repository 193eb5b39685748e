import { describe, expect, it } from 'vitest';
import { forbidsBulkPrefetch, openStreetMapTemplate, tileSourceFromEnv } from './source.js';

describe('tile source', () => {
  it('defaults to OpenStreetMap with its attribution and no prefetch', () => {
    const source = tileSourceFromEnv({});
    expect(source.urlTemplate).toBe(openStreetMapTemplate);
    expect(source.attribution).toContain('OpenStreetMap');
    expect(source.prefetchAllowed).toBe(false);
  });

  it('never allows prefetching from the OpenStreetMap servers, whatever the flag says', () => {
    expect(forbidsBulkPrefetch('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(true);
    expect(forbidsBulkPrefetch('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(true);
    expect(tileSourceFromEnv({ VITE_TILE_PREFETCH: '1' }).prefetchAllowed).toBe(false);
    expect(
      tileSourceFromEnv({ VITE_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', VITE_TILE_PREFETCH: '1' }).prefetchAllowed,
    ).toBe(false);
  });

  it('allows prefetching from a configured source only when asked to', () => {
    const env = { VITE_TILE_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png', VITE_TILE_ATTRIBUTION: '© Example' };
    expect(tileSourceFromEnv(env).prefetchAllowed).toBe(false);
    const source = tileSourceFromEnv({ ...env, VITE_TILE_PREFETCH: '1', VITE_TILE_SUBDOMAINS: 't0,t1', VITE_TILE_MAX_ZOOM: '18' });
    expect(source).toEqual({
      urlTemplate: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      attribution: '© Example',
      subdomains: ['t0', 't1'],
      maxZoom: 18,
      prefetchAllowed: true,
    });
    expect(tileSourceFromEnv({ VITE_TILE_SUBDOMAINS: 'abc' }).subdomains).toEqual(['a', 'b', 'c']);
  });
});
