// Re-times the routes a hand edit touched and refreshes the plan's totals, on the plan's clock
// and with the planner's travel model, so the dispatcher sees the effect the moment they edit.
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { clockSeconds, zonedInstant } from '../../shared/zoned-time.js';
import { permittedWindows } from '../routing/compile.js';
import type { MatrixProvider } from '../routing/matrix/provider.js';
import type { TimeWindow, TravelMode } from '../routing/types.js';
import { type PlanningCase, visitSeconds, windowsFor } from './plan-request.js';
import { retimeRoute } from './retime.js';

export interface RouteOwner {
  homeLat: number;
  homeLng: number;
  /** HH:MM */
  shiftStart: string;
  travelMode: TravelMode;
}

export interface StopTerms {
  addressKind: PlanningCase['addressKind'];
  /** The creditor's visiting hours, HH:MM. */
  visitingHoursStart: string;
  visitingHoursEnd: string;
}

/** When a visit to this address may start: the planner's windows inside the visiting hours. */
export function permittedStarts(terms: StopTerms): TimeWindow[] {
  const hours = { start: clockSeconds(terms.visitingHoursStart), end: clockSeconds(terms.visitingHoursEnd) };
  const task = { id: '', location: { lat: 0, lng: 0 }, value: 0, windows: windowsFor(terms.addressKind), serviceSeconds: visitSeconds };
  return permittedWindows(task, hours).map(([start, end]) => ({ start, end }));
}

/** The address's time window as the dispatcher knows it (home, work hours) behind a permitted one. */
function shownWindow(kind: StopTerms['addressKind'], permitted: TimeWindow): TimeWindow {
  return windowsFor(kind).find((w) => w.start <= permitted.end && permitted.start <= w.end) ?? permitted;
}

export async function retimeRoutes(
  view: PlanView,
  collectorIds: readonly string[],
  facts: { ownerOf(collectorId: string): RouteOwner; termsOf(stop: { caseId: string; addressId: string }): StopTerms },
  provider: MatrixProvider,
): Promise<PlanView> {
  const instant = (seconds: number) => zonedInstant(view.serviceDate, seconds, view.timeZone).toISOString();
  const routes = await Promise.all(
    view.routes.map(async (route) => {
      if (!collectorIds.includes(route.collectorId)) return route;
      const owner = facts.ownerOf(route.collectorId);
      const terms = route.stops.map((stop) => facts.termsOf(stop));
      const home = { lat: owner.homeLat, lng: owner.homeLng };
      const matrix = await provider.matrix([home, ...route.stops.map((s) => ({ lat: s.lat, lng: s.lng }))], owner.travelMode);
      const timed = retimeRoute(
        clockSeconds(owner.shiftStart),
        terms.map((t) => ({ windows: permittedStarts(t), serviceSeconds: visitSeconds })),
        matrix,
      );
      return {
        ...route,
        travelSeconds: Math.round(timed.travelSeconds),
        distanceM: Math.round(timed.distanceMetres),
        stops: route.stops.map((stop, i) => {
          const time = timed.stops[i]!;
          const window = shownWindow(terms[i]!.addressKind, time.window);
          return {
            ...stop,
            arrival: instant(time.arrival),
            departure: instant(time.departure),
            windowStart: instant(window.start),
            windowEnd: instant(window.end),
            lateSeconds: time.lateSeconds,
          };
        }),
      };
    }),
  );
  return { ...view, routes };
}

/** Plan totals after an edit: travel over every route, the value served out of all the plan's cases. */
export function withTotals(view: PlanView, valueOf: (caseId: string) => number): PlanView {
  const served = view.routes.reduce((sum, route) => sum + route.stops.reduce((s, stop) => s + valueOf(stop.caseId), 0), 0);
  const total = served + view.unserved.reduce((sum, u) => sum + valueOf(u.caseId), 0);
  return {
    ...view,
    travelSeconds: view.routes.reduce((sum, route) => sum + route.travelSeconds, 0),
    servedValuePct: total > 0 ? Math.round((served / total) * 1000) / 10 : 100,
  };
}
