// What the planner worker and its caller say to each other (structured-clone friendly).
import type { OsrmOptions } from '../matrix/osrm.js';
import type { ModeProfile } from '../matrix/straight-line.js';
import type { Plan, PlanProgress, PlanRequest, TravelMode } from '../types.js';

/** Providers are objects with methods, so the worker gets a description and builds its own. */
export type MatrixSource =
  { kind: 'straight-line'; profiles?: Partial<Record<TravelMode, Partial<ModeProfile>>> } | ({ kind: 'osrm' } & Omit<OsrmOptions, 'fetch'>);

export interface WorkerSearchOptions {
  seed?: number;
  timeLimitMs?: number;
  maxIterations?: number;
  progressIntervalMs?: number;
  matrix?: MatrixSource;
}

export interface WorkerInput {
  request: PlanRequest;
  options: WorkerSearchOptions;
}

export type ToWorker = { type: 'cancel' };

export type FromWorker = { type: 'progress'; progress: PlanProgress } | { type: 'done'; plan: Plan } | { type: 'failed'; message: string };
