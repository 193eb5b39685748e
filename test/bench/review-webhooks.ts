// Webhook delivery throughput on PostgreSQL: signals already in the outbox, delivered by the real
// poller (claim under lease, sign, POST, record) to a local receiver in its own process, at the
// default concurrency. Metric: webhooks.per_s (deliveries/s).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { importCases } from '../../server/cases/import.service.js';
import { openPostgres } from '../../server/db/client.js';
import { users } from '../../server/db/schema/index.js';
import { demoCases, demoCreditors } from '../../server/demo/shenyang.js';
import { newId } from '../../server/ids.js';
import { pendingDeliveries } from '../../server/risk/deliveries.repository.js';
import { startWebhookDelivery } from '../../server/risk/webhook.delivery.js';
import { report, withBenchDatabase } from './postgres.js';

/** A receiver that answers every POST with 204, in a process of its own so it does not share the poller's event loop. */
async function startReceiver(): Promise<{ url: string; stop(): void }> {
  const script = `const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.writeHead(204).end()); });
    s.keepAliveTimeout = 60000; s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${Number(String(port).trim())}/risk`, stop: () => child.kill() };
}

async function seedOutbox(url: string, count: number): Promise<void> {
  const database = openPostgres(url, 4);
  await database.migrate();
  const db = database.db;
  for (const creditor of demoCreditors) await insertCreditor(db, { id: newId(), ...creditor });
  await importCases(db, null, demoCases(1, 7), { defaultTimeZone: 'Asia/Shanghai' });
  const collectorId = newId();
  await db
    .insert(users)
    .values({ id: collectorId, username: 'bench-collector', displayName: 'bench', role: 'collector', passwordHash: 'x' });
  // One visit per signal (a signal is unique per visit and type), then the signals and their outbox rows.
  await db.execute(sql`insert into visits (id, case_id, address_id, collector_id, outcome, recorded_at)
    select gen_random_uuid(), c.id, a.id, ${collectorId}::uuid, 'moved_away', now() from generate_series(1, ${count}), cases c join case_addresses a on a.case_id = c.id limit ${count}`);
  await db.execute(sql`insert into risk_signals (id, case_id, visit_id, type, severity, reason, occurred_at)
    select gen_random_uuid(), case_id, id, 'address_invalid', 'medium', 'The debtor has moved away; skip-tracing needed.', now() from visits`);
  await db.execute(sql`insert into risk_deliveries (signal_id) select id from risk_signals`);
  await database.close();
}

export async function benchReviewWebhooks(count = Number(process.env.BENCH_WEBHOOKS ?? 5_000)): Promise<void> {
  await withBenchDatabase(async (url) => {
    process.stderr.write(`seeding ${count} signals in the outbox…\n`);
    await seedOutbox(url, count);
    const receiver = await startReceiver();
    const database = openPostgres(url, 10);
    try {
      const started = performance.now();
      // The server's defaults: 8 in flight, 10 s timeout.
      const delivery = startWebhookDelivery(
        database.db,
        {
          url: receiver.url,
          secret: 'bench-secret-0123456789',
          timeoutMs: 10_000,
          backoff: { baseMs: 5_000, maxMs: 3_600_000 },
          concurrency: Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 8),
        },
        { error: (details, message) => console.error(message, details) },
      );
      while ((await pendingDeliveries(database.db)) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const seconds = (performance.now() - started) / 1000;
      await delivery.stop();
      report('review', 'webhooks.per_s', count / seconds, 'deliveries/s');
    } finally {
      receiver.stop();
      await database.close();
    }
  });
}
export default benchReviewWebhooks;
