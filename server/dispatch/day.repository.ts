import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { caseAddresses, cases, collectors, routes, routeStops, users, visits } from '../db/schema/index.js';

/** Active collectors (of `team` when set) with their home base and last known position. */
export async function collectorsOnDuty(db: Executor, team: string | null) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      teamId: users.teamId,
      homeLat: collectors.homeLat,
      homeLng: collectors.homeLng,
      lastLat: collectors.lastLat,
      lastLng: collectors.lastLng,
      lastAccuracyM: collectors.lastAccuracyM,
      lastPositionAt: collectors.lastPositionAt,
    })
    .from(collectors)
    .innerJoin(users, eq(users.id, collectors.userId))
    .where(and(isNull(users.disabledAt), team === null ? undefined : eq(users.teamId, team)))
    .orderBy(asc(users.username));
}

/**
 * Every stop of each collector's latest published route on the date, in order, with the
 * collector's latest visit to the case within [from, until): one query for the whole day.
 */
export async function dayStops(db: Executor, serviceDate: string, collectorIds: string[], from: Date, until: Date) {
  if (collectorIds.length === 0) return [];
  const latest = db
    .selectDistinctOn([routes.collectorId], { id: routes.id })
    .from(routes)
    .where(and(eq(routes.serviceDate, serviceDate), isNotNull(routes.publishedAt), inArray(routes.collectorId, collectorIds)))
    .orderBy(routes.collectorId, desc(routes.publishedAt));
  // A visit's pieces may arrive in any order, so whichever is known dates it.
  const visitedAt = sql`coalesce(${visits.checkedInAt}, ${visits.recordedAt}, ${visits.checkedOutAt})`;
  const visit = db
    .select({
      checkedInAt: visits.checkedInAt,
      checkInLat: visits.checkInLat,
      checkInLng: visits.checkInLng,
      recordedAt: visits.recordedAt,
      checkedOutAt: visits.checkedOutAt,
      outcome: visits.outcome,
    })
    .from(visits)
    .where(
      and(eq(visits.caseId, routeStops.caseId), eq(visits.collectorId, routes.collectorId), gte(visitedAt, from), lt(visitedAt, until)),
    )
    .orderBy(desc(visitedAt))
    .limit(1)
    .as('visit');
  return db
    .select({
      routeId: routes.id,
      collectorId: routes.collectorId,
      publishedAt: routes.publishedAt,
      sequence: routeStops.sequence,
      caseId: routeStops.caseId,
      debtorName: cases.debtorName,
      lat: caseAddresses.lat,
      lng: caseAddresses.lng,
      plannedArrival: routeStops.plannedArrival,
      windowStart: routeStops.windowStart,
      windowEnd: routeStops.windowEnd,
      checkedInAt: visit.checkedInAt,
      checkInLat: visit.checkInLat,
      checkInLng: visit.checkInLng,
      recordedAt: visit.recordedAt,
      checkedOutAt: visit.checkedOutAt,
      outcome: visit.outcome,
    })
    .from(routeStops)
    .innerJoin(routes, eq(routes.id, routeStops.routeId))
    .innerJoin(cases, eq(cases.id, routeStops.caseId))
    .innerJoin(caseAddresses, eq(caseAddresses.id, routeStops.addressId))
    .leftJoinLateral(visit, sql`true`)
    .where(inArray(routes.id, latest))
    .orderBy(asc(routes.collectorId), asc(routeStops.sequence));
}

export type DayStopRow = Awaited<ReturnType<typeof dayStops>>[number];
