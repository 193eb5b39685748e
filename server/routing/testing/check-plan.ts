// Independent check of a city plan against its request: every rule a route must keep, recomputed
// from the request alone with the caller's own travel-time function.
import type { LatLng, Plan, PlanRequest, TravelMode } from '../types.js';

export type TravelSeconds = (from: LatLng, to: LatLng, mode: TravelMode) => number;

const TOLERANCE = 1e-6;
const DEFAULT_HOURS = { start: 8 * 3600, end: 21 * 3600 };

export function checkPlan(request: PlanRequest, plan: Plan, travel: TravelSeconds): string[] {
  const problems: string[] = [];
  const tasks = new Map(request.tasks.map((task) => [task.id, task]));
  const collectors = new Map(request.collectors.map((collector) => [collector.id, collector]));
  const accounted = new Map<string, number>();
  const count = (id: string): void => void accounted.set(id, (accounted.get(id) ?? 0) + 1);
  const usedCollectors = new Set<string>();
  for (const route of plan.routes) {
    const collector = collectors.get(route.collectorId);
    if (collector === undefined) {
      problems.push(`route for unknown collector ${route.collectorId}`);
      continue;
    }
    const who = collector.id;
    if (usedCollectors.has(who)) problems.push(`${who} has two routes`);
    usedCollectors.add(who);
    if (route.departure < collector.shift.start - TOLERANCE) problems.push(`${who} leaves before the shift`);
    if (route.stops.length > (collector.maxVisits ?? Infinity))
      problems.push(`${who} makes ${route.stops.length} visits, max ${collector.maxVisits}`);
    let load = 0;
    let at = collector.start;
    let free = route.departure;
    const pause = route.break;
    if (collector.break !== undefined) {
      if (pause === undefined) problems.push(`${who} gets no break`);
      else if (pause.start < collector.break.earliestStart - TOLERANCE || pause.start > collector.break.latestStart + TOLERANCE)
        problems.push(`${who}: break at ${pause.start} outside its window`);
      else if (pause.end - pause.start < collector.break.durationSeconds - TOLERANCE) problems.push(`${who}: break too short`);
    }
    for (const stop of route.stops) {
      count(stop.taskId);
      const task = tasks.get(stop.taskId);
      if (task === undefined) {
        problems.push(`${who} visits unknown task ${stop.taskId}`);
        continue;
      }
      const what = `${who} at ${task.id}`;
      // The break is taken where the collector is, before travelling on.
      if (pause !== undefined && pause.start >= free - TOLERANCE && pause.end <= stop.serviceStart + TOLERANCE)
        free = Math.max(free, pause.end);
      if (pause !== undefined && pause.start < stop.departure - TOLERANCE && pause.end > stop.serviceStart + TOLERANCE)
        problems.push(`${what}: break overlaps the visit`);
      if (stop.arrival < free + travel(at, task.location, collector.travelMode) - TOLERANCE)
        problems.push(`${what}: arrives too early for the trip`);
      if (stop.serviceStart < stop.arrival - TOLERANCE) problems.push(`${what}: starts before arriving`);
      if (Math.abs(stop.departure - stop.serviceStart - task.serviceSeconds) > TOLERANCE) problems.push(`${what}: wrong service duration`);
      const windows = task.windows ?? [{ start: -Infinity, end: Infinity }];
      if (!windows.some((w) => stop.serviceStart >= w.start - TOLERANCE && stop.serviceStart <= w.end + TOLERANCE))
        problems.push(`${what}: starts outside its time windows`);
      const hours = task.visitingHours ?? request.visitingHours ?? DEFAULT_HOURS;
      if (stop.serviceStart < hours.start - TOLERANCE || stop.departure > hours.end + TOLERANCE)
        problems.push(`${what}: outside visiting hours`);
      const skills = collector.skills ?? [];
      if (!(task.requiredSkills ?? []).every((skill) => skills.includes(skill))) problems.push(`${what}: lacks a required skill`);
      if (task.pinnedCollectorId !== undefined && task.pinnedCollectorId !== who)
        problems.push(`${what}: task is pinned to ${task.pinnedCollectorId}`);
      load += task.demand ?? 0;
      at = task.location;
      free = stop.departure;
    }
    if (pause !== undefined && pause.start >= free - TOLERANCE) free = Math.max(free, pause.end);
    const home = free + travel(at, collector.end ?? collector.start, collector.travelMode);
    if (home > collector.shift.end + TOLERANCE) problems.push(`${who} gets back at ${home}, after the shift`);
    if (load > (collector.capacity ?? Infinity)) problems.push(`${who} over capacity`);
    route.stops.forEach((stop, index) => {
      const position = tasks.get(stop.taskId)?.pinnedPosition;
      if (position === 'first' && index !== 0) problems.push(`${who}: ${stop.taskId} must be first`);
      if (position === 'last' && index !== route.stops.length - 1) problems.push(`${who}: ${stop.taskId} must be last`);
    });
  }
  for (const unserved of plan.unserved) count(unserved.taskId);
  for (const task of request.tasks) {
    const times = accounted.get(task.id) ?? 0;
    if (times !== 1) problems.push(`task ${task.id} appears ${times} times among stops and unserved`);
  }
  return problems;
}
