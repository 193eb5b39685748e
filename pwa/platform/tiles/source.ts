// Which map tile server the app uses, and whether its usage policy lets us download an area ahead of time.
// Set at build time: VITE_TILE_URL, VITE_TILE_ATTRIBUTION, VITE_TILE_SUBDOMAINS, VITE_TILE_PREFETCH=1.

export interface TileSource {
  /** Leaflet-style template: {z} {x} {y}, optionally {s} (a subdomain) and {r} (retina suffix). */
  urlTemplate: string;
  attribution: string;
  subdomains: string[];
  maxZoom: number;
  /** True only when the operator said so and the server is not one whose policy forbids it. */
  prefetchAllowed: boolean;
}

export interface TileEnv {
  VITE_TILE_URL?: string;
  VITE_TILE_ATTRIBUTION?: string;
  VITE_TILE_SUBDOMAINS?: string;
  VITE_TILE_MAX_ZOOM?: string;
  VITE_TILE_PREFETCH?: string;
}

export const openStreetMapTemplate = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const openStreetMapAttribution = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * The OpenStreetMap Foundation's tile policy forbids bulk downloading ("prefetching") from its servers,
 * whatever a build flag says: https://operations.osmfoundation.org/policies/tiles/
 */
export function forbidsBulkPrefetch(urlTemplate: string): boolean {
  const host = hostOf(urlTemplate);
  return host === 'openstreetmap.org' || host.endsWith('.openstreetmap.org');
}

export function tileSourceFromEnv(env: TileEnv): TileSource {
  const custom = env.VITE_TILE_URL?.trim();
  const urlTemplate = custom ? custom : openStreetMapTemplate;
  const attribution = env.VITE_TILE_ATTRIBUTION?.trim() || (custom ? '' : openStreetMapAttribution);
  const subdomains = parseSubdomains(env.VITE_TILE_SUBDOMAINS ?? 'abc');
  const maxZoom = Number(env.VITE_TILE_MAX_ZOOM ?? 19);
  return {
    urlTemplate,
    attribution,
    subdomains,
    maxZoom: Number.isInteger(maxZoom) && maxZoom > 0 ? maxZoom : 19,
    prefetchAllowed: env.VITE_TILE_PREFETCH === '1' && !forbidsBulkPrefetch(urlTemplate),
  };
}

/** The tile source this build was configured with. */
export const tileSource: TileSource = tileSourceFromEnv(import.meta.env);

/** "abc" is three subdomains (Leaflet's convention), "t0,t1,t2" is three too. */
function parseSubdomains(text: string): string[] {
  const parts = /[,\s]/.test(text) ? text.split(/[,\s]+/) : [...text];
  return parts.map((part) => part.trim()).filter(Boolean);
}

function hostOf(urlTemplate: string): string {
  // Placeholders may sit in the host ({s}.tile…), which URL() would reject.
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(urlTemplate);
  return (match?.[1] ?? '')
    .replace(/\{[^}]*\}\.?/g, '')
    .replace(/:\d+$/, '')
    .toLowerCase();
}
