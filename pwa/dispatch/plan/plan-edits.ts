// A draft plan under hand edits: the server's last answer plus the edits still on their way, applied
// in order so the routes reorder at once; the server's answer then brings the new times.
import type { PlanEdit, PlanView } from '../../../shared/schemas/dispatch.js';

export type PlanStop = PlanView['routes'][number]['stops'][number];

export interface EditingPlan {
  /** The last plan the server answered. */
  confirmed: PlanView;
  /** Sent (or about to be), not yet answered, oldest first. */
  pending: PlanEdit[];
}

function findStop(plan: PlanView, caseId: string): { route: number; index: number } | null {
  for (let route = 0; route < plan.routes.length; route++) {
    const index = plan.routes[route]?.stops.findIndex((stop) => stop.caseId === caseId) ?? -1;
    if (index !== -1) return { route, index };
  }
  return null;
}

/**
 * The plan as it will look once the server has applied `edit`, times aside (a moved stop keeps its
 * old times until the answer). An edit the plan cannot take leaves it unchanged.
 */
export function applyEdit(plan: PlanView, edit: PlanEdit): PlanView {
  const routes = plan.routes.map((route) => ({ ...route, stops: [...route.stops] }));
  const at = findStop(plan, edit.caseId);
  if (edit.op === 'pin') {
    if (!at) return plan;
    const stops = routes[at.route]?.stops;
    const stop = stops?.[at.index];
    if (stops && stop) stops[at.index] = { ...stop, pinned: edit.pinned };
    return { ...plan, routes };
  }
  if (edit.op === 'remove') {
    if (!at) return plan;
    routes[at.route]?.stops.splice(at.index, 1);
    const unserved = [
      ...plan.unserved.filter((u) => u.caseId !== edit.caseId),
      { caseId: edit.caseId, reason: 'removed_by_dispatcher' as const },
    ];
    return { ...plan, routes, unserved };
  }
  const target = routes.find((route) => route.collectorId === edit.collectorId);
  if (!target) return plan;
  let moving: PlanStop | undefined;
  if (at) {
    moving = routes[at.route]?.stops.splice(at.index, 1)[0];
  }
  // An unserved case has no stop yet; it shows once the server has placed and timed it.
  if (!moving) return { ...plan, routes, unserved: plan.unserved.filter((u) => u.caseId !== edit.caseId) };
  target.stops.splice(Math.min(edit.position, target.stops.length), 0, moving);
  return { ...plan, routes };
}

export function shownPlan(editing: EditingPlan): PlanView {
  return editing.pending.reduce(applyEdit, editing.confirmed);
}

/** The edit that moves a stop one place earlier (-1) or later (+1) in its route; null at either end. */
export function nudge(plan: PlanView, caseId: string, by: -1 | 1): PlanEdit | null {
  const at = findStop(plan, caseId);
  const route = at ? plan.routes[at.route] : undefined;
  if (!at || !route) return null;
  const position = at.index + by;
  if (position < 0 || position >= route.stops.length) return null;
  return { op: 'move', caseId, collectorId: route.collectorId, position };
}

/** Late stops keep a plan from being published. */
export function lateStops(plan: PlanView): PlanStop[] {
  return plan.routes.flatMap((route) => route.stops.filter((stop) => stop.lateSeconds > 0));
}

export function stopCount(plan: PlanView): number {
  return plan.routes.reduce((sum, route) => sum + route.stops.length, 0);
}
