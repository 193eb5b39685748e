// Geo math shared by server and PWA. Coordinates are stored WGS-84; Chinese sources use
// GCJ-02 or BD-09, converted at the edges with gcoord.
import gcoord from 'gcoord';

export const coordinateSystems = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordinateSystem = (typeof coordinateSystems)[number];

export interface LatLng {
  lat: number;
  lng: number;
}

const earthRadiusM = 6_371_008.8;

export function distanceMeters(a: LatLng, b: LatLng): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const gcoordSystem = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

export function convertCoordinates(point: LatLng, from: CoordinateSystem, to: CoordinateSystem): LatLng {
  if (from === to) return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoordSystem[from], gcoordSystem[to]);
  return { lat, lng };
}

export function toWgs84(point: LatLng, from: CoordinateSystem): LatLng {
  return convertCoordinates(point, from, 'WGS84');
}
