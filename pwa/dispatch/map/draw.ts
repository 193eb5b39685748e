// Rectangle and polygon selection on the map with leaflet-geoman, loaded the first time a dispatcher
// draws (it is most of the console's weight). The drawn shape stays on the map and can be reshaped by
// dragging its corners; every change reports the shape again.
import type * as Leaflet from 'leaflet';
import type {} from '@geoman-io/leaflet-geoman-free';
import type { Ring } from './polygon.js';

export type ShapeKind = 'rectangle' | 'polygon';

const shapeStyle = { color: '#0f172a', weight: 2, dashArray: '6 4', fillColor: '#1d4ed8', fillOpacity: 0.08 };

function ringOf(layer: Leaflet.Polygon): Ring {
  const rings = layer.getLatLngs() as Leaflet.LatLng[][];
  return (rings[0] ?? []).map((point): [number, number] => [point.lat, point.lng]);
}

export class ShapeDrawing {
  private shape: Leaflet.Polygon | null = null;
  private onShape: (ring: Ring | null) => void = () => undefined;
  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this.map.pm.disableDraw();
  };

  private constructor(
    private readonly L: typeof Leaflet,
    private readonly map: Leaflet.Map,
  ) {
    map.on('pm:create', (event) => {
      const layer = event.layer;
      if (!(layer instanceof L.Polygon)) return;
      this.shape?.remove();
      this.shape = layer;
      layer.setStyle(shapeStyle);
      layer.pm.enable({ allowSelfIntersection: false });
      layer.on('pm:edit', () => this.onShape(ringOf(layer)));
      this.onShape(ringOf(layer));
    });
    document.addEventListener('keydown', this.onKey);
  }

  static async load(L: typeof Leaflet, map: Leaflet.Map, lang: 'zh' | 'en'): Promise<ShapeDrawing> {
    // geoman extends the global L that Leaflet's own build defines.
    await import('@geoman-io/leaflet-geoman-free');
    await import('@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css');
    // Only what geoman draws is editable: the thousands of case markers stay plain Leaflet layers.
    L.PM.setOptIn(true);
    // geoman equips maps created after it loads; this one already exists.
    const withPm = map as Leaflet.Map & { pm?: Leaflet.Map['pm'] };
    if (!withPm.pm) withPm.pm = new (L.PM as unknown as { Map: new (map: Leaflet.Map) => Leaflet.Map['pm'] }).Map(map);
    map.pm.setLang(lang);
    map.pm.setGlobalOptions({
      pathOptions: { ...shapeStyle, pmIgnore: false },
      templineStyle: shapeStyle,
      hintlineStyle: { ...shapeStyle, dashArray: '4 4' },
    });
    return new ShapeDrawing(L, map);
  }

  setLang(lang: 'zh' | 'en'): void {
    this.map.pm.setLang(lang);
  }

  start(kind: ShapeKind, onShape: (ring: Ring | null) => void): void {
    this.onShape = onShape;
    this.map.pm.disableDraw();
    this.map.pm.enableDraw(kind === 'rectangle' ? 'Rectangle' : 'Polygon', { snappable: false, finishOn: null });
  }

  clear(): void {
    this.map.pm.disableDraw();
    this.shape?.remove();
    this.shape = null;
  }

  destroy(): void {
    document.removeEventListener('keydown', this.onKey);
    this.clear();
  }
}
