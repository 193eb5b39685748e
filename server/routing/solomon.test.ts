import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { search } from './core/search.js';
import { parseSolomon, solomonRoutes, solomonToCore } from './solomon.js';
import { checkSolomonRoutes } from './testing/check-solomon.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/solomon/${name}.txt`, import.meta.url), 'utf8');

// Optimal distances of the 25-customer instances with unrounded Euclidean distances.
const optimal = [
  ['R101.25', 618.33, 8],
  ['C101.25', 191.81, 3],
  ['RC201.25', 361.24, 3],
] as const;

describe('Solomon VRPTW through the shared engine', () => {
  it('reads fleet, capacity and customers', () => {
    const instance = parseSolomon(fixture('R101.25'));
    expect(instance).toMatchObject({ name: 'R101.25', vehicles: 25, capacity: 200 });
    expect(instance.sites).toHaveLength(26);
    expect(instance.sites[1]).toEqual({ number: 1, x: 41, y: 49, demand: 10, ready: 161, due: 171, service: 10 });
  });

  it.each(optimal)('solves %s to its optimum, feasibly by an independent check', async (name, best, vehicles) => {
    const text = fixture(name);
    const instance = parseSolomon(text);
    const { solution } = await search(solomonToCore(instance), { seed: 1, maxIterations: 3000 });
    const routes = solomonRoutes(instance, solution);
    const check = checkSolomonRoutes(text, routes);
    expect(check.violations).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    expect(check.distance).toBeCloseTo(solution.cost, 6);
    expect(check.distance).toBeLessThanOrEqual(best + 0.005);
    expect(check.vehicles).toBe(vehicles);
  });

  it('gives the same routes for the same seed and iteration budget', async () => {
    const problem = solomonToCore(parseSolomon(fixture('R101.25')));
    const first = await search(problem, { seed: 42, maxIterations: 500 });
    const second = await search(problem, { seed: 42, maxIterations: 500 });
    expect(second.solution).toEqual(first.solution);
    expect(second.iterations).toBe(500);
  });

  it('the independent checker catches broken routes', () => {
    const text = fixture('R101.25');
    // Customer 2 (window 50-60) after customer 1 (161-171) is late; customer 3 is missing.
    const check = checkSolomonRoutes(text, [[1, 2], ...Array.from({ length: 22 }, (_, k) => [k + 4])]);
    expect(check.violations.some((v) => v.includes('customer 2 starts'))).toBe(true);
    expect(check.violations).toContain('customer 3 not served');
  });
});
