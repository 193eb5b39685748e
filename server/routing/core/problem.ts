// The index-based problem the search engine works on. The city planner and the Solomon
// benchmark both compile to it, so one engine serves both.

/** Square travel table over `size` nodes, row-major: entry [from * size + to]. */
export interface TravelTable {
  size: number;
  /** Seconds (or any time unit shared with windows and service durations). */
  duration: Float64Array;
  /** What the search minimises: travel time in the city, distance for Solomon. */
  cost: Float64Array;
  /** Metres (or the benchmark's distance unit); reported, never optimised directly. */
  distance: Float64Array;
}

export type PinnedPosition = 'first' | 'last';

export interface CoreJob {
  node: number;
  service: number;
  /** Permitted service-start intervals, sorted and disjoint. Empty means never servable. */
  windows: ReadonlyArray<readonly [number, number]>;
  demand: number;
  /** Served value; the search serves as much of it as possible before it looks at travel. */
  value: number;
  /** Vehicles allowed to serve the job (skills, pins); undefined means all. */
  vehicles?: readonly number[];
  position?: PinnedPosition;
  /**
   * Taken wherever the vehicle is, with no travel of its own (a collector's break): it sits
   * between two stops and the trip to the next stop starts after it. `node` is ignored.
   */
  floating?: boolean;
}

export interface CoreVehicle {
  startNode: number;
  endNode: number;
  shiftStart: number;
  shiftEnd: number;
  capacity: number;
  maxJobs: number;
  /** Index into CoreProblem.tables (one table per travel mode). */
  table: number;
}

export interface CoreProblem {
  jobs: CoreJob[];
  vehicles: CoreVehicle[];
  tables: TravelTable[];
}

/** A solved route: the vehicle and its jobs in visiting order. */
export interface CoreRoute {
  vehicle: number;
  jobs: number[];
}

export interface CoreSolution {
  routes: CoreRoute[];
  unassigned: number[];
  /** Sum of the cost table over all routes. */
  cost: number;
  unservedValue: number;
}
