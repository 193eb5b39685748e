// The outbox: mutations in the order they were recorded, removed only once the server has
// acknowledged them. A permanent refusal stays on the device, marked failed, for the person to see.
import type { MutationResult } from '../../shared/schemas/sync.js';
import type { IDBPTransaction } from 'idb';
import type { SyncDatabase, SyncSchema } from './database.js';
import type { OutboxEntry, StoredVisit, SyncState } from './records.js';
import { committed } from './transaction.js';

const pendingRange = () => IDBKeyRange.bound(['pending', -Infinity], ['pending', Infinity]);
const failedRange = () => IDBKeyRange.bound(['failed', -Infinity], ['failed', Infinity]);
const resolvedRange = () => IDBKeyRange.bound(['resolved', -Infinity], ['resolved', Infinity]);

/** The oldest pending mutations, in recording order; failed ones are skipped so they block nothing. */
export async function pendingBatch(db: SyncDatabase, limit: number): Promise<OutboxEntry[]> {
  return db.getAllFromIndex('outbox', 'byState', pendingRange(), limit);
}

export async function countPending(db: SyncDatabase): Promise<number> {
  return db.countFromIndex('outbox', 'byState', pendingRange());
}

export async function oldestPending(db: SyncDatabase): Promise<OutboxEntry | undefined> {
  const cursor = await db.transaction('outbox').store.index('byState').openCursor(pendingRange());
  return cursor?.value;
}

/** Mutations the server refused for good, oldest first: the list the app shows the collector. */
export async function failedEntries(db: SyncDatabase): Promise<OutboxEntry[]> {
  return db.getAllFromIndex('outbox', 'byState', failedRange());
}

export interface AcknowledgeSummary {
  applied: number;
  failed: number;
  /** Mutations the answer did not mention: they stay pending for the next push. */
  unanswered: number;
}

/**
 * Applies the server's answers in one transaction: applied (or replayed) entries leave the
 * outbox and their records are marked synced, together with the refused entries they corrected;
 * refused ones are marked failed with the reason. A record's photos (an announcement's audio)
 * become uploadable once the record itself is acknowledged.
 */
export async function acknowledge(
  db: SyncDatabase,
  sent: OutboxEntry[],
  results: MutationResult[],
  now: string,
): Promise<AcknowledgeSummary> {
  const byId = new Map(results.map((result) => [result.id, result]));
  const summary: AcknowledgeSummary = { applied: 0, failed: 0, unanswered: 0 };
  const tx = db.transaction(['outbox', 'visits', 'notes', 'photos'], 'readwrite');
  const corrected = new Set<string>();
  await committed(tx, async () => {
    for (const entry of sent) {
      const result = byId.get(entry.mutation.id);
      if (!result || entry.seq === undefined) {
        summary.unanswered += 1;
        continue;
      }
      const current = await tx.objectStore('outbox').get(entry.seq);
      // Another syncer (a restarted engine) may have handled it already.
      if (!current || current.state !== 'pending') continue;
      if (result.status === 'applied') {
        summary.applied += 1;
        await tx.objectStore('outbox').delete(entry.seq);
        await markRecord(tx, entry, 'synced');
        corrected.add(entry.mutation.id);
      } else {
        summary.failed += 1;
        const reason =
          result.reason ?? (result.status === 'conflict' ? 'This id was already used for something else.' : 'Refused by the server.');
        await tx.objectStore('outbox').put({ ...current, state: 'failed', failure: { status: result.status, reason, at: now } });
        await markRecord(tx, entry, 'failed');
      }
    }
    // The server has acknowledged a correction: the refusal it answered may now go.
    if (corrected.size > 0) {
      for (const earlier of await tx.objectStore('outbox').index('byState').getAll(resolvedRange())) {
        if (earlier.seq !== undefined && earlier.resolvedBy !== undefined && corrected.has(earlier.resolvedBy)) {
          await tx.objectStore('outbox').delete(earlier.seq);
        }
      }
    }
  });
  return summary;
}

type AckTransaction = IDBPTransaction<SyncSchema, ('outbox' | 'visits' | 'notes' | 'photos')[], 'readwrite'>;

async function markRecord(tx: AckTransaction, entry: OutboxEntry, state: SyncState): Promise<void> {
  const mutation = entry.mutation;
  if (mutation.type === 'note.add') {
    const note = await tx.objectStore('notes').get(mutation.noteId);
    if (note) await tx.objectStore('notes').put({ ...note, state });
    return;
  }
  // Mutations about no visit (an SOS, say) have no record of their own to mark.
  if (!('visitId' in mutation)) return;
  const visit = await tx.objectStore('visits').get(mutation.visitId);
  if (!visit) return;
  // The file a part brings (a record's photos, an announced piece of audio): acknowledged, it may go;
  // refused, it stays on the phone beside the failure, not sent.
  const release = async (sha256: string) => {
    const stored = await tx.objectStore('photos').get(sha256);
    if (stored?.state === 'waiting') await tx.objectStore('photos').put({ ...stored, state: state === 'synced' ? 'pending' : 'held' });
  };
  if (mutation.type === 'visit.audio') {
    const pieces = (visit.audio ?? []).map((piece) => (piece.mutation.id === mutation.id ? { ...piece, state } : piece));
    await tx.objectStore('visits').put({ ...visit, audio: pieces });
    await release(mutation.audio.sha256);
    return;
  }
  const part: keyof Pick<StoredVisit, 'checkIn' | 'record' | 'checkOut'> =
    mutation.type === 'visit.checkIn' ? 'checkIn' : mutation.type === 'visit.record' ? 'record' : 'checkOut';
  const existing = visit[part];
  // A record since corrected is no longer the visit's part: its answer changes only the outbox.
  if (existing?.mutation.id === mutation.id) await tx.objectStore('visits').put({ ...visit, [part]: { ...existing, state } });
  if (mutation.type === 'visit.record') {
    for (const photo of mutation.photos) await release(photo.sha256);
  }
}
