// Which points lie inside a drawn shape: a ray-casting test on a ring of [lat, lng] vertices
// (at a city's scale the map's projection keeps straight edges straight enough for selection).
export type Ring = readonly (readonly [number, number])[];

export interface Box {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

export function boxOf(ring: Ring): Box {
  const box = { minLat: Infinity, minLng: Infinity, maxLat: -Infinity, maxLng: -Infinity };
  for (const [lat, lng] of ring) {
    box.minLat = Math.min(box.minLat, lat);
    box.maxLat = Math.max(box.maxLat, lat);
    box.minLng = Math.min(box.minLng, lng);
    box.maxLng = Math.max(box.maxLng, lng);
  }
  return box;
}

export function inBox(box: Box, lat: number, lng: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng;
}

/** Even-odd rule; a point exactly on an edge may fall either way. */
export function inRing(ring: Ring, lat: number, lng: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [latI, lngI] = ring[i] ?? [0, 0];
    const [latJ, lngJ] = ring[j] ?? [0, 0];
    if (latI > lat !== latJ > lat && lng < ((lngJ - lngI) * (lat - latI)) / (latJ - latI) + lngI) inside = !inside;
  }
  return inside;
}

/** Indexes of the points inside the ring (the box check first, so 20,000 points take a moment). */
export function pointsInRing(ring: Ring, lat: readonly number[], lng: readonly number[], keep?: (i: number) => boolean): number[] {
  if (ring.length < 3) return [];
  const box = boxOf(ring);
  const found: number[] = [];
  for (let i = 0; i < lat.length; i++) {
    const a = lat[i] ?? NaN;
    const o = lng[i] ?? NaN;
    if (!inBox(box, a, o) || (keep && !keep(i))) continue;
    if (inRing(ring, a, o)) found.push(i);
  }
  return found;
}

/** A rectangle as a ring, for boxes drawn on the map. */
export function ringOfBox(box: Box): Ring {
  return [
    [box.minLat, box.minLng],
    [box.minLat, box.maxLng],
    [box.maxLat, box.maxLng],
    [box.maxLat, box.minLng],
  ];
}
