// Collectors on the map: home base, last known position with its age, and the day's published route
// as a line with numbered stops coloured by progress (done, current, remaining) and check-in points.
import type * as Leaflet from 'leaflet';
import type { DispatchDay } from '../../../shared/schemas/dispatch.js';
import { markerElement } from './marker-element.js';

export type DayCollector = DispatchDay['collectors'][number];

export interface PeopleLayerOptions {
  colourOf: (collectorId: string) => string;
  homeTitle: (name: string) => string;
  positionTitle: (collector: DayCollector) => string;
  stopTitle: (n: number, name: string) => string;
  /** Positions older than this are drawn grey. */
  isStale: (iso: string) => boolean;
  classes: { home: string; position: string; stop: string; checkIn: string };
}

export class PeopleLayer {
  private readonly layer: Leaflet.LayerGroup;
  private readonly positions = new Map<string, Leaflet.Marker>();
  private showRoutes = true;
  private collectors: DayCollector[] = [];
  private signature = '';

  constructor(
    private readonly L: typeof Leaflet,
    map: Leaflet.Map,
    private readonly options: PeopleLayerOptions,
  ) {
    this.layer = L.layerGroup().addTo(map);
  }

  /** While a draft plan is on the map, its routes stand in for the published ones. */
  setShowRoutes(show: boolean): void {
    if (show === this.showRoutes) return;
    this.showRoutes = show;
    this.draw();
  }

  setCollectors(collectors: DayCollector[]): void {
    // Only positions changed (the live feed): move those markers, keep the routes as drawn.
    const signature = JSON.stringify(collectors.map((c) => ({ ...c, lastPosition: c.lastPosition !== null })));
    const onlyMoved = signature === this.signature;
    this.signature = signature;
    this.collectors = collectors;
    if (onlyMoved) for (const collector of collectors) this.movePosition(collector);
    else this.draw();
  }

  /** A live position: only that collector's marker moves, nothing else is redrawn. */
  movePosition(collector: DayCollector): void {
    const marker = this.positions.get(collector.id);
    if (marker && collector.lastPosition) {
      marker.setLatLng([collector.lastPosition.lat, collector.lastPosition.lng]);
      marker.setIcon(this.positionIcon(collector));
      marker.options.title = this.options.positionTitle(collector);
      marker.getElement()?.setAttribute('title', this.options.positionTitle(collector));
    } else if (collector.lastPosition) {
      this.collectors = this.collectors.map((c) => (c.id === collector.id ? collector : c));
      this.draw();
    }
  }

  private positionIcon(collector: DayCollector): Leaflet.DivIcon {
    const stale = collector.lastPosition ? this.options.isStale(collector.lastPosition.at) : true;
    return this.L.divIcon({
      className: this.options.classes.position,
      html: markerElement({ text: collector.displayName, data: { stale }, style: { '--c': this.options.colourOf(collector.id) } }),
      iconSize: [0, 0],
      iconAnchor: [0, 0],
    });
  }

  private draw(): void {
    const { L, options } = this;
    this.layer.clearLayers();
    this.positions.clear();
    for (const collector of this.collectors) {
      const colour = options.colourOf(collector.id);
      const home = L.divIcon({
        className: options.classes.home,
        html: markerElement({ text: '⌂', style: { '--c': colour } }),
        iconSize: [22, 22],
        iconAnchor: [11, 11],
      });
      this.layer.addLayer(
        L.marker([collector.home.lat, collector.home.lng], {
          icon: home,
          title: options.homeTitle(collector.displayName),
          keyboard: false,
        }),
      );
      if (this.showRoutes && collector.route && collector.route.stops.length > 0) {
        const stops = [...collector.route.stops].sort((a, b) => a.sequence - b.sequence);
        const line: [number, number][] = [[collector.home.lat, collector.home.lng], ...stops.map((s): [number, number] => [s.lat, s.lng])];
        this.layer.addLayer(L.polyline(line, { color: colour, weight: 3, opacity: 0.75, dashArray: '1 0', interactive: false }));
        stops.forEach((stop, k) => {
          const icon = L.divIcon({
            className: options.classes.stop,
            html: markerElement({ text: String(k + 1), data: { state: stop.state }, style: { '--c': colour } }),
            iconSize: [22, 22],
            iconAnchor: [11, 11],
          });
          this.layer.addLayer(L.marker([stop.lat, stop.lng], { icon, title: options.stopTitle(k + 1, stop.debtorName), keyboard: false }));
          if (stop.checkIn) {
            const checkIn = L.divIcon({
              className: options.classes.checkIn,
              html: markerElement({ style: { '--c': colour } }),
              iconSize: [10, 10],
              iconAnchor: [5, 5],
            });
            this.layer.addLayer(L.marker([stop.checkIn.lat, stop.checkIn.lng], { icon: checkIn, keyboard: false, interactive: false }));
          }
        });
      }
      if (collector.lastPosition) {
        const marker = L.marker([collector.lastPosition.lat, collector.lastPosition.lng], {
          icon: this.positionIcon(collector),
          title: options.positionTitle(collector),
          keyboard: false,
          zIndexOffset: 1000,
        });
        this.positions.set(collector.id, marker);
        this.layer.addLayer(marker);
      }
    }
  }

  destroy(): void {
    this.layer.remove();
  }
}
