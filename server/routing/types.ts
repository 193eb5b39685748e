// The planner's public vocabulary: visit tasks and collectors in, routes and unserved tasks out.
//
// Times are seconds since midnight of the planning day on one clock: the debtors' local time
// zone (all tasks of one plan share the zone of the city being planned; the caller converts
// shifts and per-task visiting hours onto that clock). Durations are seconds, distances metres.
import type { LatLng, TravelMode } from './matrix/provider.js';

export type { LatLng, TravelMode };

export interface TimeWindow {
  start: number;
  end: number;
}

export interface VisitTask {
  id: string;
  location: LatLng;
  /** When the visit may start. Absent: any time within visiting hours; empty: never. */
  windows?: TimeWindow[];
  serviceSeconds: number;
  /** What serving the task is worth (amount and priority); the planner maximises the sum. */
  value: number;
  requiredSkills?: string[];
  /** Load units the visit uses against a collector's capacity (default 0). */
  demand?: number;
  pinnedCollectorId?: string;
  pinnedPosition?: 'first' | 'last';
  /** Permitted visiting hours at this address, overriding the plan's default. */
  visitingHours?: TimeWindow;
}

export interface CollectorBreak {
  /** The break must start inside this window. */
  earliestStart: number;
  latestStart: number;
  durationSeconds: number;
}

export interface Collector {
  id: string;
  start: LatLng;
  /** Where the day ends; defaults to the start. */
  end?: LatLng;
  shift: TimeWindow;
  maxVisits?: number;
  travelMode: TravelMode;
  skills?: string[];
  capacity?: number;
  break?: CollectorBreak;
}

export interface PlanRequest {
  tasks: VisitTask[];
  collectors: Collector[];
  /** Default permitted visiting hours (conduct rule); 08:00–21:00 when absent. */
  visitingHours?: TimeWindow;
}

export const DEFAULT_VISITING_HOURS: TimeWindow = { start: 8 * 3600, end: 21 * 3600 };

export interface PlannedStop {
  taskId: string;
  arrival: number;
  serviceStart: number;
  departure: number;
  travelSeconds: number;
  distanceMetres: number;
}

export interface PlannedRoute {
  collectorId: string;
  /** Leaving the start location (as late as possible without changing any stop). */
  departure: number;
  /** Back at the end location. */
  arrival: number;
  stops: PlannedStop[];
  break?: { start: number; end: number };
  travelSeconds: number;
  distanceMetres: number;
}

export type UnservedReason =
  /** The task's windows do not meet its visiting hours (or it lasts longer than they do). */
  | 'no_time_window'
  /** No collector has every required skill. */
  | 'no_collector_with_skill'
  /** The pinned collector is not in the plan. */
  | 'pinned_collector_unavailable'
  /** No suitable collector can reach it and get back inside their shift. */
  | 'outside_shifts'
  /** Every suitable collector already makes their maximum number of visits. */
  | 'max_visits_reached'
  /** Every suitable collector is at capacity. */
  | 'capacity'
  /** Suitable collectors' time is spent on more valuable visits. */
  | 'no_time_left';

export interface UnservedTask {
  taskId: string;
  reason: UnservedReason;
}

export interface Plan {
  routes: PlannedRoute[];
  unserved: UnservedTask[];
  servedValue: number;
  totalValue: number;
  travelSeconds: number;
  distanceMetres: number;
  search: { iterations: number; elapsedMs: number; stopReason: 'time' | 'iterations' | 'cancelled' };
}

export interface PlanProgress {
  elapsedMs: number;
  iteration: number;
  servedValue: number;
  travelSeconds: number;
}
