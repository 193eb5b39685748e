// The collector's sync engine for the signed-in session: opened on sign-in, closed on sign-out. Views
// read the device's store through it, so the app works with no network once the first sync is done.
import { useEffect, useState } from 'preact/hooks';
import { updates } from '../../platform/updates.js';
import { openSyncEngine, startSyncTriggers, type SyncEngine, type SyncProgress } from '../../sync/index.js';
import { openVisitAudio, type VisitAudio } from './visit-audio.js';

export type EngineState =
  | { status: 'closed' }
  | { status: 'opening'; userId: string }
  | { status: 'open'; userId: string; engine: SyncEngine }
  | { status: 'failed'; userId: string; error: string };

export interface EngineSessionHooks {
  getToken: () => string | null;
  /** The server says the session is over (signed out elsewhere, revoked). */
  onSignedOut: () => void;
}

let state: EngineState = { status: 'closed' };
let progress: SyncProgress | null = null;
/** The visit recorder, once the engine is open (recordings go from it to the engine). */
let audio: VisitAudio | null = null;
/** Bumped whenever the device's store may have changed, so views re-read it. */
let revision = 0;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function setState(next: EngineState): void {
  state = next;
  notify();
}

/** Views call this after their own writes; the engine's progress covers its rounds. */
export function storeChanged(): void {
  revision += 1;
  notify();
}

/**
 * Opens the engine for this collector and starts syncing (app start, network back, page visible,
 * server nudges, a timer). Returns the function that stops it all; `forget` also removes the
 * debtors' data from the device (sign-out, revoked session) while keeping unsent records.
 */
export function startCollectorEngine(userId: string, hooks: EngineSessionHooks): (options?: { forget?: boolean }) => Promise<void> {
  let stopped = false;
  let stopTriggers: (() => void) | null = null;
  let unsubscribe: (() => void) | null = null;
  let unwatchUpdates: (() => void) | null = null;
  let signedOutSeen = false;
  setState({ status: 'opening', userId });
  const opened = openSyncEngine({ userId, transport: { baseUrl: '', getToken: hooks.getToken } }).then(
    (engine) => {
      if (stopped) return engine;
      unsubscribe = engine.subscribe((next) => {
        progress = next;
        revision += 1;
        notify();
        if (next.signedOut && !signedOutSeen) {
          signedOutSeen = true;
          hooks.onSignedOut();
        }
      });
      // A new app version waits while the engine is sending (platform/updates.ts).
      unwatchUpdates = updates.watchSync((listener) => engine.subscribe(listener));
      stopTriggers = startSyncTriggers({ requestSync: engine.requestSync, nudges: { baseUrl: '', getToken: hooks.getToken } });
      setState({ status: 'open', userId, engine });
      // What a closed or crashed app left of a recording goes to the engine first thing.
      void openVisitAudio(userId, engine).then(
        async (opened) => {
          if (stopped) return opened.close();
          audio = opened;
          // Its hand-overs write to the engine's store: views read it again.
          opened.subscribe(storeChanged);
          storeChanged();
          await opened.handOverLeftovers();
        },
        (error: unknown) => console.warn('Visit recordings are not available on this device', error),
      );
      return engine;
    },
    (error: unknown) => {
      // IndexedDB refused (private mode, storage full): the app cannot work offline and says so.
      if (!stopped) setState({ status: 'failed', userId, error: error instanceof Error ? error.message : String(error) });
      return null;
    },
  );

  return async ({ forget = false } = {}) => {
    if (stopped) return;
    stopped = true;
    stopTriggers?.();
    unsubscribe?.();
    unwatchUpdates?.();
    progress = null;
    const recorder = audio;
    audio = null;
    setState({ status: 'closed' });
    const engine = await opened;
    if (!engine) return;
    // A recording running at sign-out is stopped and kept: it is the collector's, not the debtor data.
    await recorder?.close();
    if (forget) await engine.forgetCaseData().catch(() => undefined);
    await engine.close();
  };
}

export function engineState(): EngineState {
  return state;
}

/** Re-renders on every engine, progress or store change. */
function useEngineTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return tick;
}

export function useEngineState(): EngineState {
  useEngineTick();
  return state;
}

export function useSyncProgress(): SyncProgress | null {
  useEngineTick();
  return progress;
}

/** Changes whenever the store may hold something new: a dependency for store reads. */
export function useStoreRevision(): number {
  useEngineTick();
  return revision;
}

/** The visit recorder and its state; null until the engine is open (or where IndexedDB refused). */
export function useVisitAudio(): VisitAudio | null {
  useEngineTick();
  return audio;
}
