// The cases on the map: supercluster's clusters as bubbles (a ring showing their make-up, the count
// inside) and single cases as circles on one canvas, redrawn for the view after every move.
import type * as Leaflet from 'leaflet';
import type { MapMarkers } from '../../../shared/schemas/dispatch.js';
import { caseColour, dominantColour, mixGradient, type ColourBy } from './colours.js';
import { bucketIndex, buildMarkerIndex, isCluster, noMarkers, type MarkerIndex } from './marker-index.js';
import { markerElement } from './marker-element.js';

export interface CaseLayerOptions {
  /** A single case was clicked. */
  onCase: (caseId: string) => void;
  /** Hover text of a single case. */
  caseTitle: (i: number, markers: MapMarkers) => string;
  clusterTitle: (count: number) => string;
  clusterClass: string;
}

export class CaseLayer {
  private index: MarkerIndex | null = null;
  private markers: MapMarkers = noMarkers;
  private colourBy: ColourBy = 'priority';
  private selected: ReadonlySet<string> = new Set();
  private focused: string | null = null;
  private clusters: Leaflet.LayerGroup;
  private singles: Leaflet.LayerGroup;
  private readonly renderer: Leaflet.Canvas;
  private readonly onMove = () => this.render();
  /** Called after each redraw with the number of markers drawn (clusters and singles). */
  onRendered: ((drawn: number) => void) | null = null;

  constructor(
    private readonly L: typeof Leaflet,
    private readonly map: Leaflet.Map,
    private readonly options: CaseLayerOptions,
  ) {
    this.renderer = L.canvas({ padding: 0.3 });
    this.singles = L.layerGroup().addTo(map);
    this.clusters = L.layerGroup().addTo(map);
    map.on('moveend', this.onMove);
  }

  setData(markers: MapMarkers, keep: (i: number) => boolean): void {
    this.markers = markers;
    this.index = buildMarkerIndex(markers, keep);
    this.render();
  }

  setColourBy(by: ColourBy): void {
    if (by === this.colourBy) return;
    this.colourBy = by;
    this.render();
  }

  setSelection(selected: ReadonlySet<string>): void {
    this.selected = selected;
    this.render();
  }

  /** The case a dispatcher asked to see (from the table): drawn larger until another is asked for. */
  setFocus(caseId: string | null): void {
    this.focused = caseId;
    this.render();
  }

  render(): void {
    const { L, map, markers, index } = this;
    // The new markers are built off the map and swapped in at once: one layout, one canvas redraw.
    const clusters = L.layerGroup();
    const singles = L.layerGroup();
    const swap = () => {
      this.clusters.remove();
      this.singles.remove();
      this.singles = singles.addTo(map);
      this.clusters = clusters.addTo(map);
    };
    if (!index) {
      swap();
      return;
    }
    const bounds = map.getBounds().pad(0.2);
    const zoom = Math.round(map.getZoom());
    const features = index.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom);
    for (const feature of features) {
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      if (isCluster(feature)) {
        const count = feature.properties.point_count;
        const size = Math.round(30 + Math.min(26, Math.log10(count) * 10));
        const mix = { priorities: feature.properties.priorities, buckets: feature.properties.buckets };
        const icon = L.divIcon({
          className: this.options.clusterClass,
          html: markerElement({
            bold: String(feature.properties.point_count_abbreviated),
            style: { background: mixGradient(this.colourBy, mix), '--edge': dominantColour(this.colourBy, mix) },
          }),
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
        });
        const marker = L.marker([lat, lng], { icon, keyboard: true, title: this.options.clusterTitle(count), riseOnHover: true });
        const clusterId = feature.properties.cluster_id;
        marker.on('click', () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(clusterId), map.getMaxZoom())));
        clusters.addLayer(marker);
      } else {
        const i = feature.properties.i;
        const id = markers.ids[i] ?? '';
        const chosen = this.selected.has(id);
        const focused = id === this.focused;
        const circle = L.circleMarker([lat, lng], {
          renderer: this.renderer,
          radius: focused ? 12 : chosen ? 8 : 6,
          weight: focused || chosen ? 3 : 1.5,
          color: focused ? '#facc15' : chosen ? '#0f172a' : '#ffffff',
          fillColor: caseColour(this.colourBy, markers.priority[i] ?? 3, bucketIndex(markers.bucket[i] ?? 'M1')),
          fillOpacity: 0.95,
        });
        circle.bindTooltip(this.options.caseTitle(i, markers), { direction: 'top', offset: [0, -6] });
        circle.on('click', () => this.options.onCase(id));
        singles.addLayer(circle);
      }
    }
    swap();
    this.onRendered?.(features.length);
  }

  destroy(): void {
    this.map.off('moveend', this.onMove);
    this.clusters.remove();
    this.singles.remove();
  }
}
