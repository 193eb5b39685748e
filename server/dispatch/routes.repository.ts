import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DeviceRoute } from '../../shared/schemas/sync.js';
import type { Executor } from '../db/client.js';
import { routes, routeStops } from '../db/schema/index.js';

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The collector's latest published route for today in the given zone, or null. */
export async function todaysRoute(db: Executor, collectorId: string, timeZone: string, now = new Date()): Promise<DeviceRoute | null> {
  const [route] = await db
    .select()
    .from(routes)
    .where(and(eq(routes.collectorId, collectorId), eq(routes.serviceDate, localDate(now, timeZone)), isNotNull(routes.publishedAt)))
    .orderBy(desc(routes.publishedAt))
    .limit(1);
  if (!route?.publishedAt) return null;
  const stops = await db.select().from(routeStops).where(eq(routeStops.routeId, route.id)).orderBy(asc(routeStops.sequence));
  return {
    id: route.id,
    serviceDate: route.serviceDate,
    publishedAt: route.publishedAt.toISOString(),
    stops: stops.map((s) => ({
      sequence: s.sequence,
      caseId: s.caseId,
      addressId: s.addressId,
      plannedArrival: s.plannedArrival.toISOString(),
      plannedDeparture: s.plannedDeparture.toISOString(),
      windowStart: s.windowStart.toISOString(),
      windowEnd: s.windowEnd.toISOString(),
    })),
  };
}

/** Each collector's latest published route on a date, with its stops in order. */
export async function publishedRoutesOn(db: Executor, serviceDate: string) {
  const all = await db
    .select()
    .from(routes)
    .where(and(eq(routes.serviceDate, serviceDate), isNotNull(routes.publishedAt)))
    .orderBy(desc(routes.publishedAt));
  const latest = new Map<string, (typeof all)[number]>();
  for (const route of all) if (!latest.has(route.collectorId)) latest.set(route.collectorId, route);
  const chosen = [...latest.values()];
  if (chosen.length === 0) return [];
  const stops = await db.select().from(routeStops).where(inArray(routeStops.routeId, chosen.map((r) => r.id))).orderBy(asc(routeStops.sequence));
  return chosen.map((route) => ({ ...route, stops: stops.filter((stop) => stop.routeId === route.id) }));
}
