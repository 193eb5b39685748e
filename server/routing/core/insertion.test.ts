import { describe, expect, it } from 'vitest';
import { bestInsertion } from './insertion.js';
import { Instance } from './instance.js';
import type { CoreJob, CoreProblem } from './problem.js';
import { Random } from './random.js';
import { Route } from './route.js';

/** Random small problem on a line: several windows per job, one floating break, a tight shift. */
function randomProblem(random: Random): CoreProblem {
  const size = 9;
  const xs = Array.from({ length: size }, () => random.int(100));
  const duration = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) duration[a * size + b] = Math.abs(xs[a]! - xs[b]!);
  const jobs: CoreJob[] = Array.from({ length: 7 }, (_, j) => {
    const windows: [number, number][] = [];
    let open = random.int(120);
    for (let k = 0, count = 1 + random.int(3); k < count; k++) {
      const close = open + random.int(80);
      windows.push([open, close]);
      open = close + 1 + random.int(60);
    }
    return { node: j + 1, service: random.int(20), windows, demand: 1, value: 1 };
  });
  jobs.push({ node: 0, service: 15, windows: [[100, 180]], demand: 0, value: 10, floating: true });
  return {
    tables: [{ size, duration, cost: duration, distance: duration }],
    jobs,
    vehicles: [{ startNode: 0, endNode: 8, shiftStart: 0, shiftEnd: 500, capacity: 10, maxJobs: 10, table: 0 }],
  };
}

describe('constant-time insertion check', () => {
  it('agrees with rescheduling the whole route, for every position, across many random routes', () => {
    const random = new Random(11);
    let feasibleSeen = 0;
    let infeasibleSeen = 0;
    for (let trial = 0; trial < 400; trial++) {
      const inst = new Instance(randomProblem(random));
      const route = new Route(inst, 0);
      // Build a feasible route by trying jobs in random order at random feasible positions.
      const order = Array.from({ length: inst.jobCount }, (_, j) => j);
      random.shuffle(order);
      const candidate = order.pop()!;
      for (const job of order) {
        const position = random.int(route.size + 1);
        route.jobs.splice(position, 0, job);
        route.update();
        if (!route.isFeasible()) {
          route.jobs.splice(position, 1);
          route.update();
        }
      }
      // Brute force: the cheapest position whose full reschedule is feasible.
      let bruteDelta = Infinity;
      let brutePosition = -1;
      for (let position = 0; position <= route.size; position++) {
        const trialRoute = new Route(inst, 0);
        trialRoute.jobs = [...route.jobs.slice(0, position), candidate, ...route.jobs.slice(position)];
        trialRoute.update();
        if (trialRoute.isFeasible() && trialRoute.cost - route.cost < bruteDelta - 1e-9) {
          bruteDelta = trialRoute.cost - route.cost;
          brutePosition = position;
        }
      }
      const found = bestInsertion(inst, route, candidate, Infinity);
      if (brutePosition < 0) {
        infeasibleSeen++;
        expect(found).toBeUndefined();
      } else {
        feasibleSeen++;
        expect(found?.delta).toBeCloseTo(bruteDelta, 9);
      }
    }
    // The generator must exercise both outcomes for the comparison to mean anything.
    expect(feasibleSeen).toBeGreaterThan(50);
    expect(infeasibleSeen).toBeGreaterThan(50);
  });
});

describe('time windows', () => {
  const inst = new Instance({
    tables: [{ size: 2, duration: new Float64Array(4), cost: new Float64Array(4), distance: new Float64Array(4) }],
    jobs: [
      {
        node: 1,
        service: 0,
        windows: [
          [10, 20],
          [40, 50],
        ],
        demand: 0,
        value: 1,
      },
    ],
    vehicles: [{ startNode: 0, endNode: 0, shiftStart: 0, shiftEnd: 100, capacity: 1, maxJobs: 1, table: 0 }],
  });

  it('waits for the next window when arriving between two', () => {
    expect(inst.earliestStart(0, 5)).toBe(10);
    expect(inst.earliestStart(0, 25)).toBe(40);
    expect(inst.earliestStart(0, 51)).toBe(Infinity);
  });

  it('finds the latest start at or before a bound inside some window', () => {
    expect(inst.latestStart(0, 30)).toBe(20);
    expect(inst.latestStart(0, 45)).toBe(45);
    expect(inst.latestStart(0, 5)).toBe(-Infinity);
  });
});
