// One sync round: push the outbox, upload the photos and audio of acknowledged visits, confirm them, pull.
// Every step leaves its progress in IndexedDB, so a round cut short by the network or a restart
// is simply continued by the next one.
import type { PushResponse } from '../../shared/schemas/sync.js';
import { maxMutationsPerPush } from '../../shared/sync-limits.js';
import { withRetry, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import { isoTime } from './clock.js';
import { confirmUploadedPhotos } from './confirmation.js';
import type { SyncDatabase } from './database.js';
import { RefusedRequestError, TransientSyncError } from './errors.js';
import { acknowledge, pendingBatch } from './outbox.js';
import type { SyncPhase } from './progress.js';
import { pullChanges } from './puller.js';
import { isAudio } from './records.js';
import { committed } from './transaction.js';
import type { Transport } from './transport.js';
import { markPhotoFailed, uploadPhoto } from './uploader.js';

export interface RoundContext {
  db: SyncDatabase;
  transport: Transport;
  clock: Clock;
  random: () => number;
  backoff: BackoffPolicy;
  deviceId: string;
  batchSize: number;
  pullLimit: number;
  chunkBytes: number;
  signal: AbortSignal;
  onPhase: (phase: SyncPhase) => void;
  /** Something moved forward (an acknowledgement, bytes or a photo accepted, a confirmation). */
  onChange: () => void;
}

export async function runSyncRound(context: RoundContext): Promise<void> {
  const retry = <T>(step: () => Promise<T>) =>
    withRetry(step, { policy: context.backoff, clock: context.clock, random: context.random, signal: context.signal });

  context.onPhase('pushing');
  await pushOutbox(context, retry);

  context.onPhase('uploading');
  await uploadPendingPhotos(context, retry);

  context.onPhase('confirming');
  const confirmation = await retry(() => confirmUploadedPhotos(context.db, context.transport, context.signal));
  if (confirmation.confirmed + confirmation.missing > 0) context.onChange();

  context.onPhase('pulling');
  await retry(() => pullChanges(context.db, context.transport, { limit: context.pullLimit, signal: context.signal }));

  const tx = context.db.transaction('meta', 'readwrite');
  await committed(tx, async () => {
    const meta = await tx.store.get('sync');
    if (meta) await tx.store.put({ ...meta, lastSuccessfulSyncAt: isoTime(context.clock) }, 'sync');
  });
}

type Retry = <T>(step: () => Promise<T>) => Promise<T>;

async function pushOutbox(context: RoundContext, retry: Retry): Promise<void> {
  let batchSize = Math.min(context.batchSize, maxMutationsPerPush);
  for (;;) {
    context.signal.throwIfAborted();
    const batch = await pendingBatch(context.db, batchSize);
    if (batch.length === 0) return;
    const mutations = batch.map((entry) => entry.mutation);
    let response: PushResponse;
    try {
      // Retrying the same ids is safe: the server answers a replay as it answered the first time.
      response = await retry(() => context.transport.push(context.deviceId, isoTime(context.clock), mutations, context.signal));
    } catch (error) {
      // Long notes can make 200 mutations too large for one request: send fewer at a time.
      if (error instanceof RefusedRequestError && error.status === 413 && batchSize > 1) {
        batchSize = Math.ceil(batchSize / 2);
        continue;
      }
      throw error;
    }
    const summary = await acknowledge(context.db, batch, response.results, response.serverTime);
    context.onChange();
    if (summary.unanswered === batch.length) {
      throw new RefusedRequestError(200, 'The server answered none of the mutations sent; will try again later');
    }
  }
}

/** Photos in a row that may fail before the link, not the photo, is taken to be the trouble. */
const failuresBeforeGivingUp = 3;

async function uploadPendingPhotos(context: RoundContext, retry: Retry): Promise<void> {
  const tried = new Set<string>();
  let lastFailure: TransientSyncError | null = null;
  let failuresInARow = 0;
  for (;;) {
    // Photos first, oldest first: a recording of several MB must not hold the day's photos back on 3G.
    const pending = (await context.db.getAllFromIndex('photos', 'byState', 'pending'))
      .filter((photo) => !tried.has(photo.sha256))
      .sort((a, b) => Number(isAudio(a)) - Number(isAudio(b)) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    if (pending.length === 0) break;
    for (const listed of pending) {
      context.signal.throwIfAborted();
      tried.add(listed.sha256);
      // Read again: a restarted engine (another tab) may have sent it meanwhile.
      const photo = await context.db.get('photos', listed.sha256);
      if (photo?.state !== 'pending') continue;
      try {
        await retry(() =>
          uploadPhoto(
            {
              db: context.db,
              transport: context.transport,
              chunkBytes: context.chunkBytes,
              signal: context.signal,
              onProgress: context.onChange,
            },
            photo,
          ),
        );
        failuresInARow = 0;
      } catch (error) {
        if (error instanceof RefusedRequestError) {
          await markPhotoFailed(context.db, photo.sha256, error.message);
        } else if (error instanceof TransientSyncError && ++failuresInARow < failuresBeforeGivingUp) {
          // One photo the server keeps choking on must not hold back the ones behind it.
          lastFailure = error;
          continue;
        } else {
          throw error;
        }
      }
      context.onChange();
    }
  }
  // The round still ends as failed, so the photos skipped come back after the backoff.
  if (lastFailure) throw lastFailure;
}
