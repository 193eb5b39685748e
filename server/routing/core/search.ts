// Ruin-and-recreate with simulated annealing (SISR). Lexicographic objective: unserved value
// first, then cost. Runs in short synchronous slices so that an AbortSignal (and, in a worker,
// a cancel message) is noticed promptly; decisions never depend on the clock, so an iteration
// budget gives identical results for identical seeds.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Instance } from './instance.js';
import type { CoreProblem, CoreRoute, CoreSolution } from './problem.js';
import { Random } from './random.js';
import { recreateGreedy } from './recreate.js';
import { DEFAULT_RUIN, ruinRoute, ruinStrings, type RuinSettings } from './ruin.js';
import { Solution } from './solution.js';

export interface SearchProgress {
  iteration: number;
  elapsedMs: number;
  cost: number;
  unservedValue: number;
}

export type StopReason = 'time' | 'iterations' | 'cancelled';

export interface SearchOptions {
  seed?: number;
  /** Wall-clock budget. Defaults to 5 s when no iteration budget is given. */
  timeLimitMs?: number;
  /** Iteration budget; alone it makes the result independent of machine speed. */
  maxIterations?: number;
  signal?: AbortSignal;
  /** Called with each new best solution (at most every `progressIntervalMs`) and at the end. */
  onProgress?: (progress: SearchProgress) => void;
  progressIntervalMs?: number;
  /** Routes to start from instead of an empty plan (e.g. yesterday's or a published plan). */
  initialRoutes?: readonly CoreRoute[];
  ruin?: RuinSettings;
  /** Start and final temperature, in multiples of the instance's typical hop cost. */
  temperature?: { initial: number; final: number };
  blinkRate?: number;
  /** Unassigned jobs offered to each recreate step besides the removed ones. */
  unassignedSample?: number;
}

export interface SearchResult {
  solution: CoreSolution;
  iterations: number;
  elapsedMs: number;
  stopReason: StopReason;
}

const SLICE_MS = 20;
const TIE = 1e-9;

export async function search(problem: CoreProblem, options: SearchOptions = {}): Promise<SearchResult> {
  const started = performance.now();
  if (problem.jobs.length === 0 || problem.vehicles.length === 0) {
    // Nothing to decide: answer at once instead of idling through the budget.
    const unassigned = problem.jobs.map((_, job) => job);
    const unservedValue = problem.jobs.reduce((sum, job) => sum + job.value, 0);
    return { solution: { routes: [], unassigned, cost: 0, unservedValue }, iterations: 0, elapsedMs: 0, stopReason: 'iterations' };
  }
  const inst = new Instance(problem);
  const random = new Random(options.seed ?? 1);
  const ruin = options.ruin ?? DEFAULT_RUIN;
  const blinkRate = options.blinkRate ?? 0.01;
  const sampleSize = options.unassignedSample ?? 10;
  const temperature = options.temperature ?? { initial: 10, final: 0.05 };
  const initialTemperature = temperature.initial * inst.typicalHop;
  const finalTemperature = temperature.final * inst.typicalHop;
  const maxIterations = options.maxIterations ?? Infinity;
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? 5000 : Infinity);

  const current = new Solution(inst);
  if (options.initialRoutes !== undefined) current.load(options.initialRoutes);
  recreateGreedy(current, current.unassignedJobs(), random, 0, 'valuable');
  current.commit();
  const best = new Solution(inst);
  best.copyFrom(current);
  let currentCost = current.cost;
  let currentUnserved = current.unservedValue;
  let bestCost = currentCost;
  let bestUnserved = currentUnserved;
  let lastReport = -Infinity;
  const report = (iteration: number, force: boolean): void => {
    const elapsedMs = performance.now() - started;
    if (options.onProgress === undefined || (!force && elapsedMs - lastReport < (options.progressIntervalMs ?? 100))) return;
    lastReport = elapsedMs;
    options.onProgress({ iteration, elapsedMs, cost: bestCost, unservedValue: bestUnserved });
  };
  report(0, true);

  let iteration = 0;
  let stopReason: StopReason = 'iterations';
  for (;;) {
    if (options.signal?.aborted === true) {
      stopReason = 'cancelled';
      break;
    }
    const elapsed = performance.now() - started;
    if (elapsed >= timeLimitMs) {
      stopReason = 'time';
      break;
    }
    if (iteration >= maxIterations) break;
    const sliceEnd = Math.min(performance.now() + SLICE_MS, started + timeLimitMs);
    while (iteration < maxIterations && performance.now() < sliceEnd) {
      // The cooling schedule follows whichever budget binds; time only when no iteration budget.
      const progress = Number.isFinite(maxIterations) ? iteration / maxIterations : (performance.now() - started) / timeLimitMs;
      const heat = initialTemperature * Math.pow(finalTemperature / initialTemperature, progress);
      iteration++;
      const removed = random.next() < ruin.routeRemovalRate ? ruinRoute(current, random) : ruinStrings(current, random, ruin);
      const candidates = removed.concat(sampleUnassigned(current, removed, random, sampleSize));
      recreateGreedy(current, candidates, random, blinkRate);
      const cost = current.cost;
      const unserved = current.unservedValue;
      const threshold = currentCost - heat * Math.log(random.next());
      const accept = unserved < currentUnserved - TIE || (unserved <= currentUnserved + TIE && cost < threshold);
      if (!accept) {
        current.undo();
        continue;
      }
      current.commit();
      currentCost = cost;
      currentUnserved = unserved;
      if (unserved < bestUnserved - TIE || (unserved <= bestUnserved + TIE && cost < bestCost - TIE)) {
        best.copyFrom(current);
        bestCost = cost;
        bestUnserved = unserved;
        report(iteration, false);
      }
    }
    await yieldToEventLoop();
  }
  report(iteration, true);
  return { solution: best.toCore(), iterations: iteration, elapsedMs: performance.now() - started, stopReason };
}

/** A few unassigned jobs (not just removed) so that left-out work gets retried over time. */
function sampleUnassigned(solution: Solution, removed: readonly number[], random: Random, count: number): number[] {
  if (count <= 0) return [];
  const pool = solution.unassignedJobs().filter((job) => !removed.includes(job));
  if (pool.length <= count) return pool;
  const picked: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = i + random.int(pool.length - i);
    const job = pool[k]!;
    pool[k] = pool[i]!;
    pool[i] = job;
    picked.push(job);
  }
  return picked;
}
