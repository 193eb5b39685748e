// Two server processes on one PostgreSQL: what happens on one reaches sockets on the other.
// PGlite is one process's embedded database, so this runs on PostgreSQL only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertSignal, type ClientToServerEvents, type CollectorPosition, type ServerToClientEvents, socketPath } from '../../shared/events.js';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import { cases } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { bearer, caseRow, createCreditor, createUser, testPassword } from '../fixtures/factories.js';
import { checkIn, push } from '../fixtures/sync.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { createTestContext, type TestContext } from '../helper.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe.runIf(process.env.DATABASE_URL)('several server instances on one PostgreSQL', () => {
  let context: TestContext;
  let instances: { url: string; stop(): Promise<void> }[] = [];
  let dataDir: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    context = await createTestContext();
    dataDir = mkdtempSync(join(tmpdir(), 'fv-instances-'));
    const env = { DATABASE_URL: context.config.databaseUrl!, DATA_DIR: dataDir, POSITION_INTERVAL_S: '1' };
    instances = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(instances.map((i) => i.stop()));
    await context?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function pair(): [{ url: string }, { url: string }] {
    const [a, b] = instances;
    if (!a || !b) throw new Error('two instances expected');
    return [a, b];
  }

  async function signIn(base: string, role: 'collector' | 'supervisor' | 'dispatcher') {
    const user = await createUser(context.database.db, role);
    const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: testPassword }) });
    return { id: user.id, token: (await response.json() as { token: string }).token };
  }

  async function socketTo(base: string, token: string): Promise<ClientSocket> {
    const socket: ClientSocket = connect(base, { path: socketPath, auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    return socket;
  }

  it('relays a position sent to one instance to a supervisor connected to the other', async () => {
    const [a, b] = pair();
    const collector = await signIn(a.url, 'collector');
    const supervisor = await signIn(b.url, 'supervisor');
    const watching = await socketTo(b.url, supervisor.token);
    const seen = new Promise<CollectorPosition>((resolve) => watching.on('collector:position', resolve));
    // The adapter needs a heartbeat to know its peer; keep reporting until the position arrives.
    const reporting = await socketTo(a.url, collector.token);
    const answers: { accepted: boolean; reason?: string }[] = [];
    const timer = setInterval(() => reporting.emit('position:update', { lat: 41.8, lng: 123.4, accuracyM: 9 }, (answer) => answers.push(answer)), 1100);
    const position = await seen.finally(() => clearInterval(timer));
    expect(position).toMatchObject({ collectorId: collector.id, lat: 41.8, lng: 123.4, accuracyM: 9 });
    expect(answers.some((answer) => answer.accepted)).toBe(true);

    const refused = (await reporting.emitWithAck('position:update', { lat: 123, lng: 41, accuracyM: 5 })) as { accepted: boolean };
    expect(refused.accepted).toBe(false);
  });

  it('delivers an SOS pushed to one instance exactly once to a supervisor on the other', async () => {
    const [a, b] = pair();
    const collector = await signIn(a.url, 'collector');
    const supervisor = await signIn(b.url, 'supervisor');
    const watching = await socketTo(b.url, supervisor.token);
    const alerts: AlertSignal[] = [];
    watching.on('alert:raised', (alert) => alerts.push(alert));
    const sosId = uuidv7();
    const response = await fetch(`${a.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${collector.token}` },
      body: JSON.stringify({ protocolVersion: 1, deviceId: 'device-a', sentAt: new Date().toISOString(), mutations: [{ id: uuidv7(), type: 'sos.raise', createdAt: new Date().toISOString(), sosId }] }),
    });
    expect(response.status).toBe(200);
    await expect.poll(() => alerts.length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alerts.map((alert) => alert.alertId)).toEqual([sosId]);
  });

  it('tells a dispatcher on one instance, exactly once, about a visit pushed to the other', async () => {
    const [a, b] = pair();
    const collector = await signIn(a.url, 'collector');
    const dispatcher = await signIn(b.url, 'dispatcher');
    const creditor = (await createCreditor(context.database.db)).code;
    await context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(dispatcher.token), payload: [caseRow(creditor, 'MULTI-1')] });
    const [found] = await context.database.db.select({ id: cases.id }).from(cases).where(eq(cases.externalId, 'MULTI-1'));
    const caseId = found!.id;
    await assignCases(context.database.db, [caseId], collector.id);
    const addressId = (await context.app.inject({ url: `/api/cases/${caseId}`, headers: bearer(collector.token) })).json<CaseDetail>().addresses[0]!.id;

    const watching = await socketTo(b.url, dispatcher.token);
    const changes: unknown[] = [];
    watching.on('dispatch:changed', (signal) => changes.push(signal));
    const response = await fetch(`${a.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${collector.token}` },
      body: JSON.stringify(push([checkIn(caseId, addressId)])),
    });
    expect(response.status).toBe(200);
    // NOTIFY reaches both instances; each tells only its own sockets.
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(changes).toEqual([{ reason: 'visit', caseIds: [caseId], collectorId: collector.id }]);
  });
});
