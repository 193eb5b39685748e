// Typed socket.io events, the one definition both ends use. Sockets carry signals, never data.
export interface AlertSignal {
  alertId: string;
  kind: 'sos';
  collectorId: string;
  collectorName: string;
  position: { lat: number; lng: number; accuracyM: number } | null;
  note: string | null;
  raisedAt: string;
}

export interface CollectorPosition {
  collectorId: string;
  lat: number;
  lng: number;
  accuracyM: number;
  at: string;
}

export interface ServerToClientEvents {
  /** Something the device holds has changed: pull now. */
  'sync:nudge': (signal: { reason: 'cases' | 'route' | 'session' }) => void;
  /** To supervisors and dispatchers: a collector needs help. */
  'alert:raised': (alert: AlertSignal) => void;
  /** To the dispatcher who started a plan: the search's best so far. */
  'plan:progress': (progress: { requestId: string; elapsedMs: number; servedValuePct: number; travelSeconds: number }) => void;
  /** To supervisors and dispatchers: where a collector is (from the app in the foreground). */
  'collector:position': (position: CollectorPosition) => void;
  /** To dispatchers and supervisors (of the collector's team when teams are restricted): cases changed (a visit arrived, an assignment or a route was published); refetch what shows them. */
  'dispatch:changed': (signal: { reason: 'visit' | 'assignment' | 'route'; caseIds: string[]; collectorId: string | null }) => void;
}

export interface ClientToServerEvents {
  /** A collector's app reports its position; the server keeps at most one every few seconds. */
  'position:update': (position: { lat: number; lng: number; accuracyM: number }, ack?: (answer: { accepted: boolean; reason?: string }) => void) => void;
}

export const socketPath = '/api/socket.io';
