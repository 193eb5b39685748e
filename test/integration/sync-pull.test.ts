import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertSignal, type ClientToServerEvents, type ServerToClientEvents, socketPath } from '../../shared/events.js';
import { v7 as uuidv7 } from 'uuid';
import type { PullResponse } from '../../shared/schemas/sync.js';
import { cases } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { bearer, caseRow, createCreditor, signedInUser } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let a: { token: string; id: string };
let b: { token: string; id: string };
let dispatcherToken: string;
let creditor: string;
const ids: string[] = [];

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  dispatcherToken = (await signedInUser(context.app, db, 'dispatcher')).token;
  const ua = await signedInUser(context.app, db, 'collector');
  const ub = await signedInUser(context.app, db, 'collector');
  a = { token: ua.token, id: ua.user.id };
  b = { token: ub.token, id: ub.user.id };
  creditor = (await createCreditor(db)).code;
  const rows = [1, 2, 3, 4].map((n) => caseRow(creditor, `PULL-${n}`));
  await context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(dispatcherToken), payload: rows });
  for (const row of await db.select({ id: cases.id }).from(cases).orderBy(cases.externalId)) ids.push(row.id);
  await assignCases(db, [ids[0]!, ids[1]!, ids[2]!], a.id);
});
afterAll(async () => context?.close());

const pull = async (token: string, cursor?: string) => {
  const response = await context.app.inject({ url: `/api/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PullResponse>();
};

describe('pull', () => {
  it('starts with a snapshot of the assigned cases, masked', async () => {
    const first = await pull(a.token);
    expect(first.snapshot).toBe(true);
    expect(first.settings).toEqual({ geofenceRadiusM: 150, poorAccuracyM: 100 });
    expect(first.cases.map((c) => c.id).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
    expect(first.cases[0]!.debtorIdNumberMasked).toContain('*');
    expect(JSON.stringify(first)).not.toContain('210102198001011234');
    // Nothing changed since: an empty delta with the same cursor.
    const again = await pull(a.token, first.cursor);
    expect(again).toMatchObject({ snapshot: false, cases: [], removedCaseIds: [], cursor: first.cursor });
  });

  it('sends a tombstone to the old collector and the case to the new one after a reassignment', async () => {
    const cursorA = (await pull(a.token)).cursor;
    const cursorB = (await pull(b.token)).cursor;
    await assignCases(context.database.db, [ids[1]!], b.id);
    const forA = await pull(a.token, cursorA);
    expect(forA.removedCaseIds).toEqual([ids[1]]);
    expect(forA.cases).toEqual([]);
    const forB = await pull(b.token, cursorB);
    expect(forB.cases.map((c) => c.id)).toEqual([ids[1]]);
    // The old collector can no longer read it at all.
    expect((await context.app.inject({ url: `/api/cases/${ids[1]!}`, headers: bearer(a.token) })).statusCode).toBe(404);
  });

  it('removes closed cases and sends changed amounts from a re-import', async () => {
    const cursor = (await pull(a.token)).cursor;
    await context.database.db.update(cases).set({ status: 'closed' }).where(eq(cases.id, ids[2]!));
    await context.app.inject({
      method: 'POST',
      url: '/api/cases/import',
      headers: bearer(dispatcherToken),
      payload: [caseRow(creditor, 'PULL-1', { amounts: { principal: 1, interest: 2, fees: 3 } })],
    });
    const delta = await pull(a.token, cursor);
    expect(delta.removedCaseIds).toEqual([ids[2]]);
    expect(delta.cases.map((c) => [c.id, c.totalOutstanding])).toEqual([[ids[0], 6]]);
  });

  it('pages through many changes with hasMore', async () => {
    const cursor = (await pull(a.token)).cursor;
    const db = context.database.db;
    for (let i = 0; i < 5; i++) await db.update(cases).set({ priority: 1 + i }).where(eq(cases.id, ids[0]!));
    const seen: string[] = [];
    let page = await context.app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=2`, headers: bearer(a.token) }).then((r) => r.json<PullResponse>());
    seen.push(...page.cases.map((c) => c.id));
    let rounds = 1;
    while (page.hasMore && rounds < 10) {
      page = await context.app.inject({ url: `/api/sync/pull?cursor=${page.cursor}&limit=2`, headers: bearer(a.token) }).then((r) => r.json<PullResponse>());
      seen.push(...page.cases.map((c) => c.id));
      rounds += 1;
    }
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(new Set(seen)).toEqual(new Set([ids[0]]));
    expect(page.cases.at(-1)?.priority ?? 5).toBe(5);
  });

  it('refuses a forged cursor and other roles', async () => {
    expect((await context.app.inject({ url: '/api/sync/pull?cursor=abc', headers: bearer(a.token) })).statusCode).toBe(400);
    expect((await context.app.inject({ url: '/api/sync/pull', headers: bearer(dispatcherToken) })).statusCode).toBe(403);
  });
});

describe('nudge', () => {
  it('tells the device over socket.io to pull when its cases change, and refuses sockets without a session', async () => {
    await context.app.listen({ port: 0, host: '127.0.0.1' });
    const address = context.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const intruder = connect(url, { path: socketPath, auth: { token: 'forged' }, transports: ['websocket'], reconnection: false });
    const refused = await new Promise<string>((resolve) => intruder.on('connect_error', (error) => resolve(error.message)));
    expect(refused).toBe('unauthorized');
    intruder.close();

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { path: socketPath, auth: { token: b.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const nudged = new Promise<string>((resolve) => socket.on('sync:nudge', (signal) => resolve(signal.reason)));
    await assignCases(context.database.db, [ids[3]!], b.id);
    expect(await nudged).toBe('cases');
    socket.close();
  });

  it('drops the sockets of a session that signs out and of a user who is disabled', async () => {
    const address = context.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const open = async (token: string) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { path: socketPath, auth: { token }, transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
      return socket;
    };
    const closed = (socket: Socket) => new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

    const signedOut = await open(a.token);
    const whenSignedOut = closed(signedOut);
    await context.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(a.token) });
    expect(await whenSignedOut).toBe('io server disconnect');

    const admin = await signedInUser(context.app, context.database.db, 'admin');
    const disabled = await open(b.token);
    const whenDisabled = closed(disabled);
    await context.app.inject({ method: 'PATCH', url: `/api/users/${b.id}`, headers: bearer(admin.token), payload: { disabled: true } });
    expect(await whenDisabled).toBe('io server disconnect');
  });

  it('relays an SOS to supervisors at once, exactly once however often it is pushed', async () => {
    const address = context.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const supervisor = await signedInUser(context.app, context.database.db, 'supervisor');
    const collector = await signedInUser(context.app, context.database.db, 'collector');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { path: socketPath, auth: { token: supervisor.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const received: AlertSignal[] = [];
    socket.on('alert:raised', (alert) => received.push(alert));
    const sos = { id: uuidv7(), type: 'sos.raise', createdAt: new Date().toISOString(), sosId: uuidv7(), position: { lat: 41.8, lng: 123.4, accuracyM: 8 }, note: '对方情绪激动' };
    const body = { protocolVersion: 1, deviceId: 'device-sos', sentAt: new Date().toISOString(), mutations: [sos] };
    for (let i = 0; i < 2; i++) {
      const response = await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(collector.token), payload: body });
      expect(response.json<{ results: { status: string }[] }>().results[0]!.status).toBe('applied');
    }
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ alertId: sos.sosId, kind: 'sos', collectorId: collector.user.id, note: '对方情绪激动', position: { lat: 41.8, lng: 123.4, accuracyM: 8 } });
    socket.close();
  });
});
