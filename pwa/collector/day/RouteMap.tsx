// The day's stops on a Leaflet map: numbered markers in route order, joined by a line when a route
// is published. Leaflet is loaded on first use so the list opens without it.
import type * as Leaflet from 'leaflet';
import type { LayerGroup, Map as LeafletMap } from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import 'leaflet/dist/leaflet.css';
import { useI18n } from '../../app/i18n/i18n.js';
import { navigate } from '../../app/router.js';
import { Notice } from '../../app/ui/ui.js';
import type { DayStop } from './day-plan.js';
import { tileSource } from '../../platform/tiles/source.js';
import styles from './DayPage.module.css';

export function RouteMap({ stops, joined = false }: { stops: DayStop[]; joined?: boolean }) {
  const { t, money } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<{ map: LeafletMap; markers: LayerGroup; leaflet: typeof Leaflet } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import('leaflet').then(
      (module) => {
        const leaflet = module.default;
        if (cancelled || !container.current) return;
        // The same source the service worker caches (platform/tiles/source.ts).
        const source = tileSource;
        const created = leaflet.map(container.current, { zoomControl: true, attributionControl: true });
        leaflet
          // CORS tiles: the service worker may cache them (a no-cors answer is opaque and padded).
          .tileLayer(source.urlTemplate, {
            attribution: source.attribution,
            maxZoom: source.maxZoom,
            subdomains: source.subdomains,
            crossOrigin: true,
          })
          .addTo(created);
        map.current = { map: created, markers: leaflet.layerGroup().addTo(created), leaflet };
        setFailed(false);
        draw();
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      map.current?.map.remove();
      map.current = null;
    };
    // The map is built once; markers follow the stops below.
  }, []);

  function draw() {
    const current = map.current;
    if (!current) return;
    const { leaflet, markers } = current;
    markers.clearLayers();
    const points: [number, number][] = [];
    for (const stop of stops) {
      const at: [number, number] = [stop.lat, stop.lng];
      points.push(at);
      // divIcon markers: no image files to resolve under Vite, and the number matches the list.
      const icon = leaflet.divIcon({
        className: styles.marker ?? '',
        html: `<span data-progress="${stop.progress}">${stop.number}</span>`,
        iconSize: [36, 36],
        iconAnchor: [18, 18],
      });
      const marker = leaflet.marker(at, { icon, title: t.collector.day.stopLabel(stop.number, stop.debtorName), keyboard: true });
      marker.bindTooltip(`${stop.number}. ${stop.debtorName} · ${money(stop.totalOutstanding)}`, { direction: 'top', offset: [0, -16] });
      marker.on('click', () => navigate(`/cases/${stop.caseId}`));
      markers.addLayer(marker);
    }
    if (joined && points.length > 1) markers.addLayer(leaflet.polyline(points, { color: '#1d4ed8', weight: 3, opacity: 0.6 }));
    if (points.length === 1 && points[0]) current.map.setView(points[0], 15);
    else if (points.length > 1) current.map.fitBounds(leaflet.latLngBounds(points), { padding: [32, 32], maxZoom: 16 });
  }

  // Redrawn (and refitted) only when the stops themselves change, not on every progress tick.
  const stopsKey = JSON.stringify(stops.map((stop) => [stop.number, stop.caseId, stop.lat, stop.lng, stop.progress]));
  useEffect(draw, [stopsKey, joined, t, money]);

  return (
    <div class={styles.mapWrap}>
      {failed && <Notice kind="warn" title={t.collector.day.mapUnavailable} />}
      <div ref={container} class={styles.map} role="region" aria-label={t.collector.day.mapLabel} data-testid="route-map" />
    </div>
  );
}
