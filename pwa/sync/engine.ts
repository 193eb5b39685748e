// The sync engine the collector app uses: the recording API, sync rounds under a cross-tab lock,
// retries with backoff, and progress to subscribe to. Transport, clock and storage are injected.
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.js';
import { newDeviceId, systemClock, type Clock } from './clock.js';
import { openSyncDatabase, type SyncDatabase } from './database.js';
import { isAbort, RefusedRequestError, SignedOutError, TransientSyncError } from './errors.js';
import { browserLocks, withLock, type LockManagerLike } from './lock.js';
import { readProgress, type RunState, type SyncPhase, type SyncProgress } from './progress.js';
import { createRecorder, type Recorder } from './recorder.js';
import { requestPersistentStorage } from './storage.js';
import { runSyncRound } from './syncer.js';
import { committed } from './transaction.js';
import { createTransport, type Transport, type TransportOptions } from './transport.js';

export interface SyncEngineOptions {
  userId: string;
  transport: Transport | TransportOptions;
  clock?: Clock;
  /** Defaults to the global indexedDB. */
  indexedDB?: IDBFactory;
  /** Defaults to navigator.locks; null forces the in-process lock. */
  locks?: LockManagerLike | null;
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  batchSize?: number;
  pullLimit?: number;
  chunkBytes?: number;
}

export type SyncOutcome =
  | { status: 'synced' }
  | { status: 'retrying'; error: string; retryInMs: number }
  | { status: 'signedOut' }
  | { status: 'refused'; error: string }
  | { status: 'closed' };

export interface SyncEngine extends Recorder {
  readonly db: SyncDatabase;
  readonly deviceId: string;
  /** One round now (waiting for another tab's round to finish first). */
  syncNow(): Promise<SyncOutcome>;
  /** Rounds with backoff until one completes with nothing left to send, or it cannot go on. */
  syncUntilSettled(options?: { maxRounds?: number }): Promise<SyncOutcome>;
  /** Asks for a sync soon; calls while a round runs fold into one more round. For triggers. */
  requestSync: (reason: string) => void;
  progress(): Promise<SyncProgress>;
  subscribe(listener: (progress: SyncProgress) => void): () => void;
  /**
   * Removes the debtors' data (cases, route) from the device, for a session revoked or a person
   * signing out for good. The collector's own unsent records stay until the server has them.
   */
  forgetCaseData(): Promise<void>;
  /** Stops any round in flight (its progress is kept) and closes the database. */
  close(): Promise<void>;
}

export async function openSyncEngine(options: SyncEngineOptions): Promise<SyncEngine> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const backoff: BackoffPolicy = { ...defaultBackoff, ...options.backoff };
  const transport = 'send' in options.transport ? options.transport : createTransport(options.transport);
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const db = await openSyncDatabase(options.userId, options.indexedDB);
  void requestPersistentStorage();
  const deviceId = await ensureDeviceId(db, clock);
  const recorder = createRecorder(db, clock);
  const lockName = `fieldvisits-sync:${options.userId}`;

  const lifetime = new AbortController();
  const listeners = new Set<(progress: SyncProgress) => void>();
  const run: RunState = { phase: 'idle', signedOut: false, lastError: null, nextRetryAt: null };
  let failedRounds = 0;
  let emitting = false;
  let emitAgain = false;

  async function emit(): Promise<void> {
    if (listeners.size === 0 || lifetime.signal.aborted) return;
    // Coalesced: progress is read from IndexedDB, so a burst of changes costs one read.
    if (emitting) {
      emitAgain = true;
      return;
    }
    emitting = true;
    try {
      do {
        emitAgain = false;
        const progress = await readProgress(db, clock, run);
        for (const listener of listeners) listener(progress);
      } while (emitAgain && !lifetime.signal.aborted);
    } catch {
      // Progress is advisory; a closed database at shutdown must not surface as an error.
    } finally {
      emitting = false;
    }
  }
  const changed = () => void emit();
  // Counts what rounds moved forward (acknowledgements, uploads, confirmations): a failed round
  // that still advanced restarts the backoff, and a synced round that advanced nothing ends a loop.
  let advances = 0;
  const advanced = () => {
    advances += 1;
    void emit();
  };
  const setPhase = (phase: SyncPhase) => {
    run.phase = phase;
    void emit();
  };

  async function round(): Promise<SyncOutcome> {
    if (lifetime.signal.aborted) return { status: 'closed' };
    const advancesBefore = advances;
    try {
      await withLock(lockName, locks, () =>
        runSyncRound({
          db,
          transport,
          clock,
          random,
          backoff,
          deviceId,
          batchSize: options.batchSize ?? 200,
          pullLimit: options.pullLimit ?? 200,
          chunkBytes: options.chunkBytes ?? 256 * 1024,
          signal: lifetime.signal,
          onPhase: setPhase,
          onChange: advanced,
        }),
      );
      failedRounds = 0;
      Object.assign(run, { phase: 'idle', signedOut: false, lastError: null, nextRetryAt: null } satisfies RunState);
      changed();
      return { status: 'synced' };
    } catch (error) {
      if (lifetime.signal.aborted || isAbort(error)) return { status: 'closed' };
      if (error instanceof SignedOutError) {
        Object.assign(run, { phase: 'signed out', signedOut: true, lastError: error.message, nextRetryAt: null } satisfies RunState);
        changed();
        return { status: 'signedOut' };
      }
      if (error instanceof RefusedRequestError) {
        Object.assign(run, { phase: 'idle', lastError: error.message, nextRetryAt: null } satisfies Partial<RunState>);
        changed();
        return { status: 'refused', error: error.message };
      }
      const message =
        error instanceof TransientSyncError ? error.message : `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
      // On a flaky link most rounds fail somewhere; one that moved things forward starts the backoff over.
      if (advances > advancesBefore) failedRounds = 0;
      const retryInMs = backoffDelay(failedRounds, backoff, random);
      failedRounds += 1;
      Object.assign(run, {
        phase: 'waiting to retry',
        lastError: message,
        nextRetryAt: clock.now() + retryInMs,
      } satisfies Partial<RunState>);
      changed();
      return { status: 'retrying', error: message, retryInMs };
    }
  }

  // Trigger handling: at most one round in flight per engine, one more queued behind it.
  let inFlight: Promise<SyncOutcome> | null = null;
  let queued = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function requestSync(_reason: string): void {
    if (lifetime.signal.aborted) return;
    if (inFlight) {
      queued = true;
      return;
    }
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    inFlight = round();
    void inFlight.then((outcome) => {
      inFlight = null;
      if (queued && outcome.status !== 'signedOut' && outcome.status !== 'closed') {
        queued = false;
        requestSync('queued');
      } else if (outcome.status === 'retrying') {
        retryTimer = setTimeout(() => requestSync('retry'), outcome.retryInMs);
      }
    });
  }

  return {
    ...recorder,
    async raiseSos(input) {
      const raised = await recorder.raiseSos(input);
      // Help is needed now: do not wait for the next trigger.
      requestSync('sos');
      return raised;
    },
    db,
    deviceId,
    syncNow: round,
    async syncUntilSettled({ maxRounds = 1_000 } = {}) {
      let outcome: SyncOutcome = { status: 'closed' };
      for (let rounds = 0; rounds < maxRounds; rounds += 1) {
        const advancesBefore = advances;
        outcome = await round();
        if (outcome.status === 'retrying') {
          try {
            await clock.sleep(outcome.retryInMs, lifetime.signal);
          } catch {
            return { status: 'closed' };
          }
          continue;
        }
        if (outcome.status !== 'synced') return outcome;
        // A round may finish with photos the server reported missing: they go in the next round.
        // One that changed nothing cannot be helped by another.
        if ((await readProgress(db, clock, run)).itemsPending === 0 || advances === advancesBefore) return outcome;
      }
      return outcome;
    },
    requestSync,
    progress: () => readProgress(db, clock, run),
    subscribe(listener) {
      listeners.add(listener);
      changed();
      return () => listeners.delete(listener);
    },
    async forgetCaseData() {
      const tx = db.transaction(['cases', 'route', 'meta'], 'readwrite');
      await committed(tx, async () => {
        await tx.objectStore('cases').clear();
        await tx.objectStore('route').clear();
        const meta = await tx.objectStore('meta').get('sync');
        // Without its cursor the next pull is a snapshot, so the cases come back only if still assigned.
        if (meta)
          await tx
            .objectStore('meta')
            .put(
              { deviceId: meta.deviceId, ...(meta.lastSuccessfulSyncAt ? { lastSuccessfulSyncAt: meta.lastSuccessfulSyncAt } : {}) },
              'sync',
            );
      });
      changed();
    },
    async close() {
      lifetime.abort(new DOMException('The sync engine was closed', 'AbortError'));
      if (retryTimer) clearTimeout(retryTimer);
      await inFlight?.catch(() => undefined);
      db.close();
    },
  };
}

async function ensureDeviceId(db: SyncDatabase, clock: Clock): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  return committed(tx, async () => {
    const meta = await tx.store.get('sync');
    if (meta) return meta.deviceId;
    const deviceId = newDeviceId(clock);
    await tx.store.put({ deviceId }, 'sync');
    return deviceId;
  });
}
