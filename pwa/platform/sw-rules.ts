// Which requests the service worker answers and how: pure rules, shared by pwa/sw.ts and its tests.

/** Map tiles live in their own cache so they can be evicted first; nothing else the collector made is in Cache Storage. */
export const tileCacheName = 'fv-tiles';

/** A day's area at zooms 12–17 is well under a thousand tiles; a few days of browsing fits too. */
export const tileCacheLimits = { maxEntries: 3000, maxAgeSeconds: 30 * 24 * 60 * 60 };

/** The API is never answered from a cache: the sync engine's IndexedDB is the offline store. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** A navigation that the precached index.html answers (client-side routes), never one for the API or its docs. */
export function servesAppShell(url: URL, appOrigin: string): boolean {
  return url.origin === appOrigin && !isApiPath(url.pathname);
}

/** Matches URLs built from a Leaflet-style tile template, whatever subdomain, zoom, x, y or retina suffix. */
export function tileUrlMatcher(urlTemplate: string): (url: string) => boolean {
  const pattern = urlTemplate
    .split(/(\{[^}]*\})/)
    .map((part) => {
      if (part === '{s}') return '[a-z0-9-]+';
      if (part === '{z}' || part === '{x}' || part === '{y}' || part === '{-y}') return '-?\\d+';
      if (part === '{r}') return '(?:@2x)?';
      if (/^\{[^}]*\}$/.test(part)) return '[^/?#]*';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${pattern}$`, 'i');
  return (url) => regex.test(url);
}

export interface RequestLike {
  method: string;
  mode: RequestMode;
  url: string;
}

/**
 * A tile the service worker fetches and caches itself: a CORS GET of the configured tile source.
 * A no-cors tile (Leaflet without `crossOrigin`) is left to the browser: its opaque answer would cost
 * megabytes of quota padding, and the worker's own fetch of it needs the tile origin in connect-src.
 */
export function isCachedTileRequest(request: RequestLike, isTileUrl: (url: string) => boolean): boolean {
  return request.method === 'GET' && request.mode === 'cors' && isTileUrl(request.url);
}
