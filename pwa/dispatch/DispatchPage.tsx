// The dispatcher's console: the cases on a clustered map with the table beside it, the collectors and
// their day live, planning a day (progress, timeline, hand edits, publish), urgent insertion and
// reassignment of selected cases. Loaded as its own chunk (App.tsx), so phones never download it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TeamSummary } from '../../shared/schemas/directory.js';
import type { MapMarkers } from '../../shared/schemas/dispatch.js';
import { defaultTimeZone } from '../app/i18n/format.js';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { useRequest } from '../app/useRequest.js';
import { cx, ErrorNotice, Notice } from '../app/ui/ui.js';
import { fetchDirectory } from '../cases/directory.api.js';
import { emptyFilters, type CaseFilters } from '../cases/table-state.js';
import { CaseList } from './cases/CaseList.js';
import { FilterBar } from './cases/FilterBar.js';
import type { Area } from './cases/filters.js';
import { useMarkers } from './cases/useMarkers.js';
import { staleAfterMs } from './day/age.js';
import { CollectorsPanel, useAgeText } from './day/CollectorsPanel.js';
import { useDispatchDay } from './day/useDispatchDay.js';
import { useRealtime } from './day/useRealtime.js';
import { fetchTeams } from './dispatch.api.js';
import { useDispatchText } from './i18n/useDispatchText.js';
import { CaseMap, type MapControl } from './map/CaseMap.js';
import { collectorColour, type ColourBy } from './map/colours.js';
import type { ShapeKind } from './map/draw.js';
import { MapToolbar } from './map/MapToolbar.js';
import { inBox, pointsInRing, type Box, type Ring } from './map/polygon.js';
import { PlanPanel } from './plan/PlanPanel.js';
import type { PlanSetupValue } from './plan/PlanSetup.js';
import { Timeline } from './plan/Timeline.js';
import { usePlanner } from './plan/usePlanner.js';
import { SelectionBar } from './SelectionBar.js';
import styles from './DispatchPage.module.css';

type Tab = 'cases' | 'plan' | 'collectors';

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export default function DispatchPage() {
  const { t } = useI18n();
  const d = useDispatchText();
  usePageTitle(d.title);
  const control = useRef<MapControl | null>(null);
  const [date, setDate] = useState(() => todayIn(defaultTimeZone));
  const [filters, setFilters] = useState<CaseFilters>(emptyFilters);
  const [area, setArea] = useState<Area>('view');
  const [colourBy, setColourBy] = useState<ColourBy>('priority');
  const [view, setView] = useState<Box | null>(null);
  const [shape, setShape] = useState<Ring | null>(null);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [tab, setTab] = useState<Tab>('cases');
  const [drawing, setDrawing] = useState<ShapeKind | 'loading' | null>(null);
  const [drawFailed, setDrawFailed] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [chosenStop, setChosenStop] = useState<string | null>(null);
  const [setup, setSetup] = useState<PlanSetupValue>({ collectorIds: [], source: 'selection', timeLimitS: 10 });

  const directory = useRequest(async (signal) => {
    const [lists, teams] = await Promise.all([fetchDirectory(signal), fetchTeams(signal).catch((): TeamSummary[] => [])]);
    return { ...lists, teams };
  }, []);
  const collectors = useMemo(() => directory.data?.collectors ?? [], [directory.data]);
  const colourIndex = useMemo(() => new Map(collectors.map((c, i) => [c.id, i])), [collectors]);
  const colourOf = (id: string) => collectorColour(colourIndex.get(id) ?? 0);
  const nameOf = (id: string) => collectors.find((c) => c.id === id)?.displayName ?? null;

  const { socket, connected } = useRealtime();
  const markerState = useMarkers(filters, view, area, shape, reloadKey);
  const { markers, keep } = markerState;
  const day = useDispatchDay(date, socket, {
    onPosition: (collector) => control.current?.moveCollector(collector),
    onChanged: () => setReloadKey((k) => k + 1),
  });
  const planner = usePlanner(socket);
  const plan = planner.plan;
  const ageText = useAgeText();

  const shownCount = useMemo(() => markers.ids.reduce((n, _, i) => (keep(i) ? n + 1 : n), 0), [markers, keep]);
  const areaCaseIds = useMemo(
    () => (view ? markers.ids.filter((_, i) => keep(i) && inBox(view, markers.lat[i] ?? NaN, markers.lng[i] ?? NaN)) : []),
    [markers, keep, view],
  );

  // A new plan is framed on the map once, when it arrives.
  const planId = plan?.id ?? null;
  useEffect(() => {
    if (plan) control.current?.fitPlan(plan);
    setChosenStop(null);
  }, [planId]);

  const toggle = (ids: string[], on: boolean) =>
    setSelection((previous) => {
      const next = new Set(previous);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const onShape = (ring: Ring | null) => {
    setShape(ring);
    setDrawing(null);
    if (!ring) {
      setArea('view');
      return;
    }
    setSelection(new Set(pointsInRing(ring, markers.lat, markers.lng, keep).map((i) => markers.ids[i] ?? '')));
  };
  const draw = (kind: ShapeKind) => {
    setDrawFailed(null);
    setDrawing('loading');
    void control.current?.draw(kind).then(() => setDrawing((now) => (now === 'loading' ? kind : now)));
  };
  const caseTitle = (i: number, set: MapMarkers) => {
    const status = set.status[i] ?? '';
    const text = d.map.caseTitle(
      set.priority[i] ?? 0,
      set.bucket[i] ?? '',
      status in t.status ? t.status[status as keyof typeof t.status] : status,
    );
    return selection.has(set.ids[i] ?? '') ? `${text} · ${d.map.selectedMark}` : text;
  };
  const caseLabel = (caseId: string) => {
    const i = markers.ids.indexOf(caseId);
    const short = caseId.slice(-6);
    return i === -1
      ? d.plan.unservedCase(short)
      : `${d.plan.unservedCase(short)} · P${markers.priority[i] ?? ''} · ${markers.bucket[i] ?? ''}`;
  };
  const runPlan = () => {
    const caseIds = setup.source === 'selection' ? [...selection] : areaCaseIds;
    planner.run({ serviceDate: date, collectorIds: setup.collectorIds, caseIds, timeLimitS: setup.timeLimitS });
  };

  return (
    <div class={cx(styles.page, plan && styles.withTimeline)}>
      <div class={styles.top}>
        <h1 class={styles.title}>{d.title}</h1>
        <label class={styles.date}>
          {d.date}
          <input type="date" value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
        </label>
        <span class={styles.live} data-connected={connected} role="status">
          {connected ? d.live.connected : d.live.reconnecting}
        </span>
        <div class={styles.filters}>
          <FilterBar
            filters={filters}
            area={area}
            hasShape={shape !== null}
            directory={directory.data}
            onApply={setFilters}
            onArea={setArea}
          />
        </div>
      </div>
      <div class={styles.mapColumn}>
        <MapToolbar
          colourBy={colourBy}
          onColourBy={setColourBy}
          drawing={drawing}
          onDraw={draw}
          hasShape={shape !== null}
          onClearShape={() => control.current?.clearShape()}
          shown={shownCount}
          loading={markerState.loading}
          truncated={markers.truncated}
        />
        {drawFailed !== null && <Notice kind="error" title={d.draw.failed} detail={drawFailed} />}
        {markerState.error !== null && <ErrorNotice error={markerState.error} onRetry={markerState.reload} />}
        {directory.status === 'error' && <ErrorNotice error={directory.error} onRetry={directory.reload} />}
        <SelectionBar
          selection={selection}
          collectors={collectors}
          onClear={() => setSelection(new Set())}
          onPlan={() => {
            setSetup({ ...setup, source: 'selection' });
            setTab('plan');
          }}
          onChanged={() => {
            setReloadKey((k) => k + 1);
            day.reload();
          }}
          onUrgent={(answer) => {
            const home = day.collectors.find((c) => c.id === answer.collectorId);
            const caseId = [...selection][0] ?? '';
            const stop = markers.ids.indexOf(caseId);
            if (stop !== -1) control.current?.showCase(caseId, markers.lat[stop] ?? 0, markers.lng[stop] ?? 0);
            else if (home) control.current?.flyTo(home.home.lat, home.home.lng, 13);
          }}
        />
        <div class={styles.map}>
          <CaseMap
            control={control}
            markers={markers}
            keep={keep}
            colourBy={colourBy}
            selection={selection}
            onCase={(id) => toggle([id], !selection.has(id))}
            onView={(box) => setView(box)}
            onShape={onShape}
            collectors={day.collectors}
            colourOf={colourOf}
            caseTitle={caseTitle}
            plan={planner.state.phase === 'review' ? plan : null}
            chosenStop={chosenStop}
            onStop={(caseId) => setChosenStop(caseId)}
            isStale={(iso) => Date.now() - Date.parse(iso) > staleAfterMs}
            positionTitle={(c) => (c.lastPosition ? d.map.position(c.displayName, ageText(c.lastPosition.at)) : c.displayName)}
            onDrawError={(error) => {
              setDrawing(null);
              setDrawFailed(error instanceof Error ? error.message : String(error));
            }}
          />
        </div>
      </div>
      <aside class={styles.panel} aria-label={d.panelLabel}>
        <div class={styles.tabs} role="tablist" aria-label={d.panelLabel}>
          {(['cases', 'plan', 'collectors'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              class={styles.tab}
              onClick={() => setTab(name)}
            >
              {d.tabs[name]}
            </button>
          ))}
        </div>
        <div class={styles.panelBody} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'cases' && (
            <CaseList
              filters={filters}
              area={area}
              shape={shape}
              view={view}
              selection={selection}
              collectorName={nameOf}
              reloadKey={reloadKey}
              onToggle={toggle}
              onFocus={(item) => control.current?.showCase(item.id, item.lat, item.lng)}
            />
          )}
          {tab === 'plan' && (
            <PlanPanel
              planner={planner}
              collectors={collectors}
              teams={directory.data?.teams ?? []}
              setup={setup}
              onSetup={setSetup}
              selectionCount={selection.size}
              areaCount={areaCaseIds.length}
              colourOf={colourOf}
              caseLabel={caseLabel}
              onRun={runPlan}
            />
          )}
          {tab === 'collectors' && (
            <CollectorsPanel
              collectors={day.collectors}
              error={day.error}
              onRetry={day.reload}
              colourOf={colourOf}
              onShow={(c) => {
                const at = c.lastPosition ?? c.home;
                control.current?.flyTo(at.lat, at.lng, 14);
              }}
            />
          )}
        </div>
      </aside>
      {plan && (
        <div class={styles.timeline}>
          <Timeline
            plan={plan}
            editable={planner.state.phase === 'review'}
            chosen={chosenStop}
            onChoose={setChosenStop}
            onEdit={planner.edit}
            colourOf={colourOf}
          />
        </div>
      )}
    </div>
  );
}
