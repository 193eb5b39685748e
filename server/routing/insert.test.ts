import { describe, expect, it } from 'vitest';
import { syntheticCity } from './fixtures/synthetic-city.js';
import { insertUrgentTask, type PublishedRoute } from './insert.js';
import { planRoutes } from './plan.js';
import { checkPlan } from './testing/check-plan.js';
import { straightLineSeconds } from './testing/travel.js';
import type { Collector, Plan, PlanRequest, VisitTask } from './types.js';

const HOUR = 3600;
const DEFAULT_HOURS = { start: 8 * HOUR, end: 21 * HOUR };

/** Independent: travel added and feasibility of visiting `order` (no breaks), by plain simulation. */
function simulate(request: PlanRequest, collector: Collector, order: VisitTask[]): { feasible: boolean; travel: number } {
  let time = collector.shift.start;
  let at = collector.start;
  let travel = 0;
  for (const task of order) {
    const leg = straightLineSeconds(at, task.location, collector.travelMode);
    travel += leg;
    const hours = task.visitingHours ?? request.visitingHours ?? DEFAULT_HOURS;
    const windows = (task.windows ?? [{ start: -Infinity, end: Infinity }])
      .map((w) => ({ start: Math.max(w.start, hours.start), end: Math.min(w.end, hours.end - task.serviceSeconds) }))
      .filter((w) => w.start <= w.end);
    const window = windows.find((w) => time + leg <= w.end + 1e-6);
    if (window === undefined) return { feasible: false, travel };
    time = Math.max(time + leg, window.start) + task.serviceSeconds;
    at = task.location;
  }
  const home = straightLineSeconds(at, collector.end ?? collector.start, collector.travelMode);
  return { feasible: time + home <= collector.shift.end + 1e-6, travel: travel + home };
}

describe('insertUrgentTask', () => {
  // Light enough that the routes keep room for urgent work.
  const request = syntheticCity({ seed: 21, tasks: 40, collectors: 5 });
  // Room for urgent work: the day's quota is lifted above what the plan uses.
  const collectors = request.collectors.map((c) => ({ ...c, maxVisits: 40 }));
  let plan: Plan;
  const published = (): PublishedRoute[] => plan.routes.map((r) => ({ collectorId: r.collectorId, taskIds: r.stops.map((s) => s.taskId) }));
  const urgentTasks = syntheticCity({ seed: 77, tasks: 25, collectors: 1 }).tasks.map((t) => ({
    ...t,
    id: `urgent-${t.id}`,
    pinnedCollectorId: undefined,
  }));

  it('puts the task at the cheapest feasible place and keeps every route order', async () => {
    plan = await planRoutes(request, { seed: 1, maxIterations: 800 });
    const taskById = new Map(request.tasks.map((t) => [t.id, t]));
    let insertedCount = 0;
    for (const urgent of urgentTasks) {
      const result = await insertUrgentTask({ tasks: request.tasks, collectors, routes: published(), task: urgent });
      // Brute force over every collector and position.
      let cheapest = Infinity;
      for (const collector of collectors) {
        if (!(urgent.requiredSkills ?? []).every((skill) => (collector.skills ?? []).includes(skill))) continue;
        const order = (plan.routes.find((r) => r.collectorId === collector.id)?.stops ?? []).map((s) => taskById.get(s.taskId)!);
        const before = simulate(request, collector, order);
        for (let position = 0; position <= order.length; position++) {
          const after = simulate(request, collector, [...order.slice(0, position), urgent, ...order.slice(position)]);
          if (after.feasible) cheapest = Math.min(cheapest, after.travel - (order.length === 0 ? 0 : before.travel));
        }
      }
      if (!result.inserted) {
        expect(cheapest).toBe(Infinity);
        continue;
      }
      insertedCount++;
      expect(result.addedTravelSeconds).toBeCloseTo(cheapest, 6);
      const original = plan.routes.find((r) => r.collectorId === result.collectorId)?.stops.map((s) => s.taskId) ?? [];
      expect(result.route.stops.map((s) => s.taskId).filter((id) => id !== urgent.id)).toEqual(original);
      expect(result.route.stops[result.position]?.taskId).toBe(urgent.id);
      const updated: Plan = { ...plan, routes: [...plan.routes.filter((r) => r.collectorId !== result.collectorId), result.route] };
      const withUrgent = { ...request, collectors, tasks: [...request.tasks, urgent] };
      const problems = checkPlan(withUrgent, { ...updated, unserved: [...plan.unserved] }, straightLineSeconds);
      expect(problems).toEqual([]);
    }
    expect(insertedCount).toBeGreaterThan(3);
  });

  it('leaves completed stops alone and never schedules before now', async () => {
    const route = plan.routes.find((r) => r.stops.length >= 3)!;
    const routes: PublishedRoute[] = [{ collectorId: route.collectorId, taskIds: route.stops.map((s) => s.taskId), completedStops: 2 }];
    const now = route.stops[1]!.departure;
    const urgent: VisitTask = { id: 'now', location: request.tasks[0]!.location, serviceSeconds: 600, value: 1 };
    const result = await insertUrgentTask({ tasks: request.tasks, collectors, routes, task: urgent, now });
    expect(result.inserted).toBe(true);
    if (!result.inserted) return;
    if (result.collectorId === route.collectorId) expect(result.position).toBeGreaterThanOrEqual(2);
    expect(result.route.stops[result.position]!.serviceStart).toBeGreaterThanOrEqual(now);
  });

  it('inserts late in the day after a break already taken', async () => {
    const centre = { lat: 41.8, lng: 123.43 };
    const east = (km: number): { lat: number; lng: number } => ({ lat: centre.lat, lng: centre.lng + km / 83 });
    const day: PlanRequest = {
      collectors: [
        {
          id: 'a',
          start: centre,
          shift: { start: 8 * HOUR, end: 20 * HOUR },
          travelMode: 'ebike',
          break: { earliestStart: 12 * HOUR, latestStart: 12.5 * HOUR, durationSeconds: 1800 },
        },
      ],
      tasks: [
        { id: 't1', location: east(1), serviceSeconds: 1800, value: 1, windows: [{ start: 9 * HOUR, end: 10 * HOUR }] },
        { id: 't2', location: east(2), serviceSeconds: 1800, value: 1, windows: [{ start: 10 * HOUR, end: 11 * HOUR }] },
        { id: 't3', location: east(3), serviceSeconds: 1800, value: 1, windows: [{ start: 14 * HOUR, end: 15 * HOUR }] },
      ],
    };
    const dayPlan = await planRoutes(day, { seed: 1, maxIterations: 50 });
    const taskIds = dayPlan.routes[0]!.stops.map((stop) => stop.taskId);
    expect(taskIds).toEqual(['t1', 't2', 't3']);
    const urgent: VisitTask = { id: 'u', location: east(3.5), serviceSeconds: 1800, value: 1 };
    const now = 15.5 * HOUR;
    const result = await insertUrgentTask({ ...day, routes: [{ collectorId: 'a', taskIds, completedStops: 3 }], task: urgent, now });
    expect(result).toMatchObject({ inserted: true, collectorId: 'a', position: 3 });
    if (result.inserted) expect(result.route.stops[3]!.serviceStart).toBeGreaterThanOrEqual(now);
  });

  it('explains why a task cannot go in', async () => {
    const routes = published();
    const night: VisitTask = {
      id: 'night',
      location: request.tasks[0]!.location,
      serviceSeconds: 600,
      value: 1,
      windows: [{ start: 22 * HOUR, end: 23 * HOUR }],
    };
    const legal: VisitTask = { ...night, id: 'legal', windows: undefined, requiredSkills: ['lawyer'] };
    const pinned: VisitTask = { ...night, id: 'pinned', windows: undefined, pinnedCollectorId: 'ghost' };
    const full = request.collectors.map((c) => ({ ...c, maxVisits: 0 }));
    const anytime: VisitTask = { id: 'anytime', location: request.tasks[0]!.location, serviceSeconds: 600, value: 1 };
    expect(await insertUrgentTask({ tasks: request.tasks, collectors, routes, task: night })).toEqual({
      inserted: false,
      reason: 'no_time_window',
    });
    expect(await insertUrgentTask({ tasks: request.tasks, collectors, routes, task: legal })).toEqual({
      inserted: false,
      reason: 'no_collector_with_skill',
    });
    expect(await insertUrgentTask({ tasks: request.tasks, collectors, routes, task: pinned })).toEqual({
      inserted: false,
      reason: 'pinned_collector_unavailable',
    });
    expect(await insertUrgentTask({ tasks: request.tasks, collectors: full, routes, task: anytime })).toEqual({
      inserted: false,
      reason: 'max_visits_reached',
    });
  });
});
