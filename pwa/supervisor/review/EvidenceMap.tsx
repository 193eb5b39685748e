// The visit on a Leaflet map: the target address, the check-in with its accuracy circle, where each
// photo was taken, and the collector's check-ins before and after (dashed, in order). Leaflet loads on
// first use; markers are divIcons, so no image files need resolving under Vite.
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import 'leaflet/dist/leaflet.css';
import type { VisitReview } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, Notice } from '../../app/ui/ui.js';
import { tileSource } from '../../platform/tiles/source.js';
import { useReviewText } from '../i18n/useReviewText.js';
import styles from './VisitReview.module.css';

type LatLng = [number, number];

/** Check-ins before and after within this distance share the first view; farther ones are a click away. */
const nearbyM = 2_000;

export function EvidenceMap({ review }: { review: VisitReview }) {
  const r = useReviewText();
  const { dateTime } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState(0);
  const fitAll = useRef<(() => void) | null>(null);
  const [farNeighbours, setFarNeighbours] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let map: Leaflet.Map | undefined;
    import('leaflet').then(
      ({ default: L }) => {
        if (cancelled || !container.current) return;
        map = L.map(container.current, { zoomControl: true, attributionControl: true });
        L.tileLayer(tileSource.urlTemplate, {
          attribution: tileSource.attribution,
          maxZoom: tileSource.maxZoom,
          subdomains: tileSource.subdomains,
          crossOrigin: true,
        }).addTo(map);
        const zone = review.case.timeZone;
        const icon = (kind: string, text: string, size = 28) =>
          L.divIcon({
            className: styles.mapIcon ?? '',
            html: `<span data-kind="${kind}">${text}</span>`,
            iconSize: [size, size],
            iconAnchor: [size / 2, size / 2],
          });
        const points: LatLng[] = [];
        // The first view frames the visit itself (target, check-in, photos) and only near neighbours.
        const framed: LatLng[] = [];
        const add = (at: LatLng, marker: Leaflet.Layer, frame = true) => {
          points.push(at);
          if (frame) framed.push(at);
          marker.addTo(map!);
        };
        const target: LatLng = [review.target.lat, review.target.lng];
        add(
          target,
          L.marker(target, { icon: icon('target', '⌂', 32), title: r.map.target, zIndexOffset: 500 }).bindTooltip(
            r.visit.labelled(r.map.target, review.target.address),
            { direction: 'top' },
          ),
        );
        const radius = review.anomalies.find((a) => a.code === 'far_from_address')?.details.radiusM;
        if (typeof radius === 'number')
          L.circle(target, { radius, color: '#067647', weight: 1, dashArray: '4 4', fill: false, interactive: false }).addTo(map);
        const route: LatLng[] = [];
        const neighbour = (n: VisitReview['previousCheckIn'], kind: 'previous' | 'next') => {
          if (!n) return;
          const at: LatLng = [n.lat, n.lng];
          const label = r.map[kind](n.debtorName, dateTime(n.checkedInAt, zone));
          add(
            at,
            L.marker(at, { icon: icon(kind, kind === 'previous' ? '◀' : '▶'), title: label }).bindTooltip(label, { direction: 'top' }),
            n.distanceM <= nearbyM,
          );
          return at;
        };
        const before = neighbour(review.previousCheckIn, 'previous');
        if (before) route.push(before);
        if (review.checkIn) {
          const at: LatLng = [review.checkIn.lat, review.checkIn.lng];
          L.circle(at, { radius: review.checkIn.accuracyM, color: '#1d4ed8', weight: 1, fillOpacity: 0.12, interactive: false }).addTo(map);
          add(
            at,
            L.marker(at, { icon: icon('checkIn', '✓', 30), title: r.map.checkIn, zIndexOffset: 1000 }).bindTooltip(
              `${r.map.checkIn} · ${r.map.accuracy(Math.round(review.checkIn.accuracyM))}`,
              { direction: 'top' },
            ),
          );
          route.push(at);
          L.polyline([at, target], { color: '#b42318', weight: 2, dashArray: '2 6', interactive: false }).addTo(map);
        }
        const after = neighbour(review.nextCheckIn, 'next');
        if (after) route.push(after);
        if (route.length > 1) L.polyline(route, { color: '#6b7686', weight: 2, dashArray: '6 6', interactive: false }).addTo(map);
        review.photos.forEach((photo, index) => {
          if (photo.lat === null || photo.lng === null) return;
          const at: LatLng = [photo.lat, photo.lng];
          add(
            at,
            L.marker(at, { icon: icon('photo', String(index + 1), 22), title: r.map.photo(index + 1), zIndexOffset: 1500 }).bindTooltip(
              r.map.photo(index + 1),
              { direction: 'top' },
            ),
          );
        });
        const fit = (area: LatLng[]) =>
          area.length === 1 ? map!.setView(area[0]!, 16) : map!.fitBounds(L.latLngBounds(area), { padding: [36, 36], maxZoom: 17 });
        fit(framed);
        fitAll.current = () => fit(points);
        setFarNeighbours(points.length > framed.length);
        setDrawn(points.length);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [review, r, dateTime]);

  return (
    <div class={styles.mapWrap}>
      {failed && <Notice kind="warn" title={r.map.unavailable} />}
      <div ref={container} class={styles.map} role="region" aria-label={r.map.label} data-testid="evidence-map" data-drawn={drawn} />
      <ul class={styles.legend}>
        {(['target', 'checkIn', 'photo', 'previous', 'next'] as const).map((kind) => (
          <li key={kind}>
            <span class={styles.legendMark} data-kind={kind} aria-hidden="true" />
            {r.map.legend[kind]}
          </li>
        ))}
        {farNeighbours && (
          <li class={styles.legendAction}>
            <Button variant="ghost" onClick={() => fitAll.current?.()}>
              {r.map.showAll}
            </Button>
          </li>
        )}
      </ul>
    </div>
  );
}
