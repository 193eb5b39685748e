// SISR recreate: greedy cheapest insertion in a randomly chosen job order, with blinks.
import { bestInsertion, routeAccepts } from './insertion.js';
import type { Instance } from './instance.js';
import type { Random } from './random.js';
import type { Solution } from './solution.js';

export type InsertionOrder = 'sisr' | 'valuable';

/**
 * Inserts each job at its cheapest feasible place. 'sisr' draws one of SISR's orders at random;
 * 'valuable' (for construction) puts the most valuable work in first.
 */
export function recreateGreedy(
  solution: Solution,
  jobs: number[],
  random: Random,
  blinkRate: number,
  order: InsertionOrder = 'sisr',
): void {
  const inst = solution.instance;
  if (order === 'valuable') sortValuableFirst(inst, jobs);
  else orderJobs(inst, jobs, random);
  const triedEmptyClass = new Uint8Array(inst.vehicleCount);
  for (const job of jobs) {
    triedEmptyClass.fill(0);
    let bestDelta = Infinity;
    let bestRoute = -1;
    let bestPosition = -1;
    for (const route of solution.routes) {
      if (!routeAccepts(inst, route, job)) continue;
      if (route.size === 0) {
        // Identical empty vehicles give identical insertions: try one per class.
        const vehicleClass = inst.vehicleClass[route.vehicle]!;
        if (triedEmptyClass[vehicleClass] === 1) continue;
        triedEmptyClass[vehicleClass] = 1;
      }
      const found = bestInsertion(inst, route, job, bestDelta, random, blinkRate);
      if (found !== undefined) {
        bestDelta = found.delta;
        bestRoute = route.vehicle;
        bestPosition = found.position;
      }
    }
    if (bestRoute >= 0) solution.insert(job, bestRoute, bestPosition);
  }
}

/** SISR's insertion orders: random, most valuable/largest first, farthest first, closest first. */
function orderJobs(inst: Instance, jobs: number[], random: Random): void {
  random.shuffle(jobs);
  const pick = random.int(11);
  if (pick < 4) return;
  if (pick < 8) {
    sortValuableFirst(inst, jobs);
  } else if (pick < 10) {
    jobs.sort((a, b) => inst.remoteness[b]! - inst.remoteness[a]!);
  } else {
    jobs.sort((a, b) => inst.remoteness[a]! - inst.remoteness[b]!);
  }
}

function sortValuableFirst(inst: Instance, jobs: number[]): void {
  jobs.sort((a, b) => inst.jobValue[b]! - inst.jobValue[a]! || inst.jobDemand[b]! - inst.jobDemand[a]!);
}
