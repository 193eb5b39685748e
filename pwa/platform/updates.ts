// "A new version is ready": what the UI shows, and the one way to switch to it. A new version never
// reloads the app by itself, and never while the sync engine is sending something.
import type { SyncPhase, SyncProgress } from '../sync/index.js';

export type UpdateStatus =
  /** Running the newest version we know of. */
  | 'current'
  /** A new version is installed and waiting: offer it. */
  | 'available'
  /** The person accepted; it is applied as soon as nothing is being sent. */
  | 'waiting-for-sync'
  /** Switching over and reloading. */
  | 'applying';

export type ApplyResult = 'applying' | 'deferred' | 'nothing-to-apply';

export interface Updates {
  readonly status: UpdateStatus;
  /** Called at once with the current status, then on every change. Returns the unsubscribe function. */
  subscribe(listener: (status: UpdateStatus) => void): () => void;
  /** Switches to the new version now if nothing is being sent, otherwise as soon as sending stops. */
  apply(): Promise<ApplyResult>;
  /** Gives the updater the sync engine's progress (engine.subscribe). Returns the unsubscribe function. */
  watchSync(subscribe: (listener: (progress: SyncProgress) => void) => () => void): () => void;
  /** From the registration: a new worker waits; `takeOver` makes it control this page. */
  offer(takeOver: () => Promise<void>): void;
}

// Pushing, uploading and confirming send the collector's records; cutting them short costs a retry at best.
const busyPhases: ReadonlySet<SyncPhase> = new Set<SyncPhase>(['pushing', 'uploading', 'confirming', 'pulling']);

/** Nothing is on its way to the server (or no sync engine runs in this tab, as for staff). */
export function isSyncQuiet(progress: Pick<SyncProgress, 'phase'> | null): boolean {
  return progress === null || !busyPhases.has(progress.phase);
}

export interface UpdatesOptions {
  reload: () => void;
  /** How long to wait for the new worker to take control before reloading anyway. */
  takeOverTimeoutMs?: number;
}

export function createUpdates({ reload, takeOverTimeoutMs = 10_000 }: UpdatesOptions): Updates {
  let status: UpdateStatus = 'current';
  let takeOver: (() => Promise<void>) | null = null;
  let progress: SyncProgress | null = null;
  const listeners = new Set<(status: UpdateStatus) => void>();

  function set(next: UpdateStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener(status);
  }

  async function switchOver(): Promise<void> {
    const activate = takeOver;
    set('applying');
    if (activate) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((done) => {
        timer = setTimeout(done, takeOverTimeoutMs);
      });
      // A worker that fails to take over must not leave the person stuck on "updating…".
      await Promise.race([activate().catch(() => undefined), timeout]);
      clearTimeout(timer);
    }
    reload();
  }

  return {
    get status() {
      return status;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    async apply() {
      if (status === 'current') return 'nothing-to-apply';
      if (status === 'applying') return 'applying';
      if (!isSyncQuiet(progress)) {
        set('waiting-for-sync');
        return 'deferred';
      }
      await switchOver();
      return 'applying';
    },
    watchSync(subscribe) {
      const unsubscribe = subscribe((next) => {
        progress = next;
        if (status === 'waiting-for-sync' && isSyncQuiet(next)) void switchOver();
      });
      return () => {
        unsubscribe();
        progress = null;
      };
    },
    offer(next) {
      takeOver = next;
      if (status === 'current') set('available');
    },
  };
}

/** The app's updater; platform/register.ts feeds it, the UI shows and applies it. */
export const updates: Updates = createUpdates({ reload: () => window.location.reload() });
