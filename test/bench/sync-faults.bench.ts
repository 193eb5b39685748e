// Issue 3's fault-injection scenario on PostgreSQL: 200 visits with 3 photos each, synced through
// a proxy that fails 20% of requests, drops 10% of answers after commit and cuts uploads, with the
// device restarted during sync. Metrics: faults.lost, faults.duplicated (both must be 0),
// faults.seconds (sync time per seed), faults.requests. SEED=N replays one seed; BENCH_SEEDS=N runs N.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openPostgres } from '../../server/db/client.js';
import { listen } from '../fixtures/sync/collector.js';
import { runFaultScenario, type FaultScenarioResult } from '../fixtures/sync/fault-scenario.js';
import { report, withBenchDatabase } from './postgres.js';

const seeds = process.env.SEED
  ? [Number(process.env.SEED)]
  : Array.from({ length: Number(process.env.BENCH_SEEDS ?? 3) }, () => Math.floor(Math.random() * 2 ** 31));

const results: FaultScenarioResult[] = await withBenchDatabase(async (url) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fv-bench-sync-faults-'));
  const database = openPostgres(url, 5);
  await database.migrate();
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  const app = await buildApp({ config, database });
  const context = { app, database, config, close: async () => undefined };
  try {
    const baseUrl = await listen(context);
    const done: FaultScenarioResult[] = [];
    for (const seed of seeds) {
      console.error(`# sync-faults seed ${seed} (replay with SEED=${seed})`);
      const result = await runFaultScenario(context, baseUrl, { seed });
      console.error(`# ${JSON.stringify(result)}`);
      done.push(result);
    }
    return done;
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const sum = (pick: (result: FaultScenarioResult) => number) => results.reduce((total, result) => total + pick(result), 0);
report(
  'sync-faults',
  'faults.lost',
  sum((r) => r.lost),
  'count',
);
report(
  'sync-faults',
  'faults.duplicated',
  sum((r) => r.duplicated),
  'count',
);
report('sync-faults', 'faults.seeds', results.length, 'count');
report('sync-faults', 'faults.seconds', sum((r) => r.seconds) / results.length, 's');
report('sync-faults', 'faults.requests', sum((r) => r.faults.requests) / results.length, 'count');
report(
  'sync-faults',
  'faults.restarts',
  sum((r) => r.restarts),
  'count',
);
if (sum((r) => r.lost + r.duplicated) > 0) process.exitCode = 1;
