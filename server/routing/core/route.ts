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

  /** Inserts a job and reschedules only what it can change. */
  insertJob(position: number, job: number): void {
    this.jobs.splice(position, 0, job);
    for (const values of [this.start, this.latest, this.departure, this.location]) values.splice(position, 0, 0);
    this.reschedule(position);
  }

  /** Removes `count` consecutive jobs and reschedules only what that can change. */
  removeJobs(from: number, count: number): number[] {
    const removed = this.jobs.splice(from, count);
    for (const values of [this.start, this.latest, this.departure, this.location]) values.splice(from, count);
    this.reschedule(from);
    return removed;
  }

  /**
   * After a change at `position`: earliest starts can only move from there on and latest starts
   * only before it, and each pass stops where the old values reappear. Breaks move with their
   * neighbours, so routes of instances with breaks are rescheduled in full.
   */
  private reschedule(position: number): void {
    const inst = this.instance;
    if (inst.hasFloating) return this.update();
    const v = this.vehicle;
    const table = inst.vehicleTable[v]!;
    const size = table.size;
    const duration = table.duration;
    const jobs = this.jobs;
    const count = jobs.length;
    let time = position === 0 ? inst.shiftStart[v]! : this.departure[position - 1]!;
    let previous = position === 0 ? inst.vehicleStart[v]! : this.location[position - 1]!;
    let reachedEnd = true;
    for (let i = position; i < count; i++) {
      const job = jobs[i]!;
      const node = inst.jobNode[job]!;
      const begin = inst.earliestStart(job, time + duration[previous * size + node]!);
      if (i > position && begin === this.start[i]) {
        reachedEnd = false;
        break;
      }
      this.start[i] = begin;
      this.location[i] = node;
      time = begin + inst.jobService[job]!;
      this.departure[i] = time;
      previous = node;
    }
    if (reachedEnd) this.endArrival = time + duration[previous * size + inst.vehicleEnd[v]!]!;
    let next = position + 1 >= count ? inst.vehicleEnd[v]! : this.location[position + 1]!;
    let bound = position + 1 >= count ? inst.shiftEnd[v]! : this.latest[position + 1]!;
    for (let i = Math.min(position, count - 1); i >= 0; i--) {
      const job = jobs[i]!;
      const node = this.location[i]!;
      const latest = inst.latestStart(job, bound - duration[node * size + next]! - inst.jobService[job]!);
      if (i < position && latest === this.latest[i]) break;
      this.latest[i] = latest;
      bound = latest;
      next = node;
    }
    this.sumCostAndLoad();
  }

  private sumCostAndLoad(): void {
    const inst = this.instance;
    const table = inst.vehicleTable[this.vehicle]!;
    const costs = table.cost;
    const size = table.size;
    const count = this.jobs.length;
    let previous = inst.vehicleStart[this.vehicle]!;
    let cost = 0;
    let load = 0;
    for (let i = 0; i < count; i++) {
      const node = this.location[i]!;
      cost += costs[previous * size + node]!;
      load += inst.jobDemand[this.jobs[i]!]!;
      previous = node;
    }
    this.cost = count === 0 ? 0 : cost + costs[previous * size + inst.vehicleEnd[this.vehicle]!]!;
    this.load = load;
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
