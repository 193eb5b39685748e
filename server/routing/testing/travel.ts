// The default straight-line travel model re-derived for checks (own great-circle code; only the
// published mode figures are shared), so a checker does not reuse the provider it checks.
import { DEFAULT_MODE_PROFILES } from '../matrix/straight-line.js';
import type { LatLng, TravelMode } from '../types.js';

export function straightLineSeconds(from: LatLng, to: LatLng, mode: TravelMode): number {
  const toRadians = Math.PI / 180;
  const halfDLat = ((to.lat - from.lat) * toRadians) / 2;
  const halfDLng = ((to.lng - from.lng) * toRadians) / 2;
  const a = Math.sin(halfDLat) ** 2 + Math.cos(from.lat * toRadians) * Math.cos(to.lat * toRadians) * Math.sin(halfDLng) ** 2;
  const metres = 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
  const { speed, detour, overheadSeconds } = DEFAULT_MODE_PROFILES[mode];
  return metres === 0 ? 0 : (metres * detour) / speed + overheadSeconds;
}
