import { describe, expect, it } from 'vitest';
import { syntheticCity } from './fixtures/synthetic-city.js';
import { planRoutes } from './plan.js';
import { checkPlan } from './testing/check-plan.js';
import { straightLineSeconds } from './testing/travel.js';
import type { Collector, PlanRequest, VisitTask } from './types.js';

const HOUR = 3600;
const centre = { lat: 41.8, lng: 123.43 };
/** A point `km` east of the centre. */
const east = (km: number): { lat: number; lng: number } => ({
  lat: centre.lat,
  lng: centre.lng + km / (111.32 * Math.cos((centre.lat * Math.PI) / 180)),
});

const collector = (id: string, extra: Partial<Collector> = {}): Collector => ({
  id,
  start: centre,
  shift: { start: 8 * HOUR, end: 20 * HOUR },
  travelMode: 'ebike',
  ...extra,
});
const task = (id: string, extra: Partial<VisitTask> = {}): VisitTask => ({
  id,
  location: east(2),
  serviceSeconds: 1800,
  value: 10,
  ...extra,
});

describe('planRoutes on a synthetic city', () => {
  const request = syntheticCity({ seed: 3, tasks: 160, collectors: 8, breaks: true });

  it('produces routes that an independent checker accepts', async () => {
    const plan = await planRoutes(request, { seed: 1, maxIterations: 1500 });
    expect(checkPlan(request, plan, straightLineSeconds)).toEqual([]);
    expect(plan.routes.length).toBeGreaterThan(0);
    expect(plan.servedValue).toBeGreaterThan(0.5 * plan.totalValue);
    for (const route of plan.routes) expect(route.break).toBeDefined();
  });

  it('is deterministic for a seed and an iteration budget', async () => {
    const first = await planRoutes(request, { seed: 9, maxIterations: 400 });
    const second = await planRoutes(request, { seed: 9, maxIterations: 400 });
    expect(second.routes).toEqual(first.routes);
    expect(second.unserved).toEqual(first.unserved);
  });

  it('improves on its construction and reports progress as it goes', async () => {
    const progress: { servedValue: number; travelSeconds: number }[] = [];
    const constructed = await planRoutes(request, { seed: 1, maxIterations: 0 });
    const improved = await planRoutes(request, {
      seed: 1,
      maxIterations: 2000,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
    });
    const better =
      improved.servedValue > constructed.servedValue ||
      (improved.servedValue === constructed.servedValue && improved.travelSeconds < constructed.travelSeconds);
    expect(better).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    // Best-so-far never gets worse: served value never drops, travel only falls at equal value.
    for (let k = 1; k < progress.length; k++) {
      const [before, after] = [progress[k - 1]!, progress[k]!];
      expect(after.servedValue).toBeGreaterThanOrEqual(before.servedValue);
      if (after.servedValue === before.servedValue) expect(after.travelSeconds).toBeLessThanOrEqual(before.travelSeconds + 1e-6);
    }
  });

  it('stops when cancelled and still returns a valid plan', async () => {
    const controller = new AbortController();
    const plan = await planRoutes(request, {
      seed: 1,
      timeLimitMs: 600_000,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.iteration > 0) controller.abort();
      },
    });
    expect(plan.search.stopReason).toBe('cancelled');
    expect(checkPlan(request, plan, straightLineSeconds)).toEqual([]);
  });
});

describe('rules and reasons', () => {
  it('says why each task is left unserved', async () => {
    const request: PlanRequest = {
      collectors: [collector('a', { maxVisits: 1, skills: ['senior'] })],
      tasks: [
        task('night', { windows: [{ start: 22 * HOUR, end: 23 * HOUR }] }),
        task('legal', { requiredSkills: ['lawyer'] }),
        task('pinned-away', { pinnedCollectorId: 'nobody' }),
        task('too-far', { location: east(300) }),
        task('best', { value: 50 }),
        task('second', { value: 5 }),
      ],
    };
    const plan = await planRoutes(request, { seed: 1, maxIterations: 200 });
    expect(plan.routes.map((r) => r.stops.map((s) => s.taskId))).toEqual([['best']]);
    const reasons = Object.fromEntries(plan.unserved.map((u) => [u.taskId, u.reason]));
    expect(reasons).toEqual({
      night: 'no_time_window',
      legal: 'no_collector_with_skill',
      'pinned-away': 'pinned_collector_unavailable',
      'too-far': 'outside_shifts',
      second: 'max_visits_reached',
    });
  });

  it('gives the more valuable of two clashing visits the slot, and reports lack of time', async () => {
    const request: PlanRequest = {
      collectors: [collector('a')],
      tasks: [
        task('cheap', { value: 1, windows: [{ start: 10 * HOUR, end: 10 * HOUR }], location: east(3) }),
        task('dear', { value: 9, windows: [{ start: 10 * HOUR, end: 10 * HOUR }], location: east(-3) }),
      ],
    };
    const plan = await planRoutes(request, { seed: 1, maxIterations: 100 });
    expect(plan.routes[0]?.stops.map((s) => s.taskId)).toEqual(['dear']);
    expect(plan.unserved).toEqual([{ taskId: 'cheap', reason: 'no_time_left' }]);
  });

  it('keeps every visit, start to end, inside visiting hours (default and per task)', async () => {
    const request: PlanRequest = {
      collectors: [collector('a', { shift: { start: 5 * HOUR, end: 23.9 * HOUR } })],
      tasks: [
        task('early', { windows: [{ start: 5 * HOUR, end: 8.5 * HOUR }], serviceSeconds: 3600 }),
        task('late', { windows: [{ start: 20 * HOUR, end: 23 * HOUR }], serviceSeconds: 3600, location: east(1) }),
        task('strict', {
          visitingHours: { start: 9 * HOUR, end: 18 * HOUR },
          windows: [{ start: 17 * HOUR, end: 20 * HOUR }],
          location: east(3),
        }),
      ],
    };
    const plan = await planRoutes(request, { seed: 1, maxIterations: 200 });
    const stops = new Map(plan.routes.flatMap((r) => r.stops).map((s) => [s.taskId, s]));
    expect(stops.get('early')?.serviceStart).toBeGreaterThanOrEqual(8 * HOUR);
    expect(stops.get('late')?.departure).toBeLessThanOrEqual(21 * HOUR);
    expect(stops.get('strict')?.departure).toBeLessThanOrEqual(18 * HOUR);
    expect(checkPlan(request, plan, straightLineSeconds)).toEqual([]);
  });

  it('honours skills, pinned collectors and pinned positions', async () => {
    const tasks = Array.from({ length: 12 }, (_, k) => task(`t${k}`, { location: east(k - 6) }));
    tasks[0]!.requiredSkills = ['senior'];
    tasks[1]!.pinnedCollectorId = 'b';
    tasks[1]!.pinnedPosition = 'last';
    tasks[2]!.pinnedCollectorId = 'a';
    tasks[2]!.pinnedPosition = 'first';
    const request: PlanRequest = { collectors: [collector('a'), collector('b', { skills: ['senior'], travelMode: 'car' })], tasks };
    const plan = await planRoutes(request, { seed: 4, maxIterations: 500 });
    expect(checkPlan(request, plan, straightLineSeconds)).toEqual([]);
    const routeOf = (id: string): string[] => plan.routes.find((r) => r.collectorId === id)?.stops.map((s) => s.taskId) ?? [];
    expect(routeOf('b')).toContain('t0');
    expect(routeOf('b').at(-1)).toBe('t1');
    expect(routeOf('a')[0]).toBe('t2');
  });

  it('respects capacity and says so', async () => {
    const request: PlanRequest = {
      collectors: [collector('a', { capacity: 3 })],
      tasks: [
        task('big', { demand: 2, value: 5 }),
        task('also-big', { demand: 2, value: 4, location: east(1) }),
        task('small', { demand: 1, value: 1, location: east(3) }),
      ],
    };
    const plan = await planRoutes(request, { seed: 1, maxIterations: 100 });
    expect(plan.routes[0]?.stops.map((s) => s.taskId).sort()).toEqual(['big', 'small']);
    expect(plan.unserved).toEqual([{ taskId: 'also-big', reason: 'capacity' }]);
    expect(checkPlan(request, plan, straightLineSeconds)).toEqual([]);
  });

  it('answers at once when there is nothing to plan', async () => {
    const noCollectors = await planRoutes({ collectors: [], tasks: [task('a')] }, { timeLimitMs: 600_000 });
    expect(noCollectors.unserved).toEqual([{ taskId: 'a', reason: 'no_collector_with_skill' }]);
    const noTasks = await planRoutes({ collectors: [collector('a')], tasks: [] }, { timeLimitMs: 600_000 });
    expect(noTasks.routes).toEqual([]);
  });

  it('fits the break into the day and travels on after it', async () => {
    const request: PlanRequest = {
      collectors: [collector('a', { break: { earliestStart: 12 * HOUR, latestStart: 12.5 * HOUR, durationSeconds: 3600 } })],
      tasks: [
        task('morning', { windows: [{ start: 11 * HOUR, end: 11.5 * HOUR }], location: east(1) }),
        task('noon', { windows: [{ start: 13 * HOUR, end: 14 * HOUR }], location: east(4) }),
      ],
    };
    const plan = await planRoutes(request, { seed: 1, maxIterations: 100 });
    const route = plan.routes[0]!;
    expect(route.stops.map((s) => s.taskId)).toEqual(['morning', 'noon']);
    expect(route.break?.start).toBeGreaterThanOrEqual(12 * HOUR);
    expect(route.stops[1]!.serviceStart).toBeGreaterThanOrEqual(route.break!.end);
    expect(checkPlan(request, plan, straightLineSeconds)).toEqual([]);
  });
});
