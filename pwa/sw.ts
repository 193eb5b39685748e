// The service worker: every caching decision of the app is made here (rules in platform/sw-rules.ts).
// - The app shell (hashed assets + index.html) is precached, so the installed app opens with no network.
// - Navigations get the precached index.html (client-side routes), except /api/*.
// - The API is never cached here: the sync engine's IndexedDB is the offline store.
// - Map tiles requested with CORS: cache first, in their own expiring cache, the first thing dropped when
//   storage runs short. (Needs the tile origin in the CSP's connect-src; no-cors tiles go straight out.)
// - A new version waits until the app asks it to take over (platform/updates.ts), so it never reloads the
//   app in the middle of an upload; the previous precache is cleaned only once the new worker activates.
import { clientsClaim } from 'workbox-core';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { isCachedTileRequest, servesAppShell, tileCacheLimits, tileCacheName, tileUrlMatcher } from './platform/sw-rules.js';
import { tileSource } from './platform/tiles/source.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// Installs the new shell beside the old one; entries the new manifest drops are deleted on activate.
precacheAndRoute(self.__WB_MANIFEST);
// Removes precaches left by older Workbox versions (an activate listener, so never while the old worker serves).
cleanupOutdatedCaches();

const appShell = createHandlerBoundToURL('index.html');
registerRoute(({ request, url }) => request.mode === 'navigate' && servesAppShell(url, self.location.origin), appShell);

const isTile = tileUrlMatcher(tileSource.urlTemplate);
registerRoute(
  ({ request }) => isCachedTileRequest(request, isTile),
  new CacheFirst({
    cacheName: tileCacheName,
    plugins: [
      // Only CORS 200s: an opaque response would be counted as megabytes of padding against the quota.
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ ...tileCacheLimits, purgeOnQuotaError: true }),
    ],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

// The first install takes the open page at once (so it works offline without a reload); an update only
// activates after SKIP_WAITING, when the page is about to reload anyway.
clientsClaim();
