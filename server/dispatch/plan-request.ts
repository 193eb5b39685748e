// Turns cases and collectors into the route planner's vocabulary, and its plan back into
// the dispatcher's: one clock per plan, seconds after midnight in the debtors' zone.
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { clockSeconds, zonedInstant } from '../../shared/zoned-time.js';
import type { Plan, PlanRequest, TimeWindow, TravelMode } from '../routing/types.js';

export interface PlanningCase {
  id: string;
  debtorName: string;
  addressId: string;
  addressKind: 'home' | 'work' | 'other';
  address: string;
  lat: number;
  lng: number;
  totalOutstanding: number;
  priority: number;
  visitingHoursStart: string;
  visitingHoursEnd: string;
}

export interface PlanningCollector {
  id: string;
  displayName: string;
  homeLat: number;
  homeLng: number;
  shiftStart: string;
  shiftEnd: string;
  maxVisitsPerDay: number;
  travelMode: TravelMode;
  skills: string[];
}

export const visitSeconds = 20 * 60;

/** When people are found: at home outside lunch, at work in office hours. */
export function windowsFor(kind: PlanningCase['addressKind']): TimeWindow[] {
  const w = (from: string, to: string) => ({ start: clockSeconds(from), end: clockSeconds(to) });
  if (kind === 'work') return [w('09:00', '12:00'), w('13:30', '17:30')];
  if (kind === 'home') return [w('08:00', '12:00'), w('14:00', '21:00')];
  return [w('08:00', '21:00')];
}

/** The time window a planned stop falls in (the stop itself when none holds it). */
export function windowOfStop(kind: PlanningCase['addressKind'], stop: { serviceStart: number; departure: number }): TimeWindow {
  return windowsFor(kind).find((w) => stop.serviceStart >= w.start && stop.serviceStart <= w.end) ?? { start: stop.serviceStart, end: stop.departure };
}

/** Priority first, then the amount at stake (capped, so one huge debt does not eclipse priority). */
export function visitValue(priority: number, totalOutstanding: number): number {
  return priority * 100 + Math.min(500, Math.round(totalOutstanding / 100_000));
}

/** `pins`: case id to the collector it must stay with. */
export function toPlanRequest(cases: PlanningCase[], collectors: PlanningCollector[], pins: ReadonlyMap<string, string> = new Map()): PlanRequest {
  return {
    tasks: cases.map((c) => ({
      id: c.id,
      location: { lat: c.lat, lng: c.lng },
      windows: windowsFor(c.addressKind),
      serviceSeconds: visitSeconds,
      value: visitValue(c.priority, c.totalOutstanding),
      // The creditor's conduct rule: the whole visit inside its permitted hours.
      visitingHours: { start: clockSeconds(c.visitingHoursStart), end: clockSeconds(c.visitingHoursEnd) },
      ...(pins.has(c.id) ? { pinnedCollectorId: pins.get(c.id)! } : {}),
    })),
    collectors: collectors.map((c) => ({
      id: c.id,
      start: { lat: c.homeLat, lng: c.homeLng },
      shift: { start: clockSeconds(c.shiftStart), end: clockSeconds(c.shiftEnd) },
      maxVisits: c.maxVisitsPerDay,
      travelMode: c.travelMode,
      skills: c.skills,
    })),
  };
}

export function toPlanView(
  plan: Plan,
  input: {
    id: string;
    serviceDate: string;
    timeZone: string;
    cases: PlanningCase[];
    collectors: PlanningCollector[];
    createdAt: Date;
    pins?: ReadonlyMap<string, string>;
  },
): PlanView {
  const caseById = new Map(input.cases.map((c) => [c.id, c]));
  const planned = new Map(plan.routes.map((route) => [route.collectorId, route]));
  const instant = (seconds: number) => zonedInstant(input.serviceDate, seconds, input.timeZone).toISOString();
  return {
    id: input.id,
    serviceDate: input.serviceDate,
    status: 'draft',
    timeZone: input.timeZone,
    // Every chosen collector, an idle one with no stops: the dispatcher may move stops to them.
    routes: input.collectors.map((collector) => {
      const route = planned.get(collector.id) ?? { travelSeconds: 0, distanceMetres: 0, stops: [] };
      return {
        collectorId: collector.id,
        collectorName: collector.displayName,
        travelSeconds: Math.round(route.travelSeconds),
        distanceM: Math.round(route.distanceMetres),
        stops: route.stops.map((stop) => {
          const target = caseById.get(stop.taskId)!;
          const window = windowOfStop(target.addressKind, stop);
          return {
            caseId: target.id,
            addressId: target.addressId,
            debtorName: target.debtorName,
            address: target.address,
            lat: target.lat,
            lng: target.lng,
            arrival: instant(stop.serviceStart),
            departure: instant(stop.departure),
            windowStart: instant(window.start),
            windowEnd: instant(window.end),
            pinned: input.pins?.get(target.id) === collector.id,
            lateSeconds: 0,
          };
        }),
      };
    }),
    unserved: plan.unserved.map((u) => ({ caseId: u.taskId, reason: u.reason })),
    servedValuePct: plan.totalValue > 0 ? Math.round((plan.servedValue / plan.totalValue) * 1000) / 10 : 100,
    travelSeconds: Math.round(plan.travelSeconds),
    search: { iterations: plan.search.iterations, elapsedMs: Math.round(plan.search.elapsedMs) },
    createdAt: input.createdAt.toISOString(),
    publishedAt: null,
  };
}
