// Webhook delivery to a real local receiver: retried with growing delays while it fails, signed so
// the receiver can verify it, carried over a server restart by the outbox, and delivered once when
// two instances poll one PostgreSQL.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskWebhookBody } from '../../shared/schemas/risk.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openPglite, openPostgres, type DatabaseHandle } from '../../server/db/client.js';
import { riskDeliveries } from '../../server/db/schema/index.js';
import { verifyWebhook } from '../../server/risk/webhook-signature.js';
import { bearer } from '../fixtures/factories.js';
import { pushAs, riskWorld, signalsOfVisit, startReceiver, visitBatch } from '../fixtures/risk.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { push } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

const secret = 'webhook-test-secret-0123456789';
const fast = {
  RISK_WEBHOOK_SECRET: secret,
  RISK_WEBHOOK_BACKOFF_MS: '100',
  RISK_WEBHOOK_MAX_BACKOFF_S: '1',
  RISK_WEBHOOK_TIMEOUT_MS: '2000',
};

describe('retries after the receiver fails', () => {
  let context: TestContext;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver({ failFirst: 3 });
    context = await createTestContext({ ...fast, RISK_WEBHOOK_URL: receiver.url });
  });
  afterAll(async () => {
    await context?.close();
    await receiver?.close();
  });

  it('fails three times, waits longer each time, then delivers once, signed and verifiable', async () => {
    const world = await riskWorld(context.app, context.database.db, 1);
    const visit = visitBatch(world, world.caseIds[0]!, { outcome: 'claims_fraud', notes: '称系冒办' });
    await pushAs(context.app, world.collector.token, visit.mutations);
    const [signal] = await signalsOfVisit(context.database.db, visit.visitId);

    await expect.poll(() => receiver.delivered().length, { timeout: 15_000 }).toBe(1);
    const attempts = receiver.state.received;
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 500, 204]);
    expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([signal!.id]));

    const delivered = receiver.delivered()[0]!;
    const headers = {
      'webhook-id': String(delivered.headers['webhook-id']),
      'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
      'webhook-signature': String(delivered.headers['webhook-signature']),
    };
    const expected = createHmac('sha256', secret)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${delivered.body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(verifyWebhook(secret, headers, delivered.body)).toBe(true);
    expect(verifyWebhook('some-other-secret-entirely', headers, delivered.body)).toBe(false);
    const body = riskWebhookBody.parse(JSON.parse(delivered.body));
    expect(body.data).toMatchObject({
      id: signal!.id,
      type: 'fraud_claim',
      severity: 'high',
      visitId: visit.visitId,
      action: 'fraud_workflow',
    });

    const [row] = await context.database.db.select().from(riskDeliveries).where(eq(riskDeliveries.signalId, signal!.id));
    expect(row).toMatchObject({ attempts: 4, lastError: null });
    expect(row!.deliveredAt).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.state.received).toHaveLength(4);
  });

  it('spaces the retries out: each wait at least half of a doubling step', async () => {
    receiver.state.received.length = 0;
    receiver.state.failFirst = 4;
    const world = await riskWorld(context.app, context.database.db, 1);
    await pushAs(
      context.app,
      world.collector.token,
      visitBatch(world, world.caseIds[0]!, { outcome: 'moved_away', notes: '搬走' }).mutations,
    );
    const started = Date.now();
    await expect.poll(() => receiver.delivered().length, { timeout: 20_000 }).toBe(1);
    // Waits of at least 50 + 100 + 200 + 400 ms (the fixed halves of 100, 200, 400, 800).
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(receiver.state.received.map((a) => a.status)).toEqual([500, 500, 500, 500, 204]);
  });
});

/** A database that outlives one server process: a PostgreSQL database, or a PGlite data folder. */
async function durableDatabase(): Promise<{ env: Record<string, string>; open(): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fv-risk-restart-'));
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    return {
      env: { DATA_DIR: dataDir },
      open: () => openPglite(dataDir),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const pg = await import('pg');
  const name = `fv_risk_restart_${process.pid}_${Date.now()}`;
  const admin = new pg.default.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    open: async () => openPostgres(url.toString(), 3),
    async drop() {
      const client = new pg.default.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('after a server restart', () => {
  it('the outbox carries a failing delivery over a restart and delivers it once', { timeout: 120_000 }, async () => {
    const storage = await durableDatabase();
    const receiver = await startReceiver({ failing: true });
    try {
      // Users and cases made in-process, then the real server runs as its own process on the same data.
      const setup = await storage.open();
      await setup.migrate();
      const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...storage.env }), database: setup });
      const world = await riskWorld(app, setup.db, 1);
      await app.close();
      await setup.close();

      const env = { ...storage.env, ...fast, RISK_WEBHOOK_URL: receiver.url };
      const first = await startServerProcess(env);
      const visit = visitBatch(world, world.caseIds[0]!, { outcome: 'hardship', familySituation: { health: 'disability' }, notes: '残疾' });
      const pushed = await fetch(`${first.url}/api/sync/push`, {
        method: 'POST',
        headers: { ...bearer(world.collector.token), 'content-type': 'application/json' },
        body: JSON.stringify(push(visit.mutations)),
      });
      expect(pushed.status).toBe(200);
      await expect.poll(() => receiver.state.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      await first.stop();
      const failedAttempts = receiver.state.received.length;
      expect(receiver.delivered()).toHaveLength(0);

      receiver.state.failing = false;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.state.received).toHaveLength(failedAttempts);
      const second = await startServerProcess(env);
      try {
        await expect.poll(() => receiver.delivered().length, { timeout: 30_000 }).toBe(1);
        const delivered = receiver.delivered()[0]!;
        expect(new Set(receiver.state.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
        expect(riskWebhookBody.parse(JSON.parse(delivered.body)).data).toMatchObject({ visitId: visit.visitId, type: 'hardship' });
        expect(verifyWebhook(secret, delivered.headers as Record<string, string>, delivered.body)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(receiver.delivered()).toHaveLength(1);
      } finally {
        await second.stop();
      }
    } finally {
      await receiver.close();
      await storage.drop();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two instances on one PostgreSQL', () => {
  it('deliver each signal once between them (skip locked)', { timeout: 60_000 }, async () => {
    const receiver = await startReceiver();
    const context = await createTestContext({ ...fast, RISK_WEBHOOK_URL: receiver.url, RISK_WEBHOOK_CONCURRENCY: '2' });
    const other = openPostgres(context.config.databaseUrl!, 3);
    const second = await buildApp({ config: context.config, database: other });
    try {
      const world = await riskWorld(context.app, context.database.db, 40);
      const visits = world.caseIds.map((caseId) => visitBatch(world, caseId, { outcome: 'moved_away', notes: '搬走' }));
      for (let i = 0; i < visits.length; i += 10)
        await pushAs(
          context.app,
          world.collector.token,
          visits.slice(i, i + 10).flatMap((v) => v.mutations),
        );
      await expect.poll(() => receiver.delivered().length, { timeout: 30_000 }).toBe(40);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const ids = receiver.state.received.map((r) => String(r.headers['webhook-id']));
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    } finally {
      await second.close();
      await other.close();
      await context.close();
      await receiver.close();
    }
  });
});
