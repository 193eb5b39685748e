// A dispatcher's hand edit of a draft, as a change to the order of stops: which routes it touches
// is all the service needs to know to re-time them. Times are stale until then.
import type { PlanEdit, PlanView } from '../../shared/schemas/dispatch.js';
import { DomainError } from '../http/errors.js';

export type PlanStop = PlanView['routes'][number]['stops'][number];

export type CasePlace = { kind: 'stop'; route: number; index: number } | { kind: 'unserved'; index: number };

export function findCase(view: PlanView, caseId: string): CasePlace | undefined {
  for (const [route, { stops }] of view.routes.entries()) {
    const index = stops.findIndex((stop) => stop.caseId === caseId);
    if (index >= 0) return { kind: 'stop', route, index };
  }
  const index = view.unserved.findIndex((u) => u.caseId === caseId);
  return index >= 0 ? { kind: 'unserved', index } : undefined;
}

export const notInPlan = () => new DomainError(404, 'That case is not in this plan. Refresh the plan and try again.');
export const notInRoute = () => new DomainError(404, 'That case is not on any route of this plan; move it into a route first.');

/**
 * Applies `edit`; `incoming` is the stop to use when an unserved case is moved into a route.
 * Answers the new view and the collectors whose routes changed order.
 */
export function applyEdit(view: PlanView, edit: PlanEdit, incoming?: PlanStop): { view: PlanView; touched: string[] } {
  const place = findCase(view, edit.caseId);
  if (place === undefined) throw notInPlan();
  const routes = view.routes.map((route) => ({ ...route, stops: [...route.stops] }));
  let unserved = view.unserved;

  if (edit.op === 'pin') {
    if (place.kind !== 'stop') throw notInRoute();
    const stops = routes[place.route]!.stops;
    stops[place.index] = { ...stops[place.index]!, pinned: edit.pinned };
    // Pinning changes no time.
    return { view: { ...view, routes }, touched: [] };
  }

  if (edit.op === 'remove') {
    if (place.kind !== 'stop') throw notInRoute();
    const route = routes[place.route]!;
    route.stops.splice(place.index, 1);
    unserved = [...unserved, { caseId: edit.caseId, reason: 'removed_by_dispatcher' }];
    return { view: { ...view, routes, unserved }, touched: [route.collectorId] };
  }

  const target = routes.find((route) => route.collectorId === edit.collectorId);
  if (target === undefined)
    throw new DomainError(422, 'That collector is not in this plan. Choose one of the plan’s collectors, or make a new plan with them.');
  let stop: PlanStop;
  const touched = new Set([target.collectorId]);
  if (place.kind === 'stop') {
    const source = routes[place.route]!;
    stop = source.stops.splice(place.index, 1)[0]!;
    touched.add(source.collectorId);
  } else {
    if (incoming === undefined) throw new Error('moving an unserved case needs its stop');
    stop = incoming;
    unserved = unserved.filter((u) => u.caseId !== edit.caseId);
  }
  // Beyond the end means at the end.
  target.stops.splice(Math.min(edit.position, target.stops.length), 0, stop);
  return { view: { ...view, routes, unserved }, touched: [...touched] };
}
