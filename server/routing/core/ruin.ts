// SISR ruin: remove strings of consecutive jobs from a few routes that lie near a random seed
// job (Christiaens & Vanden Berghe 2020). Nearby strings leave room for a better recreation.
import type { Random } from './random.js';
import { UNASSIGNED, type Solution } from './solution.js';

export interface RuinSettings {
  /** Average number of jobs removed per step (the paper's c̄). */
  averageRemoved: number;
  /** Longest string removed from one route (L^max). */
  maxStringLength: number;
  /** Probability of the split-string variant, which keeps a block inside the string. */
  splitRate: number;
  /** Probability of stopping to grow the kept block (β). */
  splitDepth: number;
  /** Probability that a step empties a whole short route instead (see ruinRoute). */
  routeRemovalRate: number;
}

export const DEFAULT_RUIN: RuinSettings = {
  averageRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  routeRemovalRate: 0.01,
};

/**
 * Empties the shorter of two random routes. String removal never takes more than a few
 * jobs from a route, so once a surplus route exists (an early, hot phase can leave one) it
 * could only disappear string by string; emptying it lets recreation test the fleet without it.
 */
export function ruinRoute(solution: Solution, random: Random): number[] {
  const used = solution.routes.filter((route) => route.size > 0);
  if (used.length < 2) return [];
  const first = used[random.int(used.length)]!;
  const second = used[random.int(used.length)]!;
  const shorter = second.size < first.size ? second : first;
  return solution.removeFromRoute(shorter.vehicle, 0, shorter.size);
}

export function ruinStrings(solution: Solution, random: Random, settings: RuinSettings): number[] {
  const inst = solution.instance;
  let served = 0;
  let usedRoutes = 0;
  for (const route of solution.routes) {
    served += route.size;
    if (route.size > 0) usedRoutes++;
  }
  if (served === 0) return [];
  const longestString = Math.min(settings.maxStringLength, served / usedRoutes);
  const maxRoutes = (4 * settings.averageRemoved) / (1 + longestString) - 1;
  const routesToRuin = Math.floor(random.next() * maxRoutes) + 1;
  const seed = randomServedJob(solution, random);
  const ruined = new Set<number>();
  const removed: number[] = [];
  const neighbours = inst.neighbours[seed]!;
  for (let k = -1; k < neighbours.length && ruined.size < routesToRuin; k++) {
    const job = k < 0 ? seed : neighbours[k]!;
    const routeIndex = solution.jobRoute[job]!;
    if (routeIndex === UNASSIGNED || ruined.has(routeIndex)) continue;
    const route = solution.routes[routeIndex]!;
    const length = Math.floor(random.next() * Math.min(route.size, longestString)) + 1;
    const position = route.jobs.indexOf(job);
    if (random.next() < settings.splitRate && length < route.size) {
      removed.push(...removeSplitString(solution, routeIndex, position, length, random, settings.splitDepth));
    } else {
      const start = stringStart(position, length, route.size, random);
      removed.push(...solution.removeFromRoute(routeIndex, start, length));
    }
    ruined.add(routeIndex);
  }
  return removed;
}

function randomServedJob(solution: Solution, random: Random): number {
  const count = solution.jobRoute.length;
  // Rejection sampling is cheap while most jobs are served and stays correct otherwise.
  for (let attempt = 0; attempt < 64; attempt++) {
    const job = random.int(count);
    if (solution.jobRoute[job] !== UNASSIGNED) return job;
  }
  const served = [];
  for (let j = 0; j < count; j++) if (solution.jobRoute[j] !== UNASSIGNED) served.push(j);
  return served[random.int(served.length)]!;
}

/** Start of a uniformly chosen window of `length` positions that contains `position`. */
function stringStart(position: number, length: number, size: number, random: Random): number {
  const lowest = Math.max(0, position - length + 1);
  const highest = Math.min(position, size - length);
  return lowest + random.int(highest - lowest + 1);
}

/** Removes `length` jobs from a window of length + kept jobs, keeping a block of `kept` inside. */
function removeSplitString(
  solution: Solution,
  routeIndex: number,
  position: number,
  length: number,
  random: Random,
  splitDepth: number,
): number[] {
  const size = solution.routes[routeIndex]!.size;
  let kept = 1;
  while (kept < size - length && random.next() > splitDepth) kept++;
  const start = stringStart(position, length + kept, size, random);
  const keptOffset = random.int(length + 1);
  // Remove the later piece first so that the earlier piece's positions stay valid.
  const tail = solution.removeFromRoute(routeIndex, start + keptOffset + kept, length - keptOffset);
  const head = solution.removeFromRoute(routeIndex, start, keptOffset);
  return head.concat(tail);
}
