// Bench 'review' (issue 7), on PostgreSQL: team results over 1,000,000 visits through HTTP against a
// real server process (dashboard1m.p95_ms), then webhook delivery (webhooks.per_s, review-webhooks.ts)
// and the review queue (queue.page_p95_ms, review-queue.ts) when those files are there.
// `--only-dashboard` runs the first part alone; `--visits N` changes the million.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addDays } from '../../shared/periods.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { percentile, report, withBenchDatabase } from './postgres.js';
import { type ResultsBenchData, seedResultsBench } from './results-data.js';

const bench = 'review';
const args = process.argv.slice(2);
const visitCount = Number(args[args.indexOf('--visits') + 1]) || 1_000_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** What a supervisor asks for: the last day, week, month or quarter, by day, week or month, for everyone, a team or one collector. */
function dashboardQueries(data: ResultsBenchData): string[] {
  const queries: string[] = [];
  for (const days of [1, 7, 30, 90]) {
    for (const period of ['day', 'week', 'month']) {
      if (days === 1 && period !== 'day') continue;
      for (const groupBy of ['team', 'collector']) {
        for (const filter of ['', `&teamId=${data.teamIds[2]!}`, `&collectorId=${data.collectorIds[17]!}`]) {
          queries.push(`/api/results?period=${period}&groupBy=${groupBy}&from=${addDays(data.today, -(days - 1))}&to=${data.today}${filter}`);
        }
      }
    }
  }
  return queries;
}

async function dashboard(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const data = await seedResultsBench(url, visitCount, log);
    const dataDir = mkdtempSync(join(tmpdir(), 'fv-bench-review-'));
    const server = await startServerProcess({ DATABASE_URL: url, DATA_DIR: dataDir });
    try {
      const get = async (path: string) => {
        const started = performance.now();
        const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${data.supervisorToken}` } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        return performance.now() - started;
      };
      // The first read builds the rollup from the million visits (once after a deploy); measured apart.
      const build = await get(`/api/results?from=${addDays(data.today, -6)}&to=${data.today}`);
      report(bench, 'dashboard1m.first_read_ms', build, 'ms');
      const queries = dashboardQueries(data);
      const samples: number[] = [];
      for (let round = 0; round < 3; round++) for (const query of queries) samples.push(await get(query));
      samples.sort((a, b) => a - b);
      report(bench, 'dashboard1m.p50_ms', percentile(samples, 50), 'ms');
      report(bench, 'dashboard1m.p95_ms', percentile(samples, 95), 'ms');
      report(bench, 'dashboard1m.requests', samples.length, 'count');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

/**
 * The other parts of this bench live in their own files, written beside this one. Each exports a
 * function (default, or any named export) that runs its part and prints its own JSON lines; a
 * number it returns is reported under `metric`.
 */
async function part(file: string, metric: string): Promise<void> {
  const path = join(dirname(fileURLToPath(import.meta.url)), file);
  if (!existsSync(path)) {
    log(`# ${metric}: test/bench/${file} is not there yet, so this metric is skipped`);
    return;
  }
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const run = [module.default, ...Object.values(module)].find((value): value is () => Promise<unknown> => typeof value === 'function');
  if (!run) {
    log(`# ${metric}: test/bench/${file} exports no function to run`);
    return;
  }
  const value = await run();
  if (typeof value === 'number') report(bench, metric, value, metric.endsWith('_ms') ? 'ms' : 'per_s');
}

await dashboard();
if (!args.includes('--only-dashboard')) {
  await part('review-webhooks.ts', 'webhooks.per_s');
  await part('review-queue.ts', 'queue.page_p95_ms');
}
