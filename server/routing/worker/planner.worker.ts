// Worker thread entry: plans one request off the caller's event loop, posting progress and the
// plan; a 'cancel' message stops the search, which then returns its best plan so far.
import { parentPort, workerData } from 'node:worker_threads';
import { CachedMatrixProvider } from '../matrix/cache.js';
import { OsrmMatrixProvider } from '../matrix/osrm.js';
import type { MatrixProvider } from '../matrix/provider.js';
import { StraightLineProvider } from '../matrix/straight-line.js';
import { planRoutes } from '../plan.js';
import type { FromWorker, MatrixSource, ToWorker, WorkerInput } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('planner.worker.ts must run as a worker thread');

const { request, options } = workerData as WorkerInput;
const controller = new AbortController();
const post = (message: FromWorker): void => port.postMessage(message);
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') controller.abort();
});

function providerFor(source: MatrixSource | undefined): MatrixProvider {
  if (source?.kind === 'osrm') return new CachedMatrixProvider(new OsrmMatrixProvider(source));
  return new StraightLineProvider(source?.profiles ?? {});
}

try {
  const plan = await planRoutes(request, {
    ...options,
    provider: providerFor(options.matrix),
    signal: controller.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', plan });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
} finally {
  port.close();
}
