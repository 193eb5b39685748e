// Case intake and the map's bounding-box query at 100,000 cases on PostgreSQL.
// Metrics: import.rows_per_s, cases.bbox_p50_ms, cases.bbox_p95_ms.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openPostgres } from '../../server/db/client.js';
import { demoCases, seededRandom } from '../../server/demo/shenyang.js';
import { demoCreditors } from '../../server/demo/shenyang.js';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { newId } from '../../server/ids.js';
import { hashPassword } from '../../server/auth/password.js';
import { insertUser } from '../../server/users/users.repository.js';
import { percentile, report, withBenchDatabase } from './postgres.js';

const caseCount = Number(process.env.BENCH_CASES ?? 100_000);
const requestSize = 10_000;
const bboxQueries = 300;

await withBenchDatabase(async (url) => {
  const database = openPostgres(url);
  await database.migrate();
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database });
  for (const creditor of demoCreditors) await insertCreditor(database.db, { id: newId(), ...creditor });
  await insertUser(database.db, { id: newId(), username: 'bench', displayName: 'bench', role: 'dispatcher', passwordHash: await hashPassword('bench-password') });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'bench-password' } });
  const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };

  const rows = demoCases(caseCount, 99);
  const started = performance.now();
  let accepted = 0;
  for (let offset = 0; offset < rows.length; offset += requestSize) {
    const response = await app.inject({ method: 'POST', url: '/api/cases/import', headers, payload: rows.slice(offset, offset + requestSize) });
    if (response.statusCode !== 200) throw new Error(`import failed: ${response.body}`);
    accepted += response.json<{ accepted: number }>().accepted;
    process.stderr.write(`\rimported ${offset + requestSize} of ${rows.length}`);
  }
  const importSeconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  if (accepted !== caseCount) throw new Error(`expected ${caseCount} accepted, got ${accepted}`);
  report('cases', 'import.rows_per_s', caseCount / importSeconds, 'rows/s');
  report('cases', 'import.seconds', importSeconds, 's');
  await database.pool!.query('analyze');

  // A dispatcher's map viewport at street level: about 3 km x 2 km somewhere in the city.
  const random = seededRandom(5);
  const durations: number[] = [];
  let returned = 0;
  for (let i = 0; i < bboxQueries; i++) {
    const lng = 123.28 + random() * 0.28;
    const lat = 41.69 + random() * 0.24;
    const bbox = [lng, lat, lng + 0.036, lat + 0.018].map((n) => n.toFixed(5)).join(',');
    const t0 = performance.now();
    const response = await app.inject({ url: `/api/cases?bbox=${bbox}&limit=200`, headers });
    durations.push(performance.now() - t0);
    if (response.statusCode !== 200) throw new Error(response.body);
    returned += response.json<{ cases: unknown[] }>().cases.length;
  }
  durations.sort((a, b) => a - b);
  report('cases', 'cases.bbox_p50_ms', percentile(durations, 50), 'ms');
  report('cases', 'cases.bbox_p95_ms', percentile(durations, 95), 'ms');
  report('cases', 'cases.bbox_mean_rows', returned / bboxQueries, 'rows');
  await app.close();
  await database.close();
});
