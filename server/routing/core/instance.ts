// The problem compiled into flat typed arrays, plus the derived data the search reuses on
// every iteration (neighbour lists, vehicle classes). Built once per solve.
import type { CoreProblem, TravelTable } from './problem.js';

export const POSITION_FREE = 0;
export const POSITION_FIRST = 1;
export const POSITION_LAST = 2;

/** How many nearest neighbours each job keeps; string removal rarely looks further. */
const NEIGHBOUR_COUNT = 100;

export class Instance {
  readonly jobCount: number;
  readonly vehicleCount: number;
  readonly jobNode: Int32Array;
  readonly jobService: Float64Array;
  readonly jobDemand: Float64Array;
  readonly jobValue: Float64Array;
  readonly jobPosition: Uint8Array;
  readonly jobFloating: Uint8Array;
  /** Windows of job j are windowBounds[2k], windowBounds[2k+1] for k in [windowOffset[j], windowOffset[j+1]). */
  readonly windowOffset: Int32Array;
  readonly windowBounds: Float64Array;
  /** allowed[j * vehicleCount + v] = 1 when vehicle v may serve job j. */
  readonly allowed: Uint8Array;
  readonly vehicleStart: Int32Array;
  readonly vehicleEnd: Int32Array;
  readonly shiftStart: Float64Array;
  readonly shiftEnd: Float64Array;
  readonly capacity: Float64Array;
  readonly maxJobs: Int32Array;
  readonly vehicleTable: TravelTable[];
  // Derived data the search needs but a one-off insertion does not: built on first use.
  private nearest: Int32Array[] | undefined;
  private hop: number | undefined;
  private classes: Int32Array | undefined;
  private remote: Float64Array | undefined;

  constructor(readonly problem: CoreProblem) {
    const { jobs, vehicles } = problem;
    const n = jobs.length;
    const m = vehicles.length;
    this.jobCount = n;
    this.vehicleCount = m;
    this.jobNode = Int32Array.from(jobs, (job) => job.node);
    this.jobService = Float64Array.from(jobs, (job) => job.service);
    this.jobDemand = Float64Array.from(jobs, (job) => job.demand);
    this.jobValue = Float64Array.from(jobs, (job) => job.value);
    this.jobPosition = Uint8Array.from(jobs, (job) =>
      job.position === 'first' ? POSITION_FIRST : job.position === 'last' ? POSITION_LAST : POSITION_FREE,
    );
    this.jobFloating = Uint8Array.from(jobs, (job) => (job.floating === true ? 1 : 0));
    this.windowOffset = new Int32Array(n + 1);
    const bounds: number[] = [];
    jobs.forEach((job, j) => {
      for (const [start, end] of job.windows) bounds.push(start, end);
      this.windowOffset[j + 1] = bounds.length / 2;
    });
    this.windowBounds = Float64Array.from(bounds);
    this.allowed = new Uint8Array(n * m);
    jobs.forEach((job, j) => {
      if (job.vehicles === undefined) this.allowed.fill(1, j * m, (j + 1) * m);
      else for (const v of job.vehicles) this.allowed[j * m + v] = 1;
    });
    this.vehicleStart = Int32Array.from(vehicles, (v) => v.startNode);
    this.vehicleEnd = Int32Array.from(vehicles, (v) => v.endNode);
    this.shiftStart = Float64Array.from(vehicles, (v) => v.shiftStart);
    this.shiftEnd = Float64Array.from(vehicles, (v) => v.shiftEnd);
    this.capacity = Float64Array.from(vehicles, (v) => v.capacity);
    this.maxJobs = Int32Array.from(vehicles, (v) => Math.min(v.maxJobs, 0x7fffffff));
    this.vehicleTable = vehicles.map((v) => {
      const table = problem.tables[v.table];
      if (table === undefined) throw new Error(`vehicle refers to missing travel table ${v.table}`);
      return table;
    });
    if (problem.tables.length === 0) throw new Error('problem has no travel table');
  }

  /** Vehicles with identical attributes share a class; only one empty route per class is tried. */
  get vehicleClass(): Int32Array {
    this.classes ??= this.classifyVehicles();
    return this.classes;
  }

  /** Cost from the closest vehicle start: the "far first" insertion order uses it. */
  get remoteness(): Float64Array {
    this.remote ??= this.remotenessFromStarts(this.problem.tables[0]!);
    return this.remote;
  }

  /** Nearest other jobs by cost, closest first. Built on first use: a one-off insertion never needs it. */
  get neighbours(): Int32Array[] {
    this.nearest ??= this.nearestNeighbours(this.problem.tables[0]!);
    return this.nearest;
  }

  /** Typical cost of a short hop, so that temperatures scale with the instance's units. */
  get typicalHop(): number {
    this.hop ??= this.meanNearestHop(this.problem.tables[0]!);
    return this.hop;
  }

  /** Earliest service start at or after `arrival`, or Infinity when no window is left. */
  earliestStart(job: number, arrival: number): number {
    const bounds = this.windowBounds;
    for (let k = this.windowOffset[job]!, end = this.windowOffset[job + 1]!; k < end; k++) {
      if (arrival <= bounds[2 * k + 1]!) return Math.max(arrival, bounds[2 * k]!);
    }
    return Infinity;
  }

  /** Latest service start at or before `bound`, or -Infinity when every window opens later. */
  latestStart(job: number, bound: number): number {
    const bounds = this.windowBounds;
    for (let k = this.windowOffset[job + 1]! - 1, first = this.windowOffset[job]!; k >= first; k--) {
      if (bound >= bounds[2 * k]!) return Math.min(bound, bounds[2 * k + 1]!);
    }
    return -Infinity;
  }

  /** Close of the job's last window: arriving later can never work. */
  lastClose(job: number): number {
    const last = this.windowOffset[job + 1]! - 1;
    return last < this.windowOffset[job]! ? -Infinity : this.windowBounds[2 * last + 1]!;
  }

  isAllowed(job: number, vehicle: number): boolean {
    return this.allowed[job * this.vehicleCount + vehicle] === 1;
  }

  private classifyVehicles(): Int32Array {
    const keys = new Map<string, number>();
    return Int32Array.from(this.problem.vehicles, (v, index) => {
      // Jobs may be pinned to single vehicles, so the class also needs identical job permissions.
      let permissions = 0;
      for (let j = 0; j < this.jobCount; j++) {
        permissions = (Math.imul(permissions, 31) + this.allowed[j * this.vehicleCount + index]! * (j + 1)) | 0;
      }
      const key = [v.startNode, v.endNode, v.shiftStart, v.shiftEnd, v.capacity, v.maxJobs, v.table, permissions].join();
      const known = keys.get(key);
      if (known !== undefined) return known;
      keys.set(key, keys.size);
      return keys.size - 1;
    });
  }

  private nearestNeighbours(table: TravelTable): Int32Array[] {
    const n = this.jobCount;
    const keep = Math.min(NEIGHBOUR_COUNT, Math.max(0, n - 1));
    const costs = new Float64Array(n);
    return Array.from({ length: n }, (_, j) => {
      const row = this.jobNode[j]! * table.size;
      for (let k = 0; k < n; k++) costs[k] = k === j ? Infinity : table.cost[row + this.jobNode[k]!]!;
      // A native numeric sort finds the cut-off; only the few jobs inside it get a comparator sort.
      const cutoff = keep === 0 ? -Infinity : costs.slice().sort()[keep - 1]!;
      const near: number[] = [];
      for (let k = 0; k < n; k++) if (costs[k]! <= cutoff && k !== j) near.push(k);
      near.sort((a, b) => costs[a]! - costs[b]! || a - b);
      return Int32Array.from(near.slice(0, keep));
    });
  }

  private remotenessFromStarts(table: TravelTable): Float64Array {
    const starts = [...new Set(this.vehicleStart)];
    return Float64Array.from(this.jobNode, (node) => Math.min(...starts.map((start) => table.cost[start * table.size + node]!)));
  }

  private meanNearestHop(table: TravelTable): number {
    let total = 0;
    let counted = 0;
    this.neighbours.forEach((list, j) => {
      const nearest = list[0];
      if (nearest === undefined) return;
      total += table.cost[this.jobNode[j]! * table.size + this.jobNode[nearest]!]!;
      counted++;
    });
    return counted > 0 && total > 0 ? total / counted : 1;
  }
}
