// Typed socket.io events, the one definition both ends use. Sockets carry signals, never data.
export interface ServerToClientEvents {
  /** Something the device holds has changed: pull now. */
  'sync:nudge': (signal: { reason: 'cases' | 'route' | 'session' }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export const socketPath = '/api/socket.io';
