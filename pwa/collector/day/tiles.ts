// Where map tiles come from: a URL template set at build time (VITE_TILE_URL, VITE_TILE_ATTRIBUTION),
// OpenStreetMap's public server by default. That server forbids bulk prefetching, so only tiles the
// collector looks at are cached (by the service worker); a source that permits it can be set here.
export interface TileSource {
  urlTemplate: string;
  attribution: string;
  maxZoom: number;
}

export const defaultTileSource: TileSource = {
  urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  maxZoom: 19,
};

export function tileSourceFrom(env: Record<string, unknown>): TileSource {
  const url = env.VITE_TILE_URL;
  if (typeof url !== 'string' || !/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(url)) return defaultTileSource;
  const attribution = env.VITE_TILE_ATTRIBUTION;
  const maxZoom = Number(env.VITE_TILE_MAX_ZOOM);
  return {
    urlTemplate: url,
    attribution: typeof attribution === 'string' && attribution.trim() !== '' ? attribution : defaultTileSource.attribution,
    maxZoom: Number.isInteger(maxZoom) && maxZoom > 0 && maxZoom <= 22 ? maxZoom : defaultTileSource.maxZoom,
  };
}

export function tileSource(): TileSource {
  return tileSourceFrom(import.meta.env);
}
