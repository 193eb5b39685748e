import { and, eq, getTableColumns, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { MutationResult } from '../../shared/schemas/sync.js';
import { bulkInsert, takeExcluded } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { alerts, caseAddresses, caseNotes, cases, creditors, syncMutations, visitPhotos, visits } from '../db/schema/index.js';
import { scopeCondition } from '../cases/cases.repository.js';
import type { RiskWrites } from '../risk/risk.assess.js';
import { riskPushParts } from '../risk/risk.repository.js';

export async function findMutations(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: syncMutations.id, userId: syncMutations.userId, payloadHash: syncMutations.payloadHash, result: syncMutations.result })
    .from(syncMutations)
    .where(inArray(syncMutations.id, ids));
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

export async function existingNoteIds(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.select({ id: caseNotes.id }).from(caseNotes).where(inArray(caseNotes.id, ids))).map((row) => row.id);
}

/** Alerts reach every server instance through NOTIFY, delivered when the push commits. */
export const alertsChannel = 'fv_alerts';

export interface PushWrites {
  visits: (typeof visits.$inferInsert)[];
  photos: (typeof visitPhotos.$inferInsert)[];
  notes: (typeof caseNotes.$inferInsert)[];
  addresses: (typeof caseAddresses.$inferInsert)[];
  alerts: (typeof alerts.$inferInsert)[];
  /** A first recorded visit moves its case from assigned to visited. */
  visitedCaseIds: string[];
  /** A field note or address touches its case, so the devices pull it again. */
  changedCaseIds: string[];
  mutations: (typeof syncMutations.$inferInsert)[];
  /** Risk signals raised by the recorded visits, with their outbox rows and the cases' levels (server/risk). */
  risk: RiskWrites;
}

/**
 * Everything a push writes, with its dedupe records, as one statement (data-modifying CTEs):
 * atomic without a transaction around it, and one round trip instead of seven. Foreign keys
 * between the parts (a photo's visit) are checked at the end of the statement, when all are in.
 */
export async function writePush(db: Executor, writes: PushWrites): Promise<void> {
  const parts: SQL[] = [];
  const now = new Date();
  if (writes.visits.length > 0) {
    const complete = writes.visits.map((row) => ({ ...row, expectedPhotos: row.expectedPhotos ?? 0, evidenceFlags: row.evidenceFlags ?? [], evidenceScore: row.evidenceScore ?? 0, updatedAt: now }));
    parts.push(sql`${bulkInsert(visits, visitColumns, complete)} on conflict (id) do update set ${visitUpdates}`);
  }
  if (writes.photos.length > 0) parts.push(sql`${bulkInsert(visitPhotos, ['visitId', 'sha256', 'sizeBytes', 'takenAt', 'lat', 'lng', 'accuracyM', 'caption'], writes.photos)} on conflict do nothing`);
  if (writes.notes.length > 0) parts.push(bulkInsert(caseNotes, ['id', 'caseId', 'writtenAt', 'author', 'authorId', 'channel', 'body'], writes.notes));
  if (writes.addresses.length > 0) parts.push(bulkInsert(caseAddresses, ['id', 'caseId', 'kind', 'address', 'lat', 'lng', 'source'], writes.addresses));
  if (writes.visitedCaseIds.length > 0 || writes.changedCaseIds.length > 0) {
    // One update per case row: two CTEs may not update the same row.
    const visited = sql`${cases.id} = any(${sql.param(writes.visitedCaseIds)}::uuid[]) and ${cases.status} = 'assigned'`;
    parts.push(sql`update ${cases} set status = case when ${visited} then 'visited' else ${cases.status} end, updated_at = now()
      where (${visited}) or ${cases.id} = any(${sql.param(writes.changedCaseIds)}::uuid[])`);
  }
  if (writes.alerts.length > 0) parts.push(sql`${bulkInsert(alerts, ['id', 'kind', 'collectorId', 'lat', 'lng', 'accuracyM', 'note', 'raisedAt', 'receivedAt'], writes.alerts)} on conflict do nothing`);
  parts.push(...riskPushParts(writes.risk));
  if (writes.mutations.length > 0) parts.push(bulkInsert(syncMutations, ['id', 'userId', 'deviceId', 'type', 'payloadHash', 'result', 'deviceCreatedAt', 'receivedAt'], writes.mutations));
  if (parts.length === 0) return;
  const ctes = sql.join(
    parts.map((part, index) => sql`${sql.raw(`w${index}`)} as (${part})`),
    sql`, `,
  );
  const alertIds = writes.alerts.map((row) => row.id);
  const notify = alertIds.length > 0 ? sql`select pg_notify(${alertsChannel}, id::text) from unnest(${sql.param(alertIds)}::uuid[]) as id` : sql`select 1`;
  await db.execute(sql`with ${ctes} ${notify}`);
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
