// A complete assignment: one Route per vehicle and where each job is. Supports cheap undo of
// one ruin-and-recreate step by snapshotting only the routes it touched.
import type { Instance } from './instance.js';
import type { CoreSolution } from './problem.js';
import { Route } from './route.js';

export const UNASSIGNED = -1;

export class Solution {
  readonly routes: Route[];
  /** Route (= vehicle) index of each job, or UNASSIGNED. */
  readonly jobRoute: Int32Array;
  private readonly saved = new Map<number, number[]>();

  constructor(readonly instance: Instance) {
    this.routes = Array.from({ length: instance.vehicleCount }, (_, v) => new Route(instance, v));
    this.jobRoute = new Int32Array(instance.jobCount).fill(UNASSIGNED);
  }

  get cost(): number {
    let total = 0;
    for (const route of this.routes) total += route.cost;
    return total;
  }

  /** Value of the jobs left out, summed afresh so that it never drifts. */
  get unservedValue(): number {
    let total = 0;
    const values = this.instance.jobValue;
    for (let j = 0; j < this.jobRoute.length; j++) if (this.jobRoute[j] === UNASSIGNED) total += values[j]!;
    return total;
  }

  unassignedJobs(): number[] {
    const result: number[] = [];
    for (let j = 0; j < this.jobRoute.length; j++) if (this.jobRoute[j] === UNASSIGNED) result.push(j);
    return result;
  }

  /** Call before changing a route during a step, so that `undo` can put it back. */
  touch(routeIndex: number): void {
    if (!this.saved.has(routeIndex)) this.saved.set(routeIndex, this.routes[routeIndex]!.jobs.slice());
  }

  insert(job: number, routeIndex: number, position: number): void {
    this.touch(routeIndex);
    const route = this.routes[routeIndex]!;
    route.jobs.splice(position, 0, job);
    route.update();
    this.jobRoute[job] = routeIndex;
  }

  /** Removes `count` consecutive jobs from a route and reschedules it. */
  removeFromRoute(routeIndex: number, from: number, count: number): number[] {
    this.touch(routeIndex);
    const route = this.routes[routeIndex]!;
    const removed = route.jobs.splice(from, count);
    for (const job of removed) this.jobRoute[job] = UNASSIGNED;
    route.update();
    return removed;
  }

  /** Drops the snapshots: the step is accepted. */
  commit(): void {
    this.saved.clear();
  }

  /** Restores every route touched since the last commit. */
  undo(): void {
    // Two passes: a job may have moved between two touched routes.
    for (const index of this.saved.keys()) {
      for (const job of this.routes[index]!.jobs) this.jobRoute[job] = UNASSIGNED;
    }
    for (const [index, jobs] of this.saved) {
      const route = this.routes[index]!;
      route.jobs = jobs;
      for (const job of jobs) this.jobRoute[job] = index;
      route.update();
    }
    this.saved.clear();
  }

  copyFrom(other: Solution): void {
    other.routes.forEach((route, index) => this.routes[index]!.copyFrom(route));
    this.jobRoute.set(other.jobRoute);
    this.saved.clear();
  }

  /** Loads routes given as job lists (for warm starts and incremental insertion). */
  load(routes: ReadonlyArray<{ vehicle: number; jobs: readonly number[] }>): void {
    this.jobRoute.fill(UNASSIGNED);
    for (const route of this.routes) route.jobs = [];
    for (const { vehicle, jobs } of routes) {
      const route = this.routes[vehicle]!;
      route.jobs = jobs.slice();
      for (const job of jobs) this.jobRoute[job] = vehicle;
    }
    for (const route of this.routes) route.update();
    this.saved.clear();
  }

  toCore(): CoreSolution {
    return {
      routes: this.routes.filter((route) => route.size > 0).map((route) => ({ vehicle: route.vehicle, jobs: route.jobs.slice() })),
      unassigned: this.unassignedJobs(),
      cost: this.cost,
      unservedValue: this.unservedValue,
    };
  }
}
