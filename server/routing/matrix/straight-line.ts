// Default travel model: great-circle distance stretched by a detour factor, at a speed per mode.
import type { LatLng, MatrixProvider, TravelMatrix, TravelMode } from './provider.js';

export interface ModeProfile {
  /** Average door-to-door speed in metres per second. */
  speed: number;
  /** Road distance over straight-line distance (street grids run ~1.3 to 1.4). */
  detour: number;
  /** Fixed cost of every leg in seconds: parking a car, waiting for a bus. */
  overheadSeconds: number;
}

export const DEFAULT_MODE_PROFILES: Record<TravelMode, ModeProfile> = {
  walk: { speed: 1.3, detour: 1.3, overheadSeconds: 0 },
  bike: { speed: 3.8, detour: 1.3, overheadSeconds: 60 },
  ebike: { speed: 5.5, detour: 1.3, overheadSeconds: 60 },
  car: { speed: 8.5, detour: 1.4, overheadSeconds: 300 },
  transit: { speed: 5, detour: 1.4, overheadSeconds: 480 },
};

const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

export function haversineMetres(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLng = (b.lng - a.lng) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export class StraightLineProvider implements MatrixProvider {
  private readonly profiles: Record<TravelMode, ModeProfile>;
  /** Great-circle metres per point list: a plan asks once per travel mode for the same points. */
  private readonly greatCircle = new WeakMap<readonly LatLng[], Float64Array>();

  constructor(profiles: Partial<Record<TravelMode, Partial<ModeProfile>>> = {}) {
    this.profiles = { ...DEFAULT_MODE_PROFILES };
    for (const [mode, profile] of Object.entries(profiles) as [TravelMode, Partial<ModeProfile>][]) {
      this.profiles[mode] = { ...DEFAULT_MODE_PROFILES[mode], ...profile };
    }
  }

  matrix(points: readonly LatLng[], mode: TravelMode): Promise<TravelMatrix> {
    const { speed, detour, overheadSeconds } = this.profiles[mode];
    const size = points.length;
    const metres = this.greatCircleMetres(points);
    const durations = new Float64Array(size * size);
    const distances = new Float64Array(size * size);
    for (let cell = 0; cell < metres.length; cell++) {
      const road = metres[cell]! * detour;
      distances[cell] = road;
      durations[cell] = road === 0 ? 0 : road / speed + overheadSeconds;
    }
    return Promise.resolve({ size, durations, distances });
  }

  private greatCircleMetres(points: readonly LatLng[]): Float64Array {
    const known = this.greatCircle.get(points);
    if (known !== undefined) return known;
    const size = points.length;
    const metres = new Float64Array(size * size);
    // Precomputed per point: the pair loop is the hot part for thousands of points.
    const lat = Float64Array.from(points, (p) => p.lat * RADIANS);
    const lng = Float64Array.from(points, (p) => p.lng * RADIANS);
    const cosLat = lat.map(Math.cos);
    for (let a = 0; a < size; a++) {
      for (let b = a + 1; b < size; b++) {
        const sinLat = Math.sin((lat[b]! - lat[a]!) / 2);
        const sinLng = Math.sin((lng[b]! - lng[a]!) / 2);
        const h = sinLat * sinLat + cosLat[a]! * cosLat[b]! * sinLng * sinLng;
        metres[a * size + b] = metres[b * size + a] = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
      }
    }
    this.greatCircle.set(points, metres);
    return metres;
  }
}
