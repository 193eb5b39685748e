// What a visit's review page needs, each part one query: the visit with its case and target, its
// photos, the collector's check-ins around it, and the planned arrival.
import { and, asc, desc, eq, gt, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { caseAddresses, cases, creditors, photos, routes, routeStops, teams, users, visitPhotos, visits } from '../db/schema/index.js';

/** The visit with its case, creditor, target address and collector, if it is in the viewer's scope (team null: any). */
export async function findVisitForReview(db: Executor, visitId: string, scopeTeam: string | null) {
  const [row] = await db
    .select({
      visit: visits,
      collectorName: users.displayName,
      collectorTeamId: users.teamId,
      teamName: teams.name,
      case: {
        id: cases.id,
        externalId: cases.externalId,
        debtorName: cases.debtorName,
        debtorIdNumber: cases.debtorIdNumber,
        totalOutstanding: cases.totalOutstanding,
        timeZone: cases.timeZone,
        status: cases.status,
      },
      creditor: creditors.code,
      target: {
        addressId: caseAddresses.id,
        kind: caseAddresses.kind,
        address: caseAddresses.address,
        lat: caseAddresses.lat,
        lng: caseAddresses.lng,
      },
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.collectorId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .innerJoin(caseAddresses, eq(caseAddresses.id, visits.addressId))
    .where(and(eq(visits.id, visitId), scopeTeam === null ? undefined : eq(users.teamId, scopeTeam)))
    .limit(1);
  return row;
}

export type VisitForReview = NonNullable<Awaited<ReturnType<typeof findVisitForReview>>>;

/** A visit's photos as listed, with when (and whether) their bytes arrived and their content type. */
export async function photosForReview(db: Executor, visitId: string) {
  return db
    .select({
      sha256: visitPhotos.sha256,
      sizeBytes: visitPhotos.sizeBytes,
      takenAt: visitPhotos.takenAt,
      lat: visitPhotos.lat,
      lng: visitPhotos.lng,
      accuracyM: visitPhotos.accuracyM,
      caption: visitPhotos.caption,
      receivedAt: photos.receivedAt,
      contentType: photos.contentType,
      storageKey: photos.storageKey,
      storedBytes: photos.sizeBytes,
    })
    .from(visitPhotos)
    .leftJoin(photos, eq(photos.sha256, visitPhotos.sha256))
    .where(eq(visitPhotos.visitId, visitId))
    .orderBy(asc(visitPhotos.takenAt), asc(visitPhotos.sha256));
}

/** Stored bytes (photos table) for these hashes: audio pieces are kept there too. */
export async function storedFiles(db: Executor, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db
    .select({
      sha256: photos.sha256,
      sizeBytes: photos.sizeBytes,
      contentType: photos.contentType,
      storageKey: photos.storageKey,
      receivedAt: photos.receivedAt,
    })
    .from(photos)
    .where(sql`${photos.sha256} = any(${sql.param(hashes)}::text[])`);
}

/** The collector's check-in just before (or just after) this one, on any case. */
export async function neighbourCheckIn(db: Executor, collectorId: string, visitId: string, at: Date, direction: 'previous' | 'next') {
  const [row] = await db
    .select({
      visitId: visits.id,
      caseId: visits.caseId,
      debtorName: cases.debtorName,
      checkedInAt: visits.checkedInAt,
      lat: visits.checkInLat,
      lng: visits.checkInLng,
    })
    .from(visits)
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .where(
      and(
        eq(visits.collectorId, collectorId),
        ne(visits.id, visitId),
        isNotNull(visits.checkInLat),
        direction === 'previous' ? lt(visits.checkedInAt, at) : gt(visits.checkedInAt, at),
      ),
    )
    // visits_collector_check_in_idx (collector_id, checked_in_at).
    .orderBy(direction === 'previous' ? desc(visits.checkedInAt) : asc(visits.checkedInAt))
    .limit(1);
  return row;
}

/** When the collector's published route planned to arrive at this case, nearest the check-in (same day). */
export async function plannedArrival(db: Executor, collectorId: string, caseId: string, around: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: routeStops.plannedArrival })
    .from(routeStops)
    .innerJoin(routes, eq(routes.id, routeStops.routeId))
    .where(
      and(
        eq(routeStops.caseId, caseId),
        eq(routes.collectorId, collectorId),
        isNotNull(routes.publishedAt),
        sql`${routeStops.plannedArrival} between ${new Date(around.getTime() - 18 * 3_600_000).toISOString()}::timestamptz and ${new Date(around.getTime() + 18 * 3_600_000).toISOString()}::timestamptz`,
      ),
    )
    // The latest published version of the day's route wins; then the stop nearest the check-in.
    .orderBy(desc(routes.publishedAt), sql`abs(extract(epoch from ${routeStops.plannedArrival} - ${around.toISOString()}::timestamptz))`)
    .limit(1);
  return row?.at ?? null;
}

/** The visits of a case, newest first, in the viewer's scope: an evidence pack of a whole case. */
export async function visitIdsOfCase(db: Executor, caseId: string, scopeTeam: string | null): Promise<string[]> {
  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.collectorId))
    .where(and(eq(visits.caseId, caseId), scopeTeam === null ? undefined : eq(users.teamId, scopeTeam)))
    .orderBy(asc(visits.createdAt), asc(visits.id));
  return rows.map((row) => row.id);
}

export async function findCaseForPack(db: Executor, caseId: string) {
  const [row] = await db
    .select({
      id: cases.id,
      externalId: cases.externalId,
      creditor: creditors.code,
      product: cases.product,
      debtorName: cases.debtorName,
      debtorIdNumber: cases.debtorIdNumber,
      totalOutstanding: cases.totalOutstanding,
      principal: cases.principal,
      interest: cases.interest,
      fees: cases.fees,
      daysPastDue: cases.daysPastDue,
      status: cases.status,
      timeZone: cases.timeZone,
      address: cases.address,
    })
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(eq(cases.id, caseId))
    .limit(1);
  return row;
}
