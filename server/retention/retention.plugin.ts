// Runs the retention job in each server instance every RETENTION_INTERVAL_S, and once shortly after
// start (data may have passed its period while no instance ran).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { RetentionConfig } from '../config.js';
import type { PhotoStore } from '../evidence/photo-store.js';
import { runRetention } from './retention.service.js';

export function registerRetention(
  app: FastifyInstance,
  options: { retention: RetentionConfig; photoStore: PhotoStore; dataDir: string },
): void {
  const { intervalS, ...periods } = options.retention;
  const deps = { db: app.db, photoStore: options.photoStore, uploadsDirectory: join(options.dataDir, 'uploads'), periods };
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() =>
      runRetention(deps).then(
        (counts) => {
          if (counts) app.log.info({ retention: counts }, 'retention run');
        },
        (error: unknown) => app.log.error({ err: error }, 'retention run failed'),
      ),
    );
  };
  const timer = setInterval(run, intervalS * 1000);
  const first = setTimeout(run, 5_000);
  app.addHook('onClose', async () => {
    clearInterval(timer);
    clearTimeout(first);
    await running;
  });
}
