// planRoutes: the route planner's entry point on the calling thread (see worker/ for the
// off-main-thread wrapper). Straight-line travel unless a provider is given.
import { compilePlan } from './compile.js';
import { search, type SearchOptions } from './core/search.js';
import { describePlan } from './describe.js';
import { CachedMatrixProvider } from './matrix/cache.js';
import type { MatrixProvider } from './matrix/provider.js';
import { StraightLineProvider } from './matrix/straight-line.js';
import type { Plan, PlanProgress, PlanRequest } from './types.js';

export interface PlanOptions {
  provider?: MatrixProvider;
  seed?: number;
  timeLimitMs?: number;
  /** Iteration budget: with it alone, the same seed gives the same plan on any machine. */
  maxIterations?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PlanProgress) => void;
  progressIntervalMs?: number;
}

const defaultProvider = new CachedMatrixProvider(new StraightLineProvider());

export async function planRoutes(request: PlanRequest, options: PlanOptions = {}): Promise<Plan> {
  const compiled = await compilePlan(request, options.provider ?? defaultProvider, options.signal);
  const searchableValue = compiled.problem.jobs.reduce((sum, job) => sum + job.value, 0);
  const excludedValue = compiled.excluded.reduce(
    (sum, unserved) => sum + (request.tasks.find((task) => task.id === unserved.taskId)?.value ?? 0),
    0,
  );
  const totalValue = request.tasks.reduce((sum, task) => sum + task.value, 0);
  const onProgress = options.onProgress;
  const searchOptions: SearchOptions = {
    seed: options.seed ?? 1,
    ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.progressIntervalMs === undefined ? {} : { progressIntervalMs: options.progressIntervalMs }),
  };
  if (onProgress !== undefined) {
    // Breaks ride along as valuable jobs; only task value is reported.
    const breakValue = searchableValue - (totalValue - excludedValue);
    searchOptions.onProgress = (progress) =>
      onProgress({
        elapsedMs: progress.elapsedMs,
        iteration: progress.iteration,
        servedValue: searchableValue - progress.unservedValue - breakValue,
        travelSeconds: progress.cost,
      });
  }
  const result = await search(compiled.problem, searchOptions);
  return describePlan(compiled, result);
}
