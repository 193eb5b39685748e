import { and, eq, getTableColumns, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { MutationResult } from '../../shared/schemas/sync.js';
import { bulkInsert, takeExcluded } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { alerts, caseAddresses, caseNotes, cases, creditors, syncMutations, visitPhotos, visits } from '../db/schema/index.js';
import { scopeCondition } from '../cases/cases.repository.js';

export async function findMutations(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: syncMutations.id, userId: syncMutations.userId, payloadHash: syncMutations.payloadHash, result: syncMutations.result })
    .from(syncMutations)
    .where(inArray(syncMutations.id, ids));
}

export async function insertMutations(db: Executor, rows: (typeof syncMutations.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.execute(bulkInsert(syncMutations, ['id', 'userId', 'deviceId', 'type', 'payloadHash', 'result', 'deviceCreatedAt', 'receivedAt'], rows));
}

/** The cases among `caseIds` the collector may act on, with what the rules need. */
export async function casesInScope(db: Executor, collectorId: string, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  // One round trip: a push touches up to 200 cases and is on the collector's critical path.
  return db
    .select({
      id: cases.id,
      totalOutstanding: cases.totalOutstanding,
      timeZone: cases.timeZone,
      visitingHoursStart: creditors.visitingHoursStart,
      visitingHoursEnd: creditors.visitingHoursEnd,
      addresses: sql<{ id: string; lat: number; lng: number }[]>`(select coalesce(json_agg(json_build_object('id', a.id, 'lat', a.lat, 'lng', a.lng)), '[]'::json) from ${caseAddresses} a where a.case_id = ${cases.id})`,
    })
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(inArray(cases.id, caseIds), scopeCondition({ collectorId })));
}

export async function findVisits(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(visits).where(inArray(visits.id, ids));
}

// A visit is written whole: every column but its creation time takes the new value.
const visitColumns = (Object.keys(getTableColumns(visits)) as (keyof typeof visits.$inferInsert)[]).filter((key) => key !== 'createdAt');
const visitUpdates = takeExcluded(visits, visitColumns.filter((key) => key !== 'id'));

export async function upsertVisits(db: Executor, rows: (typeof visits.$inferInsert)[]) {
  if (rows.length === 0) return;
  const now = new Date();
  const complete = rows.map((row) => ({ ...row, expectedPhotos: row.expectedPhotos ?? 0, evidenceFlags: row.evidenceFlags ?? [], evidenceScore: row.evidenceScore ?? 0, updatedAt: now }));
  await db.execute(sql`${bulkInsert(visits, visitColumns, complete)} on conflict (id) do update set ${visitUpdates}`);
}

export async function insertVisitPhotos(db: Executor, rows: (typeof visitPhotos.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.execute(sql`${bulkInsert(visitPhotos, ['visitId', 'sha256', 'sizeBytes', 'takenAt', 'lat', 'lng', 'accuracyM', 'caption'], rows)} on conflict do nothing`);
}

export async function existingNoteIds(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.select({ id: caseNotes.id }).from(caseNotes).where(inArray(caseNotes.id, ids))).map((row) => row.id);
}

export async function insertNotes(db: Executor, rows: (typeof caseNotes.$inferInsert)[]) {
  if (rows.length > 0) await db.execute(bulkInsert(caseNotes, ['id', 'caseId', 'writtenAt', 'author', 'channel', 'body'], rows));
}

export async function insertFieldAddresses(db: Executor, rows: (typeof caseAddresses.$inferInsert)[]) {
  if (rows.length > 0) await db.execute(bulkInsert(caseAddresses, ['id', 'caseId', 'kind', 'address', 'lat', 'lng', 'source'], rows));
}

/** Alerts reach every server instance through NOTIFY, delivered when the push commits. */
export const alertsChannel = 'fv_alerts';

export async function insertAlerts(db: Executor, rows: (typeof alerts.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.execute(sql`${bulkInsert(alerts, ['id', 'kind', 'collectorId', 'lat', 'lng', 'accuracyM', 'note', 'raisedAt', 'receivedAt'], rows)} on conflict do nothing`);
  for (const row of rows) await db.execute(sql`select pg_notify(${alertsChannel}, ${row.id})`);
}

/**
 * A first recorded visit moves its case from assigned to visited; a field note or address
 * touches the case. Either reaches the devices through the cases trigger.
 */
export async function touchCases(db: Executor, visitedCaseIds: string[], changedCaseIds: string[]) {
  if (visitedCaseIds.length > 0) {
    await db
      .update(cases)
      .set({ status: 'visited', updatedAt: sql`now()` })
      .where(and(inArray(cases.id, visitedCaseIds), eq(cases.status, 'assigned')));
  }
  if (changedCaseIds.length > 0) await db.update(cases).set({ updatedAt: sql`now()` }).where(inArray(cases.id, changedCaseIds));
}

/** The collector's check-ins in a time range, for the travel-speed check. */
export async function checkInsBetween(db: Executor, collectorId: string, from: Date, until: Date) {
  return db
    .select({ id: visits.id, at: visits.checkedInAt, lat: visits.checkInLat, lng: visits.checkInLng })
    .from(visits)
    .where(and(eq(visits.collectorId, collectorId), isNotNull(visits.checkedInAt), gte(visits.checkedInAt, from), lte(visits.checkedInAt, until)));
}

export async function visitsSharingPhotos(db: Executor, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db.select({ sha256: visitPhotos.sha256, visitId: visitPhotos.visitId }).from(visitPhotos).where(inArray(visitPhotos.sha256, hashes));
}

export async function photosOfVisits(db: Executor, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db.select({ visitId: visitPhotos.visitId, sha256: visitPhotos.sha256, takenAt: visitPhotos.takenAt }).from(visitPhotos).where(inArray(visitPhotos.visitId, visitIds));
}

export type StoredResult = MutationResult;
