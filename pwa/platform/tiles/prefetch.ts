// Fills the tile cache with the day's area ahead of time, when the tile source's policy allows it.
// Requests go through the service worker, whose tile route (pwa/sw.ts) stores them with expiry, so
// prefetched and viewed tiles share one cache, one size limit and one eviction order.
import { tileCacheName } from '../sw-rules.js';
import { countTiles, tilesIn, tileUrl, type Bounds, type ZoomRange } from './enumerate.js';
import { forbidsBulkPrefetch, tileSource } from './source.js';

export type PrefetchRefusal =
  /** The tile server's usage policy forbids bulk downloads (tile.openstreetmap.org). */
  | 'forbidden-by-tile-policy'
  /** This build's tile source was not configured for prefetching (VITE_TILE_PREFETCH=1). */
  | 'not-enabled'
  /** More tiles than the cache keeps: the area or the zoom range is too large. */
  | 'too-many-tiles'
  /** No service worker controls the page, so nothing fetched would be kept. */
  | 'no-service-worker';

export type PrefetchResult =
  | { status: 'refused'; reason: PrefetchRefusal; tiles: number }
  | { status: 'done' | 'aborted'; tiles: number; fetched: number; alreadyCached: number; failed: number };

export interface PrefetchOptions {
  /** Defaults to the configured source's permission, and only for the configured source's own template. */
  prefetchAllowed?: boolean;
  subdomains?: readonly string[];
  maxTiles?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  isCached?: (url: string) => Promise<boolean>;
  isControlled?: () => boolean;
}

/** A day's area at zooms 12–17 is a few hundred tiles; this stays well inside the cache's 3,000. */
export const defaultMaxTiles = 1500;

export async function prefetchTiles(
  bounds: Bounds,
  zoomRange: ZoomRange,
  tileUrlTemplate: string = tileSource.urlTemplate,
  options: PrefetchOptions = {},
): Promise<PrefetchResult> {
  const tiles = countTiles(bounds, zoomRange);
  if (forbidsBulkPrefetch(tileUrlTemplate)) return { status: 'refused', reason: 'forbidden-by-tile-policy', tiles };
  const allowed = options.prefetchAllowed ?? (tileSource.prefetchAllowed && tileUrlTemplate === tileSource.urlTemplate);
  if (!allowed) return { status: 'refused', reason: 'not-enabled', tiles };
  if (tiles > (options.maxTiles ?? defaultMaxTiles)) return { status: 'refused', reason: 'too-many-tiles', tiles };
  const isControlled = options.isControlled ?? (() => Boolean(navigator.serviceWorker?.controller));
  if (!isControlled()) return { status: 'refused', reason: 'no-service-worker', tiles };

  const doFetch = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const isCached = options.isCached ?? cachedInTileCache;
  const subdomains = options.subdomains ?? tileSource.subdomains;
  const queue = tilesIn(bounds, zoomRange);
  const counts = { fetched: 0, alreadyCached: 0, failed: 0 };
  let done = 0;

  async function worker(): Promise<void> {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      if (options.signal?.aborted) return;
      const url = tileUrl(tileUrlTemplate, next.value, subdomains);
      try {
        if (await isCached(url)) counts.alreadyCached++;
        else {
          // CORS, no cookies: the service worker keeps only CORS 200s (an opaque tile would cost megabytes of quota).
          const response = await doFetch(url, { mode: 'cors', credentials: 'omit', signal: options.signal ?? null });
          if (response.ok) counts.fetched++;
          else counts.failed++;
          // The body must be read for the response to be complete; the service worker has cached it already.
          await response.arrayBuffer().catch(() => undefined);
        }
      } catch {
        if (options.signal?.aborted) return;
        counts.failed++;
      }
      done++;
      options.onProgress?.(done, tiles);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, () => worker()));
  return { status: options.signal?.aborted ? 'aborted' : 'done', tiles, ...counts };
}

async function cachedInTileCache(url: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  return (await (await caches.open(tileCacheName)).match(url)) !== undefined;
}
