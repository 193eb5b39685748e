import { describe, expect, it } from 'vitest';
import { syntheticCity } from '../fixtures/synthetic-city.js';
import { planRoutes } from '../plan.js';
import type { PlanProgress } from '../types.js';
import { solveInWorker } from './solve-in-worker.js';

const request = syntheticCity({ seed: 5, tasks: 120, collectors: 6, breaks: true });

describe('solveInWorker', () => {
  it('returns the same plan as planning in-process, with progress events', async () => {
    const progress: PlanProgress[] = [];
    const run = solveInWorker(request, { seed: 3, maxIterations: 600, progressIntervalMs: 0 });
    run.events.on('progress', (p) => progress.push(p));
    const plan = await run.result;
    const local = await planRoutes(request, { seed: 3, maxIterations: 600 });
    expect(plan.routes).toEqual(local.routes);
    expect(plan.search.stopReason).toBe('iterations');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.servedValue).toBe(plan.servedValue);
  });

  it('stops on cancel and hands back the best plan so far', async () => {
    const controller = new AbortController();
    const run = solveInWorker(request, { seed: 3, timeLimitMs: 600_000, progressIntervalMs: 0, signal: controller.signal });
    run.events.on('progress', (p) => {
      if (p.iteration > 0) controller.abort();
    });
    const plan = await run.result;
    expect(plan.search.stopReason).toBe('cancelled');
    expect(plan.routes.length).toBeGreaterThan(0);
  });

  it('rejects with the reason when planning fails', async () => {
    const run = solveInWorker(request, { matrix: { kind: 'osrm', baseUrl: 'http://127.0.0.1:9' }, maxIterations: 10 });
    await expect(run.result).rejects.toThrow(/route planner failed/);
  });
});
