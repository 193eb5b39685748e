// One vehicle's route with its schedule. `start` holds each stop's earliest service start and
// `latest` the latest start that keeps every later stop and the shift end feasible, so an
// insertion is checked in constant time (forward time plus backward slack).
import type { Instance } from './instance.js';

export class Route {
  jobs: number[] = [];
  start: number[] = [];
  latest: number[] = [];
  /** When the vehicle is free to leave each stop (service start plus service). */
  departure: number[] = [];
  /** Node where the vehicle is after each stop: a floating job (break) stays where it was. */
  location: number[] = [];
  load = 0;
  cost = 0;
  /** Arrival back at the end location. */
  endArrival = 0;

  constructor(
    readonly instance: Instance,
    readonly vehicle: number,
  ) {
    this.update();
  }

  get size(): number {
    return this.jobs.length;
  }

  /** Recomputes schedule, load and cost after the job list changed. */
  update(): void {
    const inst = this.instance;
    const v = this.vehicle;
    const table = inst.vehicleTable[v]!;
    const size = table.size;
    const duration = table.duration;
    const costs = table.cost;
    const jobs = this.jobs;
    const count = jobs.length;
    this.start.length = count;
    this.latest.length = count;
    this.location.length = count;
    this.departure.length = count;
    let time = inst.shiftStart[v]!;
    let previous = inst.vehicleStart[v]!;
    let cost = 0;
    let load = 0;
    for (let i = 0; i < count; i++) {
      const job = jobs[i]!;
      const node = inst.jobFloating[job] === 1 ? previous : inst.jobNode[job]!;
      const begin = inst.earliestStart(job, time + (node === previous ? 0 : duration[previous * size + node]!));
      this.start[i] = begin;
      this.location[i] = node;
      time = begin + inst.jobService[job]!;
      this.departure[i] = time;
      cost += costs[previous * size + node]!;
      load += inst.jobDemand[job]!;
      previous = node;
    }
    const end = inst.vehicleEnd[v]!;
    this.endArrival = time + duration[previous * size + end]!;
    this.cost = count === 0 ? 0 : cost + costs[previous * size + end]!;
    this.load = load;
    let bound = inst.shiftEnd[v]!;
    let next = end;
    for (let i = count - 1; i >= 0; i--) {
      const job = jobs[i]!;
      const node = this.location[i]!;
      bound = inst.latestStart(job, bound - duration[node * size + next]! - inst.jobService[job]!);
      this.latest[i] = bound;
      next = node;
    }
  }

  /** True when every stop starts inside a window and the vehicle is back before its shift ends. */
  isFeasible(): boolean {
    const inst = this.instance;
    if (this.load > inst.capacity[this.vehicle]! || this.jobs.length > inst.maxJobs[this.vehicle]!) return false;
    if (this.endArrival > inst.shiftEnd[this.vehicle]! + 1e-9) return false;
    return this.start.every((begin) => Number.isFinite(begin));
  }

  copyFrom(other: Route): void {
    this.jobs = other.jobs.slice();
    this.start = other.start.slice();
    this.latest = other.latest.slice();
    this.location = other.location.slice();
    this.departure = other.departure.slice();
    this.load = other.load;
    this.cost = other.cost;
    this.endArrival = other.endArrival;
  }
}
