// The dispatcher's day: each collector's home, last position and latest published route, with
// each stop's progress from the visits synced for that date.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchDay, PlanView } from '../../shared/schemas/dispatch.js';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import { users } from '../../server/db/schema/index.js';
import { recordPosition } from '../../server/realtime/positions.js';
import { bearer, createCreditor, signIn, signedInUser } from '../fixtures/factories.js';
import { base, createCollector, importCasesAt } from '../fixtures/dispatch.js';
import { checkIn, checkOut, morning, push, record } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

const serviceDate = '2026-11-23'; // `morning` (10:00 in Shanghai) is on this date
let context: TestContext;
let dispatcher: string;
let walker: { id: string; username: string };
let idle: { id: string; username: string };
let gone: { id: string };
let caseIds: string[];
let latest: PlanView;

const day = async (date = serviceDate, token = dispatcher) => {
  const response = await context.app.inject({ url: `/api/dispatch/day?date=${date}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<DispatchDay>();
};

async function planAndPublish(collectorIds: string[], cases: string[]): Promise<PlanView> {
  const planned = await context.app.inject({
    method: 'POST',
    url: '/api/dispatch/plans',
    headers: bearer(dispatcher),
    payload: { serviceDate, collectorIds, caseIds: cases, timeLimitS: 1 },
  });
  expect(planned.statusCode, planned.body).toBe(201);
  const view = planned.json<PlanView>();
  const published = await context.app.inject({
    method: 'POST',
    url: `/api/dispatch/plans/${view.id}/publish`,
    headers: bearer(dispatcher),
  });
  expect(published.statusCode, published.body).toBe(200);
  return view;
}

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  dispatcher = (await signedInUser(context.app, db, 'dispatcher')).token;
  walker = await createCollector(db);
  idle = await createCollector(db, { home: { lat: base.lat + 0.01, lng: base.lng + 0.01 } });
  gone = await createCollector(db);
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
  const creditor = (await createCreditor(db)).code;
  caseIds = await importCasesAt(
    context.app,
    db,
    dispatcher,
    creditor,
    Array.from({ length: 4 }, (_, i) => ({ lat: base.lat + 0.003 * i, lng: base.lng + 0.002 })),
  );
  // Two publications for the day: the later one is the route that counts.
  await planAndPublish([walker.id], caseIds.slice(0, 3));
  latest = await planAndPublish([walker.id], [caseIds[0]!, caseIds[1]!, caseIds[3]!]);
  await recordPosition(db, { collectorId: walker.id, lat: 41.8, lng: 123.41, accuracyM: 8, at: '2026-11-23T01:55:00.000Z' });
});
afterAll(async () => context?.close());

describe('the dispatcher’s day', () => {
  it('lists every active collector with home and last position, and the latest route in order', async () => {
    const view = await day();
    expect(view.serviceDate).toBe(serviceDate);
    expect(view.collectors.map((c) => c.id).sort()).toEqual([walker.id, idle.id].sort());
    const mine = view.collectors.find((c) => c.id === walker.id)!;
    expect(mine.home).toEqual(base);
    expect(mine.lastPosition).toEqual({ lat: 41.8, lng: 123.41, accuracyM: 8, at: '2026-11-23T01:55:00.000Z' });
    const planned = latest.routes.find((r) => r.collectorId === walker.id)!.stops;
    expect(mine.route?.stops.map((s) => s.caseId)).toEqual(planned.map((s) => s.caseId));
    expect(mine.route?.stops.map((s) => s.sequence)).toEqual([1, 2, 3]);
    expect(mine.route?.stops.map((s) => s.plannedArrival)).toEqual(planned.map((s) => s.arrival));
    expect(mine.route?.stops[0]).toMatchObject({
      debtorName: planned[0]!.debtorName,
      lat: planned[0]!.lat,
      lng: planned[0]!.lng,
      checkIn: null,
      outcome: null,
    });
    // Nothing visited yet: the first stop is where the collector is heading.
    expect(mine.route?.stops.map((s) => s.state)).toEqual(['current', 'remaining', 'remaining']);
    const other = view.collectors.find((c) => c.id === idle.id)!;
    expect(other).toMatchObject({ lastPosition: null, route: null, home: { lat: base.lat + 0.01, lng: base.lng + 0.01 } });
  });

  it('shows each stop done, current or remaining from the visits synced for that date', async () => {
    const token = await signIn(context.app, walker.username);
    const address = async (caseId: string) =>
      (await context.app.inject({ url: `/api/cases/${caseId}`, headers: bearer(token) })).json<CaseDetail>().addresses[0]!.id;
    const order = latest.routes[0]!.stops.map((s) => s.caseId);
    const [first, second, third] = order as [string, string, string];
    const done = checkIn(first, await address(first));
    const visitId = (done as { visitId: string }).visitId;
    const atDoor = checkIn(third, await address(third), { lat: 41.801, lng: 123.402 });
    // A check-in the day before does not count for this day.
    const dayBefore = checkIn(second, await address(second), { at: '2026-11-22T02:00:00.000Z' });
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(token),
      payload: push([done, record(first, await address(first), visitId), checkOut(first, visitId), atDoor, dayBefore]),
    });
    expect(response.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);

    const stops = (await day()).collectors.find((c) => c.id === walker.id)!.route!.stops;
    expect(stops.map((s) => s.state)).toEqual(['done', 'remaining', 'current']);
    expect(stops[0]).toMatchObject({ outcome: 'met_debtor', checkIn: { lat: 41.79, lng: 123.4, at: morning } });
    expect(stops[1]).toMatchObject({ outcome: null, checkIn: null });
    expect(stops[2]).toMatchObject({ outcome: null, checkIn: { lat: 41.801, lng: 123.402, at: morning } });

    const before = (await day('2026-11-22')).collectors.find((c) => c.id === walker.id)!;
    expect(before.route).toBeNull();
  });

  it('refuses collectors, and a date that is not one', async () => {
    const collector = await signIn(context.app, idle.username);
    expect((await context.app.inject({ url: `/api/dispatch/day?date=${serviceDate}`, headers: bearer(collector) })).statusCode).toBe(403);
    expect((await context.app.inject({ url: '/api/dispatch/day?date=tomorrow', headers: bearer(dispatcher) })).statusCode).toBe(400);
    expect((await context.app.inject({ url: '/api/dispatch/day', headers: bearer(dispatcher) })).statusCode).toBe(400);
    const supervisor = await signedInUser(context.app, context.database.db, 'supervisor');
    expect((await context.app.inject({ url: `/api/dispatch/day?date=${serviceDate}`, headers: bearer(supervisor.token) })).statusCode).toBe(
      200,
    );
  });
});
