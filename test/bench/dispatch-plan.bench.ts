// Dispatch benchmark: a seeded day in Shenyang with 2,000 visit tasks and 60 collectors.
// Reports how fast a feasible plan exists, the served value and travel of a good plan, and
// the latency of inserting urgent tasks into the published routes.
import { insertUrgentTask, type PublishedRoute } from '../../server/routing/insert.js';
import { StraightLineProvider } from '../../server/routing/matrix/straight-line.js';
import { planRoutes } from '../../server/routing/plan.js';
import { syntheticCity } from '../../server/routing/fixtures/synthetic-city.js';
import { checkPlan } from '../../server/routing/testing/check-plan.js';
import { straightLineSeconds } from '../../server/routing/testing/travel.js';

const GOOD_PLAN_MS = 25_000;
const URGENT_TASKS = 200;

const metric = (name: string, value: number, unit: string): void =>
  console.log(JSON.stringify({ bench: 'dispatch-plan', metric: name, value: Number(value.toFixed(3)), unit }));

const request = syntheticCity({ seed: 7, tasks: 2000, collectors: 60, breaks: true });

// Feasible: matrices from scratch plus construction, no improvement.
let started = performance.now();
const firstPlan = await planRoutes(request, { provider: new StraightLineProvider(), maxIterations: 0 });
metric('city2000.feasible_s', (performance.now() - started) / 1000, 's');
metric('city2000.feasible_served_value_pct', (100 * firstPlan.servedValue) / firstPlan.totalValue, '%');

// Good: the time-budgeted search, watched through its progress reports.
let valueAt5s = 0;
started = performance.now();
const plan = await planRoutes(request, {
  provider: new StraightLineProvider(),
  seed: 1,
  timeLimitMs: GOOD_PLAN_MS,
  progressIntervalMs: 250,
  onProgress: (progress) => {
    if (progress.elapsedMs <= 5000) valueAt5s = progress.servedValue;
  },
});
const goodSeconds = (performance.now() - started) / 1000;
const violations = checkPlan(request, plan, straightLineSeconds);
metric('city2000.good_s', goodSeconds, 's');
metric('city2000.served_value_pct', (100 * plan.servedValue) / plan.totalValue, '%');
metric('city2000.served_value_pct_at_5s', (100 * valueAt5s) / plan.totalValue, '%');
metric('city2000.travel_h', plan.travelSeconds / 3600, 'h');
metric('city2000.distance_km', plan.distanceMetres / 1000, 'km');
metric(
  'city2000.visits',
  plan.routes.reduce((sum, route) => sum + route.stops.length, 0),
  'visits',
);
metric('city2000.iterations', plan.search.iterations, 'iterations');
metric('city2000.violations', violations.length, 'violations');
for (const violation of violations.slice(0, 5)) console.error(`# violation: ${violation}`);

// Urgent insertions, each into the published plan as it stands. The plan fills every daily
// quota, so urgent work may exceed it by two visits (time windows and shifts still bind).
const urgentCollectors = request.collectors.map((collector) => ({ ...collector, maxVisits: (collector.maxVisits ?? 16) + 2 }));
const routes: PublishedRoute[] = plan.routes.map((route) => ({
  collectorId: route.collectorId,
  taskIds: route.stops.map((stop) => stop.taskId),
}));
const urgentTasks = syntheticCity({ seed: 99, tasks: URGENT_TASKS, collectors: 1 }).tasks.map((task) => ({
  ...task,
  id: `urgent-${task.id}`,
}));
const latencies: number[] = [];
// CPU time as well: on a shared machine the wall-clock tail mostly measures other processes.
const cpuTimes: number[] = [];
let inserted = 0;
for (const task of urgentTasks) {
  const begin = performance.now();
  const cpu = process.cpuUsage();
  const result = await insertUrgentTask({ tasks: request.tasks, collectors: urgentCollectors, routes, task });
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
  latencies.push(performance.now() - begin);
  if (result.inserted) inserted++;
}
const percentile = (values: number[], p: number): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
metric('insert.p50_ms', percentile(latencies, 50), 'ms');
metric('insert.p95_ms', percentile(latencies, 95), 'ms');
metric('insert.p95_cpu_ms', percentile(cpuTimes, 95), 'ms');
metric('insert.inserted_pct', (100 * inserted) / URGENT_TASKS, '%');
