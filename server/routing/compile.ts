// Turns a PlanRequest into the engine's index-based problem: travel tables per mode, task
// windows intersected with the visiting hours (conduct rule), skills and pins as allowed
// vehicles, breaks as floating jobs. Tasks that no collector could ever serve are set aside
// here with their reason, so the search only sees servable work.
import type { CoreJob, CoreProblem, CoreVehicle, TravelTable } from './core/problem.js';
import type { LatLng, MatrixProvider, TravelMode } from './matrix/provider.js';
import { DEFAULT_VISITING_HOURS, type PlanRequest, type TimeWindow, type UnservedTask, type VisitTask } from './types.js';

export interface CompiledPlan {
  request: PlanRequest;
  problem: CoreProblem;
  /** Task index behind each core job, or -1 for a collector's break. */
  jobTask: number[];
  /** Collector index whose break each core job is, or -1 for a task. */
  jobBreak: number[];
  /** Tasks set aside before the search. */
  excluded: UnservedTask[];
}

export async function compilePlan(request: PlanRequest, provider: MatrixProvider, signal?: AbortSignal): Promise<CompiledPlan> {
  const { tasks, collectors } = request;
  const collectorCount = collectors.length;
  // Nodes: collector starts, collector ends, then tasks.
  const points: LatLng[] = [...collectors.map((c) => c.start), ...collectors.map((c) => c.end ?? c.start), ...tasks.map((t) => t.location)];
  const modes = [...new Set(collectors.map((c) => c.travelMode))];
  const tables: TravelTable[] = [];
  for (const mode of modes) tables.push(await travelTable(provider, points, mode, signal));
  const vehicles: CoreVehicle[] = collectors.map((collector, v) => ({
    startNode: v,
    endNode: collectorCount + v,
    shiftStart: collector.shift.start,
    shiftEnd: collector.shift.end,
    capacity: collector.capacity ?? Infinity,
    // The break occupies one job slot in the engine, so it does not count as a visit.
    maxJobs: (collector.maxVisits ?? Infinity) + (collector.break === undefined ? 0 : 1),
    table: modes.indexOf(collector.travelMode),
  }));

  const jobs: CoreJob[] = [];
  const jobTask: number[] = [];
  const jobBreak: number[] = [];
  const excluded: UnservedTask[] = [];
  let totalValue = 0;
  tasks.forEach((task, t) => {
    const node = 2 * collectorCount + t;
    const windows = permittedWindows(task, task.visitingHours ?? request.visitingHours ?? DEFAULT_VISITING_HOURS);
    const candidates = collectors.flatMap((collector, v) => (canServe(task, collector) ? [v] : []));
    const reason =
      windows.length === 0
        ? 'no_time_window'
        : task.pinnedCollectorId !== undefined && !collectors.some((c) => c.id === task.pinnedCollectorId)
          ? 'pinned_collector_unavailable'
          : candidates.length === 0
            ? 'no_collector_with_skill'
            : undefined;
    const job: CoreJob = {
      node,
      service: task.serviceSeconds,
      windows,
      demand: task.demand ?? 0,
      value: task.value,
      vehicles: candidates.filter((v) => reachable(vehicles[v]!, tables, node, task.serviceSeconds, windows)),
      ...(task.pinnedPosition === undefined ? {} : { position: task.pinnedPosition }),
    };
    if (reason !== undefined || job.vehicles!.length === 0) {
      excluded.push({ taskId: task.id, reason: reason ?? 'outside_shifts' });
      return;
    }
    jobs.push(job);
    jobTask.push(t);
    jobBreak.push(-1);
    totalValue += task.value;
  });
  collectors.forEach((collector, v) => {
    if (collector.break === undefined) return;
    const { earliestStart, latestStart, durationSeconds } = collector.break;
    jobs.push({
      node: v,
      service: durationSeconds,
      windows: [[earliestStart, latestStart]],
      demand: 0,
      // Worth more than every task together, so the search never trades a break for visits.
      value: totalValue + 1,
      vehicles: [v],
      floating: true,
    });
    jobTask.push(-1);
    jobBreak.push(v);
  });
  return { request, problem: { jobs, vehicles, tables }, jobTask, jobBreak, excluded };
}

async function travelTable(provider: MatrixProvider, points: LatLng[], mode: TravelMode, signal?: AbortSignal): Promise<TravelTable> {
  const matrix = await provider.matrix(points, mode, signal);
  return { size: matrix.size, duration: matrix.durations, cost: matrix.durations, distance: matrix.distances };
}

/** Service-start intervals inside both the task's windows and its visiting hours, merged. */
export function permittedWindows(task: VisitTask, hours: TimeWindow): [number, number][] {
  const windows = task.windows ?? [{ start: -Infinity, end: Infinity }];
  // The whole visit must fit inside the visiting hours, not just its start.
  const latestStart = hours.end - task.serviceSeconds;
  const clipped = windows
    .map((w): [number, number] => [Math.max(w.start, hours.start), Math.min(w.end, latestStart)])
    .filter(([start, end]) => start <= end)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push(window);
  }
  return merged;
}

function canServe(task: VisitTask, collector: PlanRequest['collectors'][number]): boolean {
  if (task.pinnedCollectorId !== undefined && task.pinnedCollectorId !== collector.id) return false;
  const skills = collector.skills ?? [];
  return (task.requiredSkills ?? []).every((skill) => skills.includes(skill));
}

/** Whether the vehicle could do this one visit alone within its shift. */
function reachable(vehicle: CoreVehicle, tables: TravelTable[], node: number, service: number, windows: [number, number][]): boolean {
  const table = tables[vehicle.table]!;
  const arrival = vehicle.shiftStart + table.duration[vehicle.startNode * table.size + node]!;
  const window = windows.find(([, end]) => arrival <= end);
  if (window === undefined) return false;
  const begin = Math.max(arrival, window[0]);
  return begin + service + table.duration[node * table.size + vehicle.endNode]! <= vehicle.shiftEnd;
}
