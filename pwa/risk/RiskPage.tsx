// Risk monitoring (supervisors, admins): open risk signals by type and severity, per team and area,
// on a map and in a list, each linking to its case and visit; live through 'risk:signal'.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { TeamSummary } from '../../shared/schemas/directory.js';
import type { RiskBoardItem } from '../../shared/schemas/risk.js';
import { connectRealtime } from '../app/realtime.js';
import { navigate, useLocation } from '../app/router.js';
import { ErrorNotice, Loading, Toast } from '../app/ui/ui.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { useRequest } from '../app/useRequest.js';
import { boardQuery, type Box, filtersFromSearch, mergeSignal, searchFromFilters } from './board-state.js';
import { useRiskText } from './i18n/useRiskText.js';
import { RiskFilters } from './RiskFilters.js';
import { RiskMap } from './RiskMap.js';
import { RiskSummary } from './RiskSummary.js';
import { acknowledgeSignal, fetchBoard, fetchTeams } from './risk.api.js';
import { SignalList } from './SignalList.js';
import styles from './RiskPage.module.css';

export default function RiskPage(_props: { user: SessionUser }) {
  const r = useRiskText();
  usePageTitle(r.title);
  const location = useLocation();
  const filters = filtersFromSearch(location.search);
  const [box, setBox] = useState<Box | null>(null);
  // The area query follows the map only when asked to, so panning does not refetch otherwise.
  const areaKey = filters.inView && box ? JSON.stringify(box) : '';
  const board = useRequest((signal) => fetchBoard(boardQuery(filters, box), signal), [location.search, areaKey]);
  const teams = useRequest<TeamSummary[]>((signal) => fetchTeams(signal), []);
  const [items, setItems] = useState<RiskBoardItem[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState<ReadonlySet<string>>(new Set());
  const [toast, setToast] = useState<string | null>(null);
  const [connected, setConnected] = useState(true);
  const current = useRef({ filters, box, reload: board.reload, r });
  current.current = { filters, box, reload: board.reload, r };
  const known = useRef(new Set<string>());
  const closeToast = useCallback(() => setToast(null), []);

  useEffect(() => {
    if (board.status === 'ready') setItems(board.data.signals);
  }, [board.status, board.data]);
  useEffect(() => {
    for (const item of items) known.current.add(item.id);
  }, [items]);

  // Live: a signal raised or acknowledged anywhere joins or leaves the list at once; the counts follow shortly.
  useEffect(() => {
    const socket = connectRealtime();
    let recount: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    socket.on('risk:signal', (signal) => {
      const { filters: now, box: area, r: text } = current.current;
      setItems((list) => mergeSignal(list, signal, now, area));
      if (signal.status === 'open' && !known.current.has(signal.id)) setToast(text.newSignal(text.type[signal.type], signal.debtorName));
      known.current.add(signal.id);
      clearTimeout(recount);
      recount = setTimeout(() => current.current.reload(), 1_500);
    });
    return () => {
      clearTimeout(recount);
      socket.close();
    };
  }, []);

  const setFilters = (next: typeof filters) => navigate(`/risk${searchFromFilters(next)}`, { replace: true });
  const acknowledge = useCallback(
    async (item: RiskBoardItem) => {
      setAcknowledging((set) => new Set([...set, item.id]));
      try {
        const updated = await acknowledgeSignal(item.id);
        setItems((list) => mergeSignal(list, updated, current.current.filters, current.current.box));
        setToast(r.acknowledged(r.type[item.type], item.debtorName));
      } catch (error) {
        setToast(error instanceof Error ? error.message : String(error));
      } finally {
        setAcknowledging((set) => new Set([...set].filter((id) => id !== item.id)));
      }
    },
    [r],
  );

  return (
    <div class={styles.page} data-testid="risk-page">
      <header class={styles.head}>
        <div>
          <h1>{r.title}</h1>
          <p class={styles.muted}>{r.subtitle}</p>
        </div>
        <span class={connected ? styles.liveOn : styles.liveOff} role="status">
          {connected ? r.live.connected : r.live.reconnecting}
        </span>
      </header>
      <RiskFilters filters={filters} teams={teams.data ?? []} onChange={setFilters} />
      {board.status === 'error' && <ErrorNotice error={board.error} onRetry={board.reload} />}
      {board.data && (
        <RiskSummary
          counts={board.data.counts}
          onPick={(type, severity) => setFilters({ ...filters, types: [type], severities: [severity] })}
          onTeam={(teamId) => setFilters({ ...filters, teamId })}
        />
      )}
      <div class={styles.body}>
        <div class={styles.listColumn}>
          {board.data ? (
            <>
              <p class={styles.count}>{r.summary.count(board.data.total)}</p>
              <SignalList
                items={items}
                total={board.data.total}
                selectedId={selectedId}
                acknowledging={acknowledging}
                onSelect={setSelectedId}
                onAcknowledge={(item) => void acknowledge(item)}
              />
            </>
          ) : (
            board.status === 'loading' && <Loading />
          )}
        </div>
        <RiskMap items={items} selectedId={selectedId} onSelect={setSelectedId} onView={setBox} />
      </div>
      {toast && (
        <Toast onClose={closeToast} autoCloseMs={5_000}>
          {toast}
        </Toast>
      )}
    </div>
  );
}
