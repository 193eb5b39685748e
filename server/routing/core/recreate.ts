// SISR recreate: greedy cheapest insertion in a randomly chosen job order, with blinks.
import { bestInsertion, routeAccepts } from './insertion.js';
import type { Instance } from './instance.js';
import type { Random } from './random.js';
import { UNASSIGNED, type Solution } from './solution.js';

/**
 * A job is offered to the routes that serve its nearest jobs (granular insertion): on large
 * instances the far routes almost never win and scanning them dominated the run time.
 */
const NEAR_JOBS = 40;
/** With fewer nearby routes than this, every route is tried so that isolated jobs still fit. */
const MIN_NEAR_ROUTES = 3;

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
  const classes = inst.vehicleClass;
  const triedEmptyClass = new Uint8Array(inst.vehicleCount);
  const nearRoute = new Uint8Array(inst.vehicleCount);
  // Construction sees every route: it places all the work once, and quality there pays off.
  const granular = inst.jobCount > NEAR_JOBS + 1 && order === 'sisr';
  for (const job of jobs) {
    triedEmptyClass.fill(0);
    const everyRoute = !granular || markNearRoutes(solution, job, nearRoute) < MIN_NEAR_ROUTES;
    let bestDelta = Infinity;
    let bestRoute = -1;
    let bestPosition = -1;
    for (const route of solution.routes) {
      if (!everyRoute && route.size > 0 && nearRoute[route.vehicle] === 0) continue;
      if (!routeAccepts(inst, route, job)) continue;
      if (route.size === 0) {
        // Identical empty vehicles give identical insertions: try one per class.
        const vehicleClass = classes[route.vehicle]!;
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

/** Marks the routes serving the job's nearest jobs; returns how many there are. */
function markNearRoutes(solution: Solution, job: number, nearRoute: Uint8Array): number {
  nearRoute.fill(0);
  const neighbours = solution.instance.neighbours[job]!;
  let marked = 0;
  for (let k = 0; k < NEAR_JOBS && k < neighbours.length; k++) {
    const routeIndex = solution.jobRoute[neighbours[k]!]!;
    if (routeIndex !== UNASSIGNED && nearRoute[routeIndex] === 0) {
      nearRoute[routeIndex] = 1;
      marked++;
    }
  }
  return marked;
}

/** SISR's insertion orders: random, most valuable/largest first, farthest first, closest first. */
function orderJobs(inst: Instance, jobs: number[], random: Random): void {
  random.shuffle(jobs);
  const pick = random.int(11);
  if (pick < 4) return;
  if (pick < 8) {
    sortValuableFirst(inst, jobs);
  } else if (pick < 10) {
    const remoteness = inst.remoteness;
    jobs.sort((a, b) => remoteness[b]! - remoteness[a]!);
  } else {
    const remoteness = inst.remoteness;
    jobs.sort((a, b) => remoteness[a]! - remoteness[b]!);
  }
}

function sortValuableFirst(inst: Instance, jobs: number[]): void {
  jobs.sort((a, b) => inst.jobValue[b]! - inst.jobValue[a]! || inst.jobDemand[b]! - inst.jobDemand[a]!);
}
