// The markers the map shows: fetched with the console's filters for a box around the view (so panning
// needs no new request); a drawn shape narrows them in the browser.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MapMarkers } from '../../../shared/schemas/dispatch.js';
import type { CaseFilters } from '../../cases/table-state.js';
import { fetchMarkers } from '../dispatch.api.js';
import { noMarkers } from '../map/marker-index.js';
import { boxOf, inRing, type Box, type Ring } from '../map/polygon.js';
import { containsBox, padBox, type Area } from './filters.js';

const everyMarker = () => true;

const boxArea = (box: Box) => (box.maxLat - box.minLat) * (box.maxLng - box.minLng);

export interface MarkerState {
  markers: MapMarkers;
  keep: (i: number) => boolean;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export function useMarkers(filters: CaseFilters, view: Box | null, area: Area, shape: Ring | null, reloadKey: number): MarkerState {
  const [markers, setMarkers] = useState<MapMarkers>(noMarkers);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const fetched = useRef<{ box: Box; key: string; truncated: boolean } | null>(null);
  const key = `${JSON.stringify(filters)}|${reloadKey}|${attempt}`;

  useEffect(() => {
    if (!view) return;
    const last = fetched.current;
    const covered =
      last !== null &&
      last.key === key &&
      containsBox(last.box, view) &&
      // A capped answer for a wide box hides cases a closer look should show.
      !(last.truncated && boxArea(view) * 6 < boxArea(last.box));
    if (covered) return;
    const box = padBox(view, 1);
    const controller = new AbortController();
    setLoading(true);
    fetchMarkers(filters, box, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        fetched.current = { box, key, truncated: answer.truncated };
        setMarkers(answer);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [view, key]);

  const keep = useMemo(() => {
    if (area !== 'shape' || !shape || shape.length < 3) return everyMarker;
    const box = boxOf(shape);
    return (i: number) => {
      const lat = markers.lat[i] ?? NaN;
      const lng = markers.lng[i] ?? NaN;
      return lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng && inRing(shape, lat, lng);
    };
  }, [markers, area, shape]);

  return { markers, keep, loading, error, reload: () => setAttempt((n) => n + 1) };
}
