import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext();
});
afterAll(async () => context?.close());

const notify = (channel: string, payload: string) => context.database.db.execute(sql`select pg_notify(${channel}, ${payload})`);

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('LISTEN', () => {
  it('delivers a NOTIFY to every listener of its channel, and to none after it stops', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = await context.database.listen('fv_test_one', (payload) => first.push(payload));
    const stopSecond = await context.database.listen('fv_test_one', (payload) => second.push(payload));
    await notify('fv_test_one', 'a');
    await until(() => first.length === 1 && second.length === 1, 5_000);
    await stopFirst();
    await notify('fv_test_one', 'b');
    await until(() => second.length === 2, 5_000);
    expect(first).toEqual(['a']);
    expect(second).toEqual(['a', 'b']);
    await stopSecond();
  });

  // PGlite has no connection to lose; on PostgreSQL a restart or a killed backend must not end the signals.
  it.runIf(process.env.DATABASE_URL)('listens again by itself after its connection is killed', async () => {
    const received: string[] = [];
    const stop = await context.database.listen('fv_test_two', (payload) => received.push(payload));
    const killed = await context.database.db.execute(
      sql`select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
    );
    expect((killed as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    // Keep notifying until the reconnected listener hears one: it has to come back within seconds.
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) {
      await notify('fv_test_two', 'after');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(received[0]).toBe('after');
    await stop();
  });
});
