// The day's collectors (home, last position, published route and its progress), kept live: a
// position moves one marker, a 'dispatch:changed' signal refetches the day (and tells the page).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DispatchDay } from '../../../shared/schemas/dispatch.js';
import type { RealtimeSocket } from '../../app/realtime.js';
import { fetchDay } from '../dispatch.api.js';
import type { DayCollector } from '../map/people-layer.js';

export interface DayState {
  collectors: DayCollector[];
  error: unknown;
  reload: () => void;
}

export function useDispatchDay(
  date: string,
  socket: RealtimeSocket | null,
  handlers: { onPosition: (collector: DayCollector) => void; onChanged: (caseIds: string[]) => void },
): DayState {
  const [day, setDay] = useState<DispatchDay | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(handlers);
  latest.current = handlers;
  const collectors = useRef<DayCollector[]>([]);
  collectors.current = day?.collectors ?? [];

  useEffect(() => {
    const controller = new AbortController();
    fetchDay(date, controller.signal).then(
      (answer) => {
        setDay(answer);
        setError(null);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      },
    );
    return () => controller.abort();
  }, [date, attempt]);

  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changedIds = new Set<string>();
    const onChanged = (signal: { caseIds: string[] }) => {
      for (const id of signal.caseIds) changedIds.add(id);
      // A burst of signals (a published plan) becomes one refetch.
      clearTimeout(timer);
      timer = setTimeout(() => {
        setAttempt((n) => n + 1);
        latest.current.onChanged([...changedIds]);
        changedIds.clear();
      }, 400);
    };
    const onPosition = (position: { collectorId: string; lat: number; lng: number; accuracyM: number; at: string }) => {
      const found = collectors.current.find((c) => c.id === position.collectorId);
      if (!found) return;
      const moved: DayCollector = {
        ...found,
        lastPosition: { lat: position.lat, lng: position.lng, accuracyM: position.accuracyM, at: position.at },
      };
      collectors.current = collectors.current.map((c) => (c.id === moved.id ? moved : c));
      // The map moves the marker at once; the list catches up without redrawing the map's routes.
      latest.current.onPosition(moved);
      setDay((previous) => (previous ? { ...previous, collectors: collectors.current } : previous));
    };
    socket.on('dispatch:changed', onChanged);
    socket.on('collector:position', onPosition);
    // After a reconnection things may have changed meanwhile.
    const onConnect = () => setAttempt((n) => n + 1);
    socket.io.on('reconnect', onConnect);
    return () => {
      clearTimeout(timer);
      socket.off('dispatch:changed', onChanged);
      socket.off('collector:position', onPosition);
      socket.io.off('reconnect', onConnect);
    };
  }, [socket]);

  return { collectors: day?.collectors ?? [], error, reload: () => setAttempt((n) => n + 1) };
}
