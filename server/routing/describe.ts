// Turns the engine's job lists back into the dispatcher's words: timed stops per collector,
// travel totals, and a reason for every task left out.
import type { CompiledPlan } from './compile.js';
import type { CoreJob, CoreSolution, CoreVehicle } from './core/problem.js';
import type { SearchResult } from './core/search.js';
import type { Plan, PlannedRoute, PlannedStop, UnservedTask } from './types.js';

export function describePlan(compiled: CompiledPlan, result: SearchResult): Plan {
  const { request, problem, jobTask } = compiled;
  const taskValue = new Map(request.tasks.map((task) => [task.id, task.value]));
  const routes = result.solution.routes
    .map((route) => describeRoute(compiled, route.vehicle, route.jobs))
    .filter((route) => route.stops.length > 0);
  const unserved: UnservedTask[] = [
    ...compiled.excluded,
    ...result.solution.unassigned
      .filter((job) => jobTask[job]! >= 0)
      .map((job) => ({
        taskId: request.tasks[jobTask[job]!]!.id,
        reason: unservedReason(problem.jobs[job]!, problem.vehicles, result.solution, problem.jobs),
      })),
  ];
  const servedValue = routes.reduce(
    (sum, route) => sum + route.stops.reduce((value, stop) => value + (taskValue.get(stop.taskId) ?? 0), 0),
    0,
  );
  return {
    routes,
    unserved,
    servedValue,
    totalValue: request.tasks.reduce((sum, task) => sum + task.value, 0),
    travelSeconds: routes.reduce((sum, route) => sum + route.travelSeconds, 0),
    distanceMetres: routes.reduce((sum, route) => sum + route.distanceMetres, 0),
    search: { iterations: result.iterations, elapsedMs: result.elapsedMs, stopReason: result.stopReason },
  };
}

/** Schedules one route: earliest service starts, then the latest departure that keeps them. */
export function describeRoute(compiled: CompiledPlan, vehicleIndex: number, jobs: readonly number[]): PlannedRoute {
  const { request, problem, jobTask } = compiled;
  const vehicle = problem.vehicles[vehicleIndex]!;
  const table = problem.tables[vehicle.table]!;
  const stops: PlannedStop[] = [];
  let pause: PlannedRoute['break'];
  let time = vehicle.shiftStart;
  let previous = vehicle.startNode;
  let travelSeconds = 0;
  let distanceMetres = 0;
  for (const index of jobs) {
    const job = problem.jobs[index]!;
    if (job.floating === true) {
      const start = earliestStart(job, time);
      pause = { start, end: start + job.service };
      time = pause.end;
      continue;
    }
    const legSeconds = table.duration[previous * table.size + job.node]!;
    const legMetres = table.distance[previous * table.size + job.node]!;
    const arrival = time + legSeconds;
    const serviceStart = earliestStart(job, arrival);
    time = serviceStart + job.service;
    stops.push({
      taskId: request.tasks[jobTask[index]!]!.id,
      arrival,
      serviceStart,
      departure: time,
      travelSeconds: legSeconds,
      distanceMetres: legMetres,
    });
    travelSeconds += legSeconds;
    distanceMetres += legMetres;
    previous = job.node;
  }
  const homeSeconds = table.duration[previous * table.size + vehicle.endNode]!;
  travelSeconds += homeSeconds;
  distanceMetres += table.distance[previous * table.size + vehicle.endNode]!;
  // Leave home just in time for the first stop instead of waiting on the doorstep.
  const first = stops[0];
  const slack = first === undefined || (pause !== undefined && pause.start < first.arrival) ? 0 : first.serviceStart - first.arrival;
  if (first !== undefined) first.arrival += slack;
  const route: PlannedRoute = {
    collectorId: request.collectors[vehicleIndex]!.id,
    departure: vehicle.shiftStart + slack,
    arrival: time + homeSeconds,
    stops,
    travelSeconds,
    distanceMetres,
  };
  if (pause !== undefined) route.break = pause;
  return route;
}

function earliestStart(job: CoreJob, arrival: number): number {
  const window = job.windows.find(([, end]) => arrival <= end + 1e-9);
  return window === undefined ? Infinity : Math.max(arrival, window[0]);
}

function unservedReason(job: CoreJob, vehicles: CoreVehicle[], solution: CoreSolution, jobs: CoreJob[]): UnservedTask['reason'] {
  const candidates = job.vehicles ?? vehicles.map((_, v) => v);
  const routeOf = new Map(solution.routes.map((route) => [route.vehicle, route.jobs]));
  const visits = (v: number): number => routeOf.get(v)?.length ?? 0;
  const load = (v: number): number => (routeOf.get(v) ?? []).reduce((sum, other) => sum + jobs[other]!.demand, 0);
  const withRoom = candidates.filter((v) => visits(v) < vehicles[v]!.maxJobs);
  if (withRoom.length === 0) return 'max_visits_reached';
  if (withRoom.every((v) => load(v) + job.demand > vehicles[v]!.capacity)) return 'capacity';
  return 'no_time_left';
}
