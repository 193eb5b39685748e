// Live re-plan: put one urgent task into the published routes at the cheapest feasible place,
// keeping every route's order (and the stops already made) as it is.
import { compilePlan, type CompiledPlan } from './compile.js';
import { bestInsertion, routeAccepts } from './core/insertion.js';
import { Instance } from './core/instance.js';
import { Solution } from './core/solution.js';
import { describeRoute } from './describe.js';
import type { MatrixProvider } from './matrix/provider.js';
import { StraightLineProvider } from './matrix/straight-line.js';
import type { Collector, PlannedRoute, TimeWindow, UnservedReason, VisitTask } from './types.js';

export interface PublishedRoute {
  collectorId: string;
  /** Task ids in visiting order. */
  taskIds: string[];
  /** Stops already made or under way; the new task can only come after them. */
  completedStops?: number;
}

export interface UrgentInsertionRequest {
  /** At least every task on the published routes. */
  tasks: VisitTask[];
  collectors: Collector[];
  routes: PublishedRoute[];
  task: VisitTask;
  visitingHours?: TimeWindow;
  /** The current time on the plan's clock: the new visit cannot start earlier. */
  now?: number;
}

export type UrgentInsertionResult =
  | { inserted: true; collectorId: string; position: number; addedTravelSeconds: number; route: PlannedRoute }
  | { inserted: false; reason: UnservedReason };

interface Candidate {
  compiled: CompiledPlan;
  jobs: number[];
  position: number;
  delta: number;
  collector: Collector;
}

// Uncached: every call asks about a new point set (the urgent task's), so a cache would only
// add key building; pass a cached provider when the source is remote (OSRM).
const defaultProvider = new StraightLineProvider();

export async function insertUrgentTask(
  request: UrgentInsertionRequest,
  options: { provider?: MatrixProvider } = {},
): Promise<UrgentInsertionResult> {
  const provider = options.provider ?? defaultProvider;
  const taskById = new Map(request.tasks.map((task) => [task.id, task]));
  const urgent = notBefore(request.task, request.now);
  const reasons: UnservedReason[] = [];
  let best: Candidate | undefined;
  if (urgent.pinnedCollectorId !== undefined && !request.collectors.some((c) => c.id === urgent.pinnedCollectorId)) {
    return { inserted: false, reason: 'pinned_collector_unavailable' };
  }
  for (const collector of request.collectors) {
    if (urgent.pinnedCollectorId !== undefined && urgent.pinnedCollectorId !== collector.id) continue;
    if (!(urgent.requiredSkills ?? []).every((skill) => (collector.skills ?? []).includes(skill))) {
      reasons.push('no_collector_with_skill');
      continue;
    }
    const published = request.routes.find((route) => route.collectorId === collector.id);
    const routeTasks = (published?.taskIds ?? []).map((id) => {
      const task = taskById.get(id);
      if (task === undefined) throw new Error(`published route of ${collector.id} refers to unknown task ${id}`);
      return task;
    });
    const compiled = await compilePlan(
      {
        tasks: [...routeTasks, urgent],
        collectors: [collector],
        ...(request.visitingHours === undefined ? {} : { visitingHours: request.visitingHours }),
      },
      provider,
    );
    const urgentExcluded = compiled.excluded.find((unserved) => unserved.taskId === urgent.id);
    if (urgentExcluded !== undefined) {
      reasons.push(urgentExcluded.reason);
      continue;
    }
    // A published stop that no longer fits the model (e.g. its window changed) leaves this route alone.
    if (compiled.excluded.length > 0) continue;
    const found = cheapestInRoute(compiled, routeTasks.length, published?.completedStops ?? 0);
    if (found === undefined) {
      reasons.push(routeTasks.length >= (collector.maxVisits ?? Infinity) ? 'max_visits_reached' : 'no_time_left');
      continue;
    }
    if (best === undefined || found.delta < best.delta) best = { ...found, compiled, collector };
  }
  if (best === undefined) return { inserted: false, reason: mostTelling(reasons) };
  const route = describeRoute(best.compiled, 0, best.jobs);
  return {
    inserted: true,
    collectorId: best.collector.id,
    position: route.stops.findIndex((stop) => stop.taskId === urgent.id),
    addedTravelSeconds: best.delta,
    route,
  };
}

/** Jobs 0..n-1 are the route's tasks in order, job n the urgent task, job n+1 the break if any. */
function cheapestInRoute(
  compiled: CompiledPlan,
  routeLength: number,
  completedStops: number,
): { jobs: number[]; position: number; delta: number } | undefined {
  const inst = new Instance(compiled.problem);
  const solution = new Solution(inst);
  solution.load([{ vehicle: 0, jobs: Array.from({ length: routeLength }, (_, j) => j) }]);
  const route = solution.routes[0]!;
  const breakJob = compiled.jobBreak.findIndex((collector) => collector === 0);
  if (breakJob >= 0) {
    // The published plan keeps its break, possibly already taken: put it back where it fits best.
    const pause = bestInsertion(inst, route, breakJob, Infinity);
    if (pause === undefined) return undefined;
    solution.insert(breakJob, 0, pause.position);
  }
  if (!route.isFeasible()) return undefined;
  const urgentJob = routeLength;
  if (!routeAccepts(inst, route, urgentJob)) return undefined;
  // Completed stops count visits; the break may sit among them.
  const breakBefore = breakJob >= 0 && route.jobs.indexOf(breakJob) < completedStops ? 1 : 0;
  const found = bestInsertion(inst, route, urgentJob, Infinity, undefined, 0, completedStops + breakBefore);
  if (found === undefined) return undefined;
  const jobs = route.jobs.slice();
  jobs.splice(found.position, 0, urgentJob);
  return { jobs, position: found.position, delta: found.delta };
}

function notBefore(task: VisitTask, now: number | undefined): VisitTask {
  if (now === undefined) return task;
  const windows = task.windows ?? [{ start: now, end: Infinity }];
  return { ...task, windows: windows.map((w) => ({ start: Math.max(w.start, now), end: w.end })).filter((w) => w.start <= w.end) };
}

/** One reason for the dispatcher: a property of the task first, then lack of room. */
function mostTelling(reasons: UnservedReason[]): UnservedReason {
  if (reasons.includes('no_time_window')) return 'no_time_window';
  const room = reasons.filter((reason) => reason === 'max_visits_reached' || reason === 'capacity' || reason === 'no_time_left');
  if (room.length > 0) return room.every((reason) => reason === 'max_visits_reached') ? 'max_visits_reached' : 'no_time_left';
  if (reasons.includes('outside_shifts')) return 'outside_shifts';
  return 'no_collector_with_skill';
}
