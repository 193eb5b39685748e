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

export interface ServerToClientEvents {
  /** Something the device holds has changed: pull now. */
  'sync:nudge': (signal: { reason: 'cases' | 'route' | 'session' }) => void;
  /** To supervisors and dispatchers: a collector needs help. */
  'alert:raised': (alert: AlertSignal) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export const socketPath = '/api/socket.io';
