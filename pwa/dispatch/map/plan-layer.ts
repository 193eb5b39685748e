// A draft plan on the map: one coloured line per collector through its numbered stops, late stops
// ringed red, the stop chosen in the timeline enlarged.
import type * as Leaflet from 'leaflet';
import type { PlanView } from '../../../shared/schemas/dispatch.js';
import { markerElement } from './marker-element.js';

export interface PlanLayerOptions {
  colourOf: (collectorId: string) => string;
  homeOf: (collectorId: string) => { lat: number; lng: number } | null;
  stopTitle: (collector: string, n: number, name: string) => string;
  onStop: (caseId: string) => void;
  stopClass: string;
}

export class PlanLayer {
  private readonly layer: Leaflet.LayerGroup;

  constructor(
    private readonly L: typeof Leaflet,
    private readonly map: Leaflet.Map,
    private readonly options: PlanLayerOptions,
  ) {
    this.layer = L.layerGroup().addTo(map);
  }

  draw(plan: PlanView | null, chosenCaseId: string | null): void {
    const { L, options } = this;
    this.layer.clearLayers();
    if (!plan) return;
    for (const route of plan.routes) {
      const colour = options.colourOf(route.collectorId);
      const home = options.homeOf(route.collectorId);
      const points: [number, number][] = route.stops.map((s) => [s.lat, s.lng]);
      if (home) points.unshift([home.lat, home.lng]);
      if (points.length > 1) this.layer.addLayer(L.polyline(points, { color: colour, weight: 4, opacity: 0.8, interactive: false }));
      route.stops.forEach((stop, k) => {
        const chosen = stop.caseId === chosenCaseId;
        const size = chosen ? 30 : 22;
        const icon = L.divIcon({
          className: options.stopClass,
          html: markerElement({ text: String(k + 1), data: { late: stop.lateSeconds > 0, chosen }, style: { '--c': colour } }),
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
        });
        const marker = L.marker([stop.lat, stop.lng], {
          icon,
          title: options.stopTitle(route.collectorName, k + 1, stop.debtorName),
          keyboard: false,
          zIndexOffset: chosen ? 2000 : 500,
        });
        marker.on('click', () => options.onStop(stop.caseId));
        this.layer.addLayer(marker);
      });
    }
  }

  /** Frames every planned stop. */
  fit(plan: PlanView): void {
    const points = plan.routes.flatMap((r) => r.stops.map((s): [number, number] => [s.lat, s.lng]));
    if (points.length > 0) this.map.fitBounds(this.L.latLngBounds(points), { padding: [40, 40], maxZoom: 15 });
  }

  destroy(): void {
    this.layer.remove();
  }
}
