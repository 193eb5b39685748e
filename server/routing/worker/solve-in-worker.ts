// Runs the planner in a worker thread so a long search never blocks the server's event loop.
// The project runs TypeScript through tsx without a build step, so the worker registers tsx's
// loader before importing its .ts entry. (`execArgv: ['--import', 'tsx']` is not enough on
// Node 20: the entry module is resolved before the loader hooks are active.)
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plan, PlanProgress, PlanRequest } from '../types.js';
import type { FromWorker, ToWorker, WorkerInput, WorkerSearchOptions } from './messages.js';

export type { MatrixSource, WorkerSearchOptions } from './messages.js';

export interface WorkerPlanOptions extends WorkerSearchOptions {
  onProgress?: (progress: PlanProgress) => void;
  /** Aborting stops the search; the result is then the best plan found so far. */
  signal?: AbortSignal;
}

export interface PlanningRun {
  /** The plan; on cancel, the best plan found so far (search.stopReason 'cancelled'). */
  result: Promise<Plan>;
  cancel(): void;
  /** Emits 'progress' with each PlanProgress. */
  events: EventEmitter<{ progress: [PlanProgress] }>;
}

// tsx's ESM API entry (its package exports map "./esm/api" to this file for `import`).
const tsxApi = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
const entry = new URL('./planner.worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;

export function solveInWorker(request: PlanRequest, options: WorkerPlanOptions = {}): PlanningRun {
  const { onProgress, signal, ...searchOptions } = options;
  const input: WorkerInput = { request, options: searchOptions };
  const worker = new Worker(bootstrap, { eval: true, workerData: input });
  const events = new EventEmitter<{ progress: [PlanProgress] }>();
  if (onProgress !== undefined) events.on('progress', onProgress);
  const cancel = (): void => worker.postMessage({ type: 'cancel' } satisfies ToWorker);
  signal?.addEventListener('abort', cancel, { once: true });
  const result = new Promise<Plan>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') events.emit('progress', message.progress);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.plan);
      } else {
        settled = true;
        reject(new Error(`route planner failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', cancel);
      if (!settled) reject(new Error(`route planner worker exited with code ${code} before answering`));
    });
  });
  if (signal?.aborted === true) cancel();
  return { result, cancel, events };
}
