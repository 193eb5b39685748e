// Which slippy-map tiles (Web Mercator z/x/y, as Leaflet requests them) cover an area at a range of zooms.

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface ZoomRange {
  min: number;
  max: number;
}

export interface TileRange {
  z: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface Tile {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator stops here: the map is a square. */
const maxLatitude = 85.05112878;

export function tileX(longitude: number, z: number): number {
  const n = 2 ** z;
  return clamp(Math.floor(((longitude + 180) / 360) * n), 0, n - 1);
}

export function tileY(latitude: number, z: number): number {
  const n = 2 ** z;
  const radians = (clamp(latitude, -maxLatitude, maxLatitude) * Math.PI) / 180;
  const y = ((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * n;
  return clamp(Math.floor(y), 0, n - 1);
}

/** West edge of column x, in degrees. */
export function tileLongitude(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

/** North edge of row y, in degrees. */
export function tileLatitude(y: number, z: number): number {
  const mercator = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (Math.atan(Math.sinh(mercator)) * 180) / Math.PI;
}

export function tileRange(bounds: Bounds, z: number): TileRange {
  // Tile rows count from the north.
  return { z, minX: tileX(bounds.west, z), maxX: tileX(bounds.east, z), minY: tileY(bounds.north, z), maxY: tileY(bounds.south, z) };
}

export function tileRanges(bounds: Bounds, zooms: ZoomRange): TileRange[] {
  const ranges: TileRange[] = [];
  for (let z = Math.max(0, Math.floor(zooms.min)); z <= Math.floor(zooms.max); z++) ranges.push(tileRange(bounds, z));
  return ranges;
}

export function countTiles(bounds: Bounds, zooms: ZoomRange): number {
  return tileRanges(bounds, zooms).reduce((sum, r) => sum + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1), 0);
}

/** Lower zooms first: the overview is useful soonest if the download is cut short. */
export function* tilesIn(bounds: Bounds, zooms: ZoomRange): Generator<Tile> {
  for (const range of tileRanges(bounds, zooms)) {
    for (let y = range.minY; y <= range.maxY; y++) {
      for (let x = range.minX; x <= range.maxX; x++) yield { z: range.z, x, y };
    }
  }
}

/** The URL Leaflet would request for a tile: {s} chosen as Leaflet does, {r} empty (standard resolution). */
export function tileUrl(template: string, tile: Tile, subdomains: readonly string[] = ['a', 'b', 'c']): string {
  const subdomain = subdomains.length > 0 ? (subdomains[Math.abs(tile.x + tile.y) % subdomains.length] ?? '') : '';
  return template
    .replaceAll('{s}', subdomain)
    .replaceAll('{z}', String(tile.z))
    .replaceAll('{x}', String(tile.x))
    .replaceAll('{y}', String(tile.y))
    .replaceAll('{-y}', String(2 ** tile.z - 1 - tile.y))
    .replaceAll('{r}', '');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
