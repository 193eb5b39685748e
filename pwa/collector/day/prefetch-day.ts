// The day's area ahead of time in the tile cache, where the tile source permits it (platform/tiles):
// once per day's plan and session, in the background; the public OSM server refuses it by policy.
import type { Bounds } from '../../platform/tiles/enumerate.js';
import { prefetchTiles } from '../../platform/tiles/prefetch.js';

/** About 1 km around the stops, so the streets leading to each address are there too. */
export function dayBounds(points: readonly { lat: number; lng: number }[], paddingDeg = 0.01): Bounds | null {
  if (points.length === 0) return null;
  const lats = points.map((point) => point.lat);
  const lngs = points.map((point) => point.lng);
  return {
    south: Math.max(-85, Math.min(...lats) - paddingDeg),
    north: Math.min(85, Math.max(...lats) + paddingDeg),
    west: Math.max(-180, Math.min(...lngs) - paddingDeg),
    east: Math.min(180, Math.max(...lngs) + paddingDeg),
  };
}

const prefetched = new Set<string>();

export function prefetchDayArea(planKey: string, points: readonly { lat: number; lng: number }[]): void {
  const bounds = dayBounds(points);
  if (!bounds || prefetched.has(planKey)) return;
  prefetched.add(planKey);
  prefetchTiles(bounds, { min: 12, max: 17 }).catch(() => {
    // Best effort: viewed tiles are still cached as the collector looks at the map.
    prefetched.delete(planKey);
  });
}
