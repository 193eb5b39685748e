import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { bulkInsert } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { caseAddresses, cases, creditors, plans, routes, routeStops } from '../db/schema/index.js';
import { listCollectors } from '../users/directory.repository.js';
import type { PlanningCase, PlanningCollector } from './plan-request.js';
import { casesOfTeam } from './team.repository.js';

const openStatuses = ['received', 'assigned'] as const;
const planningLimit = 5_000;

/** Open cases to plan (the given ones, or all open; only those `team` may plan when set), each at its first address. */
export async function planningCases(db: Executor, caseIds: string[] | undefined, team: string | null = null): Promise<PlanningCase[]> {
  const rows = await db
    .select({
      id: cases.id,
      debtorName: cases.debtorName,
      totalOutstanding: cases.totalOutstanding,
      priority: cases.priority,
      visitingHoursStart: creditors.visitingHoursStart,
      visitingHoursEnd: creditors.visitingHoursEnd,
    })
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(inArray(cases.status, [...openStatuses]), caseIds ? inArray(cases.id, caseIds) : undefined, casesOfTeam(team)))
    .orderBy(asc(cases.id))
    .limit(planningLimit);
  if (rows.length === 0) return [];
  const addresses = await db
    .select({ id: caseAddresses.id, caseId: caseAddresses.caseId, kind: caseAddresses.kind, address: caseAddresses.address, lat: caseAddresses.lat, lng: caseAddresses.lng })
    .from(caseAddresses)
    .where(inArray(caseAddresses.caseId, rows.map((r) => r.id)))
    .orderBy(asc(caseAddresses.createdAt), asc(caseAddresses.id));
  const first = new Map<string, (typeof addresses)[number]>();
  for (const address of addresses) if (!first.has(address.caseId)) first.set(address.caseId, address);
  return rows.flatMap((row) => {
    const address = first.get(row.id);
    if (!address) return [];
    return [
      {
        ...row,
        visitingHoursStart: row.visitingHoursStart.slice(0, 5),
        visitingHoursEnd: row.visitingHoursEnd.slice(0, 5),
        addressId: address.id,
        addressKind: address.kind,
        address: address.address,
        lat: address.lat,
        lng: address.lng,
      },
    ];
  });
}

export async function planningCollectors(db: Executor, ids: string[]): Promise<PlanningCollector[]> {
  const found = await listCollectors(db, ids);
  return found
    .filter((collector) => collector.disabledAt === null)
    .map((c) => ({
      id: c.id,
      displayName: c.displayName,
      homeLat: c.homeLat,
      homeLng: c.homeLng,
      shiftStart: c.shiftStart.slice(0, 5),
      shiftEnd: c.shiftEnd.slice(0, 5),
      maxVisitsPerDay: c.maxVisitsPerDay,
      travelMode: c.travelMode,
      skills: c.skills,
    }));
}

export async function insertPlan(db: Executor, plan: typeof plans.$inferInsert) {
  await db.insert(plans).values(plan);
}

export async function findPlan(db: Executor, id: string) {
  const [row] = await db.select().from(plans).where(eq(plans.id, id)).limit(1);
  return row;
}

/** Marks the plan published unless it already is; false when someone else got there first. */
export async function markPublished(db: Executor, id: string, view: PlanView): Promise<boolean> {
  const updated = await db
    .update(plans)
    .set({ status: 'published', publishedAt: sql`now()`, view })
    .where(and(eq(plans.id, id), eq(plans.status, 'draft')))
    .returning({ id: plans.id });
  return updated.length > 0;
}

export async function insertRoute(db: Executor, route: typeof routes.$inferInsert, stops: (typeof routeStops.$inferInsert)[]) {
  await db.insert(routes).values(route);
  if (stops.length > 0) {
    await db.execute(bulkInsert(routeStops, ['routeId', 'sequence', 'caseId', 'addressId', 'plannedArrival', 'plannedDeparture', 'windowStart', 'windowEnd'], stops));
  }
}
