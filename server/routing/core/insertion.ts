// Cheapest feasible position of one job in one route, in O(route length) with O(1) checks.
import { POSITION_FIRST, POSITION_LAST, type Instance } from './instance.js';
import type { Random } from './random.js';
import type { Route } from './route.js';

/** Tolerance for floating-point time sums compared against window ends. */
const EPSILON = 1e-9;

export interface Insertion {
  delta: number;
  position: number;
}

/** True when the route can take one more job of this kind at all (capacity, visits, skills). */
export function routeAccepts(inst: Instance, route: Route, job: number): boolean {
  const v = route.vehicle;
  return (
    inst.allowed[job * inst.vehicleCount + v] === 1 &&
    route.jobs.length < inst.maxJobs[v]! &&
    route.load + inst.jobDemand[job]! <= inst.capacity[v]! + EPSILON
  );
}

/**
 * Best position for `job` in `route`, or undefined. With `random` and `blinkRate`, each
 * position is skipped with that probability (SISR's "blinks", which diversify recreation).
 */
export function bestInsertion(
  inst: Instance,
  route: Route,
  job: number,
  bestSoFar: number,
  random?: Random,
  blinkRate = 0,
  /** Positions before this stay untouched (stops already made during the day). */
  minPosition = 0,
): Insertion | undefined {
  const v = route.vehicle;
  const table = inst.vehicleTable[v]!;
  const size = table.size;
  const duration = table.duration;
  const costs = table.cost;
  const jobs = route.jobs;
  const count = jobs.length;
  const node = inst.jobNode[job]!;
  const service = inst.jobService[job]!;
  const close = inst.lastClose(job);
  const pin = inst.jobPosition[job]!;
  const firstPinned = count > 0 && inst.jobPosition[jobs[0]!] === POSITION_FIRST;
  const lastPinned = count > 0 && inst.jobPosition[jobs[count - 1]!] === POSITION_LAST;
  let from = Math.max(minPosition, firstPinned ? 1 : 0);
  let to = lastPinned ? count - 1 : count;
  if (pin === POSITION_FIRST) {
    if (firstPinned) return undefined;
    to = 0;
  } else if (pin === POSITION_LAST) {
    if (lastPinned) return undefined;
    from = count;
  }
  const floating = inst.jobFloating[job] === 1;
  let best: Insertion | undefined;
  let bestDelta = bestSoFar;
  for (let i = from; i <= to; i++) {
    const previous = i === 0 ? inst.vehicleStart[v]! : route.location[i - 1]!;
    const departure = i === 0 ? inst.shiftStart[v]! : route.departure[i - 1]!;
    const here = floating ? previous : node;
    const arrival = departure + (floating ? 0 : duration[previous * size + here]!);
    // Departures only grow along a route, so once we arrive after the last window, stop.
    if (arrival > close + EPSILON) break;
    if (random !== undefined && blinkRate > 0 && random.next() < blinkRate) continue;
    // A break right after the insertion point is taken at the new job, before travelling on.
    const breakFollows = !floating && i < count && inst.jobFloating[jobs[i]!] === 1;
    const nextIndex = breakFollows ? i + 1 : i;
    const next = nextIndex === count ? inst.vehicleEnd[v]! : route.location[nextIndex]!;
    // A break moves nothing, except that it puts an idle vehicle on the road (start to end).
    const delta = floating
      ? count === 0
        ? costs[previous * size + inst.vehicleEnd[v]!]!
        : 0
      : costs[previous * size + here]! + costs[here * size + next]! - (count === 0 ? 0 : costs[previous * size + next]!);
    if (delta >= bestDelta) continue;
    const begin = inst.earliestStart(job, arrival);
    if (begin === Infinity) continue;
    let leave = begin + service;
    if (breakFollows) {
      const pause = jobs[i]!;
      const pauseStart = inst.earliestStart(pause, leave);
      if (pauseStart === Infinity) continue;
      leave = pauseStart + inst.jobService[pause]!;
    }
    const nextLatest = nextIndex === count ? inst.shiftEnd[v]! : route.latest[nextIndex]!;
    if (leave + duration[here * size + next]! > nextLatest + EPSILON) continue;
    bestDelta = delta;
    best = { delta, position: i };
  }
  return best;
}
