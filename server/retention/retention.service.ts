// The retention job: data past its configured period is removed or anonymised, judged at `now` (so a
// test can move the clock). Safe with several instances: one holds the run's lock, the others skip it;
// cases are taken `for update skip locked` and every step is idempotent. The audit log is never purged.
import type { RetentionConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { PhotoStore } from '../evidence/photo-store.js';
import { removeAbandonedUploads } from './abandoned-uploads.js';
import {
  anonymiseCases,
  casesDueForAnonymisation,
  clearPositions,
  deleteDeliveredWebhooks,
  deleteEndedSessions,
  deleteSyncRecords,
  dequeueFile,
  purgeCaseEvidence,
  queuedFiles,
  tryRetentionLock,
} from './retention.repository.js';

export interface RetentionCounts {
  casesAnonymised: number;
  evidenceFilesPurged: number;
  positionsCleared: number;
  sessionsDeleted: number;
  syncRecordsDeleted: number;
  webhookDeliveriesDeleted: number;
  abandonedUploadsRemoved: number;
}

export interface RetentionDependencies {
  db: Database;
  photoStore: PhotoStore;
  uploadsDirectory: string;
  periods: Omit<RetentionConfig, 'intervalS'>;
}

const dayMs = 86_400_000;
const caseBatch = 200;
const fileBatch = 500;

/** Runs once at `now`; answers what it did, or null when another instance holds the run. */
export async function runRetention(deps: RetentionDependencies, now = new Date()): Promise<RetentionCounts | null> {
  const { db, periods } = deps;
  const before = (days: number) => new Date(now.getTime() - days * dayMs);
  const counts: RetentionCounts = {
    casesAnonymised: 0,
    evidenceFilesPurged: 0,
    positionsCleared: 0,
    sessionsDeleted: 0,
    syncRecordsDeleted: 0,
    webhookDeliveriesDeleted: 0,
    abandonedUploadsRemoved: 0,
  };

  const ran = await db.transaction(async (tx) => {
    if (!(await tryRetentionLock(tx))) return false;
    counts.positionsCleared = await clearPositions(tx, before(periods.positionDays));
    counts.sessionsDeleted = await deleteEndedSessions(tx, before(periods.sessionDays));
    counts.syncRecordsDeleted = await deleteSyncRecords(tx, before(periods.syncDedupeDays));
    counts.webhookDeliveriesDeleted = await deleteDeliveredWebhooks(tx, before(periods.webhookDays));
    return true;
  });
  if (!ran) return null;

  // Each batch commits on its own, so a large backlog never holds one long transaction.
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const ids = await casesDueForAnonymisation(tx, before(periods.closedCaseDays), caseBatch);
      if (ids.length === 0) return 0;
      await purgeCaseEvidence(tx, ids);
      await anonymiseCases(tx, ids, now);
      return ids.length;
    });
    counts.casesAnonymised += batch;
    if (batch < caseBatch) break;
  }

  counts.evidenceFilesPurged = await removeQueuedFiles(deps);
  counts.abandonedUploadsRemoved = await removeAbandonedUploads(deps.uploadsDirectory, before(periods.uploadDays));

  // Counts only (never what was removed); a run that found nothing to do leaves no row.
  if (Object.values(counts).some((n) => n > 0))
    await writeAudit(db, {
      actorUserId: null,
      actorRole: 'system',
      action: 'retention.run',
      subjectType: 'retention',
      subjectId: null,
      detail: { ...counts, at: now.toISOString() },
    });
  return counts;
}

/** Files go only after their rows' deletion committed; one left by a crash is picked up on the next run. */
async function removeQueuedFiles(deps: RetentionDependencies): Promise<number> {
  let removed = 0;
  for (;;) {
    const files = await queuedFiles(deps.db, fileBatch);
    for (const file of files) {
      // The same bytes may have been uploaded again since (a new visit): then they are that visit's now.
      if (!file.inUse) await deps.photoStore.remove(file.storageKey);
      await dequeueFile(deps.db, file.storageKey);
      removed += file.inUse ? 0 : 1;
    }
    if (files.length < fileBatch) return removed;
  }
}
