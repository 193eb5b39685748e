// When to sync: app start, the network coming back, the page becoming visible, a server nudge
// over socket.io, and a timer while the app is open. Background Sync is only an extra: browsers
// without it (Safari, Firefox) still sync through the others.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';
import { socketPath } from '../../shared/events.js';

export const backgroundSyncTag = 'fieldvisits-sync';

export interface TriggerOptions {
  requestSync: (reason: string) => void;
  /** While the app is open; default 5 minutes. */
  intervalMs?: number;
  /** Listen for server nudges; omit to go without the socket. */
  nudges?: { baseUrl: string; getToken(): string | null | Promise<string | null> };
  /** Defaults to the browser's window and document when present. */
  window?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  document?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState: string };
}

/** Starts every trigger (and one sync now, for app start); returns a function that stops them. */
export function startSyncTriggers(options: TriggerOptions): () => void {
  const { requestSync } = options;
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const doc = options.document ?? (typeof document === 'undefined' ? undefined : document);
  const stops: (() => void)[] = [];

  const onOnline = () => requestSync('online');
  win?.addEventListener('online', onOnline);
  stops.push(() => win?.removeEventListener('online', onOnline));

  const onVisible = () => {
    if (doc?.visibilityState === 'visible') requestSync('visible');
  };
  doc?.addEventListener('visibilitychange', onVisible);
  stops.push(() => doc?.removeEventListener('visibilitychange', onVisible));

  const timer = setInterval(() => requestSync('timer'), options.intervalMs ?? 5 * 60_000);
  stops.push(() => clearInterval(timer));

  if (options.nudges) {
    const socket = connectNudges(options.nudges, requestSync);
    stops.push(() => socket.close());
  }

  void registerBackgroundSync();
  requestSync('start');
  return () => {
    for (const stop of stops) stop();
  };
}

function connectNudges(
  nudges: NonNullable<TriggerOptions['nudges']>,
  requestSync: (reason: string) => void,
): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(nudges.baseUrl || undefined, {
    path: socketPath,
    // A callback, so every reconnection presents the current token.
    auth: (callback) => {
      void Promise.resolve(nudges.getToken()).then((token) => callback({ token }));
    },
  });
  socket.on('sync:nudge', (signal) => requestSync(`nudge:${signal.reason}`));
  // Reconnected after a gap: things may have changed meanwhile.
  socket.on('connect', () => requestSync('socket connected'));
  return socket;
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Asks the service worker to be woken when connectivity returns, where the browser supports it. */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    const container = (globalThis as { navigator?: { serviceWorker?: { ready: Promise<{ sync?: SyncManagerLike }> } } }).navigator
      ?.serviceWorker;
    if (!container) return false;
    const registration = await container.ready;
    if (!registration.sync) return false;
    await registration.sync.register(backgroundSyncTag);
    return true;
  } catch {
    return false;
  }
}
