// Open risk signals on a Leaflet map: one circle per signal at its case, coloured and sized by
// severity; choosing one selects it in the list. Leaflet is loaded with the view.
import type * as Leaflet from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RiskSeverity } from '../../shared/risk.js';
import type { RiskBoardItem } from '../../shared/schemas/risk.js';
import { Notice } from '../app/ui/ui.js';
import { tileSource } from '../platform/tiles/source.js';
import type { Box } from './board-state.js';
import { useRiskText } from './i18n/useRiskText.js';
import styles from './RiskPage.module.css';

export const severityColour: Record<RiskSeverity, string> = { high: '#b42318', medium: '#dc6803', low: '#ca8a04', info: '#1d4ed8' };
const severityRadius: Record<RiskSeverity, number> = { high: 10, medium: 8, low: 7, info: 6 };
const shenyang: [number, number] = [41.8, 123.43];

interface Props {
  items: readonly RiskBoardItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onView: (box: Box) => void;
}

export function RiskMap({ items, selectedId, onSelect, onView }: Props) {
  const r = useRiskText();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<{ L: typeof Leaflet; map: Leaflet.Map; markers: Leaflet.LayerGroup } | null>(null);
  const latest = useRef({ onSelect, onView });
  latest.current = { onSelect, onView };
  const fitted = useRef(false);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import('leaflet').then(
      (module) => {
        const L = module.default;
        if (cancelled || !container.current) return;
        const created = L.map(container.current, { zoomControl: true }).setView(shenyang, 11);
        L.tileLayer(tileSource.urlTemplate, {
          attribution: tileSource.attribution,
          maxZoom: tileSource.maxZoom,
          subdomains: tileSource.subdomains,
          crossOrigin: true,
        }).addTo(created);
        const report = () => {
          const b = created.getBounds();
          latest.current.onView({ minLng: b.getWest(), minLat: b.getSouth(), maxLng: b.getEast(), maxLat: b.getNorth() });
        };
        created.on('moveend', report);
        map.current = { L, map: created, markers: L.layerGroup().addTo(created) };
        report();
        setReady(true);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      map.current?.map.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const { L, markers } = current;
    markers.clearLayers();
    // Gravest drawn last, on top.
    for (const item of [...items].reverse()) {
      const selected = item.id === selectedId;
      const marker = L.circleMarker([item.lat, item.lng], {
        radius: severityRadius[item.severity] + (selected ? 4 : 0),
        color: selected ? '#111827' : '#ffffff',
        weight: selected ? 3 : 1.5,
        fillColor: severityColour[item.severity],
        fillOpacity: 0.9,
      });
      marker.bindTooltip(r.map.marker(r.type[item.type], r.severity[item.severity], item.debtorName), { direction: 'top' });
      marker.on('click', () => latest.current.onSelect(item.id));
      markers.addLayer(marker);
    }
    // Fit the first signals shown; afterwards the supervisor's own panning and zooming stand.
    if (!fitted.current && items.length > 0) {
      fitted.current = true;
      current.map.fitBounds(L.latLngBounds(items.map((i) => [i.lat, i.lng] as [number, number])), { padding: [40, 40], maxZoom: 15 });
    }
  }, [items, selectedId, ready, r]);

  useEffect(() => {
    const chosen = items.find((item) => item.id === selectedId);
    if (chosen && map.current && !map.current.map.getBounds().contains([chosen.lat, chosen.lng]))
      map.current.map.panTo([chosen.lat, chosen.lng]);
  }, [selectedId]);

  return (
    <div class={styles.mapWrap}>
      {failed && <Notice kind="warn" title={r.map.unavailable} />}
      <div ref={container} class={styles.map} role="region" aria-label={r.map.label} data-testid="risk-map" />
    </div>
  );
}
