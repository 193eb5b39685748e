// The console's map: cases (clustered), collectors and their day, a draft plan's routes, and the
// rectangle or polygon a dispatcher draws to select cases. Leaflet is loaded with the console.
import type * as Leaflet from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapMarkers, PlanView } from '../../../shared/schemas/dispatch.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Notice } from '../../app/ui/ui.js';
import { tileSource } from '../../platform/tiles/source.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { CaseLayer } from './case-layer.js';
import type { ColourBy } from './colours.js';
import { ShapeDrawing, type ShapeKind } from './draw.js';
import { PeopleLayer, type DayCollector } from './people-layer.js';
import { PlanLayer } from './plan-layer.js';
import type { Box, Ring } from './polygon.js';
import styles from './CaseMap.module.css';

/** What the page may ask of the map. */
export interface MapControl {
  draw: (kind: ShapeKind) => Promise<void>;
  clearShape: () => void;
  flyTo: (lat: number, lng: number, zoom?: number) => void;
  /** Flies to a case and marks it until another is shown. */
  showCase: (caseId: string, lat: number, lng: number) => void;
  fitPlan: (plan: PlanView) => void;
  moveCollector: (collector: DayCollector) => void;
}

export interface CaseMapProps {
  control: { current: MapControl | null };
  markers: MapMarkers;
  keep: (i: number) => boolean;
  colourBy: ColourBy;
  selection: ReadonlySet<string>;
  onCase: (caseId: string) => void;
  onView: (box: Box, zoom: number) => void;
  onShape: (ring: Ring | null) => void;
  collectors: DayCollector[];
  colourOf: (collectorId: string) => string;
  caseTitle: (i: number, markers: MapMarkers) => string;
  plan: PlanView | null;
  chosenStop: string | null;
  onStop: (caseId: string) => void;
  isStale: (iso: string) => boolean;
  positionTitle: (collector: DayCollector) => string;
  onDrawError: (error: unknown) => void;
}

interface Layers {
  L: typeof Leaflet;
  map: Leaflet.Map;
  cases: CaseLayer;
  people: PeopleLayer;
  plan: PlanLayer;
  drawing: ShapeDrawing | null;
}

const shenyang: [number, number] = [41.8, 123.43];

export function CaseMap(props: CaseMapProps) {
  const { locale } = useI18n();
  const d = useDispatchText();
  const container = useRef<HTMLDivElement>(null);
  const layers = useRef<Layers | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const text = useRef(d);
  text.current = d;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import('leaflet').then(
      (module) => {
        const L = module.default;
        const element = container.current;
        if (cancelled || !element) return;
        // Markers hide while a zoom animates: clusters change with the zoom anyway, and moving hundreds
        // of bubbles through the animation costs frames.
        const map = L.map(element, { zoomControl: true, keyboard: true, markerZoomAnimation: false }).setView(shenyang, 11);
        L.tileLayer(tileSource.urlTemplate, {
          attribution: tileSource.attribution,
          maxZoom: tileSource.maxZoom,
          subdomains: tileSource.subdomains,
          crossOrigin: true,
        }).addTo(map);
        const people = new PeopleLayer(L, map, {
          colourOf: (id) => latest.current.colourOf(id),
          homeTitle: (name) => text.current.map.home(name),
          positionTitle: (c) => latest.current.positionTitle(c),
          stopTitle: (n, name) => text.current.map.stop(n, name),
          isStale: (iso) => latest.current.isStale(iso),
          classes: { home: styles.home ?? '', position: styles.position ?? '', stop: styles.dayStop ?? '', checkIn: styles.checkIn ?? '' },
        });
        const plan = new PlanLayer(L, map, {
          colourOf: (id) => latest.current.colourOf(id),
          homeOf: (id) => latest.current.collectors.find((c) => c.id === id)?.home ?? null,
          stopTitle: (collector, n, name) => text.current.map.planStop(collector, n, name),
          onStop: (caseId) => latest.current.onStop(caseId),
          stopClass: styles.planStop ?? '',
        });
        const cases = new CaseLayer(L, map, {
          onCase: (id) => latest.current.onCase(id),
          caseTitle: (i, markers) => latest.current.caseTitle(i, markers),
          clusterTitle: (n) => text.current.map.cluster(n),
          clusterClass: styles.cluster ?? '',
        });
        cases.onRendered = (drawn) => element.setAttribute('data-drawn', String(drawn));
        const report = () => {
          const b = map.getBounds();
          latest.current.onView({ minLat: b.getSouth(), minLng: b.getWest(), maxLat: b.getNorth(), maxLng: b.getEast() }, map.getZoom());
        };
        // The page (table, counts) follows the view once the map has settled, not in the frame that
        // redraws the markers: a dispatcher panning in steps causes one update, not one per step.
        let settle: ReturnType<typeof setTimeout> | undefined;
        map.on('moveend', () => {
          clearTimeout(settle);
          settle = setTimeout(report, 250);
        });
        map.on('unload', () => clearTimeout(settle));
        // The timeline opening under the map changes its size: Leaflet must be told.
        const resize = new ResizeObserver(() => map.invalidateSize({ pan: false }));
        resize.observe(element);
        map.on('unload', () => resize.disconnect());
        layers.current = { L, map, cases, people, plan, drawing: null };
        setReady(true);
        report();
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      const current = layers.current;
      current?.drawing?.destroy();
      current?.cases.destroy();
      current?.map.remove();
      layers.current = null;
    };
  }, []);

  useEffect(() => {
    props.control.current = {
      draw: async (kind) => {
        const current = layers.current;
        if (!current) return;
        try {
          current.drawing ??= await ShapeDrawing.load(current.L, current.map, locale === 'en' ? 'en' : 'zh');
          current.drawing.start(kind, (ring) => latest.current.onShape(ring));
        } catch (error) {
          latest.current.onDrawError(error);
        }
      },
      clearShape: () => {
        layers.current?.drawing?.clear();
        latest.current.onShape(null);
      },
      flyTo: (lat, lng, zoom) => layers.current?.map.flyTo([lat, lng], zoom ?? Math.max(layers.current.map.getZoom(), 15)),
      showCase: (caseId, lat, lng) => {
        layers.current?.cases.setFocus(caseId);
        layers.current?.map.flyTo([lat, lng], Math.max(layers.current.map.getZoom(), 16));
      },
      fitPlan: (plan) => {
        layers.current?.map.invalidateSize({ pan: false });
        layers.current?.plan.fit(plan);
      },
      moveCollector: (collector) => layers.current?.people.movePosition(collector),
    };
  }, [ready, locale]);

  useEffect(() => layers.current?.drawing?.setLang(locale === 'en' ? 'en' : 'zh'), [locale]);
  useEffect(() => layers.current?.cases.setData(props.markers, props.keep), [ready, props.markers, props.keep]);
  useEffect(() => layers.current?.cases.setColourBy(props.colourBy), [ready, props.colourBy]);
  useEffect(() => layers.current?.cases.setSelection(props.selection), [ready, props.selection]);
  useEffect(() => layers.current?.people.setCollectors(props.collectors), [ready, props.collectors, d]);
  useEffect(() => {
    layers.current?.people.setShowRoutes(props.plan === null);
    layers.current?.plan.draw(props.plan, props.chosenStop);
  }, [ready, props.plan, props.chosenStop, d]);

  return (
    <div class={styles.wrap}>
      {failed && <Notice kind="error" title={d.map.unavailable} />}
      <div
        ref={container}
        class={styles.map}
        role="region"
        aria-label={d.map.label}
        data-testid="case-map"
        data-cases={props.markers.ids.length}
        data-plan={props.plan !== null}
      />
    </div>
  );
}
