// 'dispatch:changed' tells dispatchers to refetch when a route is published, cases are reassigned
// or a visit arrives; a collector's socket hears only what is addressed to that collector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { bearer, createCreditor, signIn, signedInUser } from '../fixtures/factories.js';
import { base, type ClientSocket, collect, createCollector, importCasesAt, openSocket, quietly, serverUrl } from '../fixtures/dispatch.js';
import { checkIn, push, record } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let dispatcher: string;
let url: string;
let first: { id: string; username: string };
let second: { id: string; username: string };
let caseIds: string[];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  dispatcher = (await signedInUser(context.app, db, 'dispatcher')).token;
  first = await createCollector(db);
  second = await createCollector(db);
  const creditor = (await createCreditor(db)).code;
  caseIds = await importCasesAt(
    context.app,
    db,
    dispatcher,
    creditor,
    Array.from({ length: 4 }, (_, i) => ({ lat: base.lat + 0.002 * i, lng: base.lng })),
  );
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  url = serverUrl(context.app);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await context?.close();
});

describe('dispatch:changed', () => {
  it('reaches dispatchers when a plan is published, one signal per route', async () => {
    const watching = await openSocket(url, dispatcher, sockets);
    const changes = collect(watching, 'dispatch:changed');
    const planned = await context.app.inject({
      method: 'POST',
      url: '/api/dispatch/plans',
      headers: bearer(dispatcher),
      payload: { serviceDate: '2026-11-23', collectorIds: [first.id], caseIds: caseIds.slice(0, 2), timeLimitS: 1 },
    });
    const view = planned.json<PlanView>();
    expect(changes).toEqual([]);
    const published = await context.app.inject({
      method: 'POST',
      url: `/api/dispatch/plans/${view.id}/publish`,
      headers: bearer(dispatcher),
    });
    expect(published.statusCode, published.body).toBe(200);
    await expect.poll(() => changes.length).toBe(1);
    await quietly();
    expect(changes).toEqual([{ reason: 'route', caseIds: view.routes[0]!.stops.map((s) => s.caseId), collectorId: first.id }]);
  });

  it('reaches dispatchers when cases are reassigned', async () => {
    const watching = await openSocket(url, dispatcher, sockets);
    const changes = collect(watching, 'dispatch:changed');
    const moved = await context.app.inject({
      method: 'POST',
      url: '/api/dispatch/assignments',
      headers: bearer(dispatcher),
      payload: { caseIds: [caseIds[0]!], collectorId: second.id },
    });
    expect(moved.statusCode).toBe(200);
    await expect.poll(() => changes).toEqual([{ reason: 'assignment', caseIds: [caseIds[0]], collectorId: second.id }]);
  });

  it('reaches dispatchers, not collectors, when a collector’s push applies a visit', async () => {
    const watching = await openSocket(url, dispatcher, sockets);
    const changes = collect(watching, 'dispatch:changed');
    const token = await signIn(context.app, first.username);
    const bystander = await openSocket(url, await signIn(context.app, second.username), sockets);
    const overheard = collect(bystander, 'dispatch:changed');
    const caseId = caseIds[1]!;
    const addressId = (await context.app.inject({ url: `/api/cases/${caseId}`, headers: bearer(token) })).json<CaseDetail>().addresses[0]!
      .id;
    const arrived = checkIn(caseId, addressId);
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(token),
      payload: push([arrived, record(caseId, addressId, (arrived as { visitId: string }).visitId)]),
    });
    expect(response.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await expect.poll(() => changes.length).toBe(1);
    await quietly();
    // One push, one signal, however many of its mutations touched the visit.
    expect(changes).toEqual([{ reason: 'visit', caseIds: [caseId], collectorId: first.id }]);
    expect(overheard).toEqual([]);
  });
});

describe('a collector’s socket', () => {
  it('hears its own nudges and never another collector’s, nor the dispatchers’ signals', async () => {
    const mine = await openSocket(url, await signIn(context.app, first.username), sockets);
    const theirs = await openSocket(url, await signIn(context.app, second.username), sockets);
    const nudges = { mine: collect(mine, 'sync:nudge'), theirs: collect(theirs, 'sync:nudge') };
    const overheard = [
      ...[mine, theirs].map((s) => collect(s, 'dispatch:changed')),
      ...[mine, theirs].map((s) => collect(s, 'collector:position')),
    ];
    await assignCases(context.database.db, [caseIds[3]!], first.id);
    await expect.poll(() => nudges.mine.length).toBe(1);
    const answer = (await theirs.emitWithAck('position:update', { lat: 41.8, lng: 123.4, accuracyM: 5 })) as { accepted: boolean };
    expect(answer.accepted).toBe(true);
    const moved = await context.app.inject({
      method: 'POST',
      url: '/api/dispatch/assignments',
      headers: bearer(dispatcher),
      payload: { caseIds: [caseIds[2]!], collectorId: first.id },
    });
    expect(moved.statusCode).toBe(200);
    await expect.poll(() => nudges.mine.length).toBe(2);
    await quietly();
    expect(nudges.theirs).toEqual([]);
    expect(overheard.flat()).toEqual([]);
  });
});
