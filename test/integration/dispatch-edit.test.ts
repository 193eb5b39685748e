// Hand edits of a draft plan: every edit re-times the routes it touches with the planner's travel
// model, and a plan with a stop past its visiting window is not published.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanEdit, PlanView } from '../../shared/schemas/dispatch.js';
import { zonedInstant } from '../../shared/zoned-time.js';
import { auditLog } from '../../server/db/schema/index.js';
import { straightLineSeconds } from '../../server/routing/testing/travel.js';
import { bearer, createCreditor, signedInUser } from '../fixtures/factories.js';
import { base, createCollector, importCasesAt } from '../fixtures/dispatch.js';
import { createTestContext, type TestContext } from '../helper.js';

const serviceDate = '2026-12-01';
const zone = 'Asia/Shanghai';
const at = (clock: string) => zonedInstant(serviceDate, Number(clock.slice(0, 2)) * 3600 + Number(clock.slice(3, 5)) * 60, zone).getTime();
// The evening collector lives ~3.3 km out and starts at 20:30: too late for any visit to start by 20:40.
const eveningHome = { lat: base.lat + 0.03, lng: base.lng };

let context: TestContext;
let dispatcher: string;
let day: string;
let evening: string;
let outsider: string;
let caseIds: string[];
let plan: PlanView;

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  dispatcher = (await signedInUser(context.app, db, 'dispatcher')).token;
  day = (await createCollector(db)).id;
  const second = (await createCollector(db)).id;
  evening = (await createCollector(db, { home: eveningHome, shiftStart: '20:30', shiftEnd: '23:00' })).id;
  outsider = (await createCollector(db)).id;
  const creditor = (await createCreditor(db)).code;
  caseIds = await importCasesAt(
    context.app,
    db,
    dispatcher,
    creditor,
    Array.from({ length: 6 }, (_, i) => ({ lat: base.lat + 0.004 * (i % 3), lng: base.lng + 0.005 * Math.floor(i / 3) + 0.002 })),
  );
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/dispatch/plans',
    headers: bearer(dispatcher),
    payload: { serviceDate, collectorIds: [day, second, evening], caseIds, timeLimitS: 1 },
  });
  expect(response.statusCode, response.body).toBe(201);
  plan = response.json<PlanView>();
});
afterAll(async () => context?.close());

const edit = (body: PlanEdit | Record<string, unknown>, id = plan.id, token = dispatcher) =>
  context.app.inject({ method: 'PATCH', url: `/api/dispatch/plans/${id}`, headers: bearer(token), payload: body });
async function edited(body: PlanEdit): Promise<PlanView> {
  const response = await edit(body);
  expect(response.statusCode, response.body).toBe(200);
  plan = response.json<PlanView>();
  return plan;
}
const routeOf = (view: PlanView, collectorId: string) => view.routes.find((r) => r.collectorId === collectorId)!;
const busiest = (view: PlanView) => [...view.routes].sort((a, b) => b.stops.length - a.stops.length)[0]!;
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Every stop starts at the door or when its window opens, after the previous one and the ride between. */
function expectTimed(route: PlanView['routes'][number], home: { lat: number; lng: number }, shiftStart: string) {
  let free = at(shiftStart) / 1000;
  let here = home;
  let travel = 0;
  for (const stop of route.stops) {
    const ride = straightLineSeconds(here, stop, 'ebike');
    const atDoor = free + ride;
    expect(seconds(stop.arrival)).toBeGreaterThanOrEqual(Math.floor(atDoor) - 1);
    // Waiting only ever happens for a window to open (08:00 or 14:00 at home).
    if (seconds(stop.arrival) > atDoor + 1) expect([at('08:00') / 1000, at('14:00') / 1000]).toContain(seconds(stop.arrival));
    expect(seconds(stop.departure) - seconds(stop.arrival)).toBe(20 * 60);
    free = seconds(stop.departure);
    travel += ride;
    here = stop;
  }
  if (route.stops.length > 0) travel += straightLineSeconds(here, home, 'ebike');
  expect(Math.abs(route.travelSeconds - travel)).toBeLessThanOrEqual(1);
}

describe('a draft plan', () => {
  it('lists every chosen collector, the evening one with an empty route', () => {
    expect(plan.routes.map((r) => r.collectorId).sort()).toEqual(
      [day, plan.routes.find((r) => r.collectorId !== day && r.collectorId !== evening)!.collectorId, evening].sort(),
    );
    expect(routeOf(plan, evening).stops).toEqual([]);
    expect(plan.routes.flatMap((r) => r.stops)).toHaveLength(6);
  });

  it('moves a stop to another collector, re-timing both routes', async () => {
    const source = busiest(plan);
    const target = plan.routes.find((r) => r.collectorId !== source.collectorId && r.collectorId !== evening)!;
    const moved = source.stops[0]!;
    const view = await edited({ op: 'move', caseId: moved.caseId, collectorId: target.collectorId, position: 0 });

    const from = routeOf(view, source.collectorId);
    const to = routeOf(view, target.collectorId);
    expect(from.stops.map((s) => s.caseId)).toEqual(source.stops.slice(1).map((s) => s.caseId));
    expect(to.stops.map((s) => s.caseId)).toEqual([moved.caseId, ...target.stops.map((s) => s.caseId)]);
    expectTimed(from, base, '08:30');
    expectTimed(to, base, '08:30');
    // Both routes now start from home with a new first leg.
    expect(seconds(from.stops[0]!.arrival)).toBeCloseTo(at('08:30') / 1000 + straightLineSeconds(base, from.stops[0]!, 'ebike'), 0);
    expect(seconds(to.stops[0]!.arrival)).toBeCloseTo(at('08:30') / 1000 + straightLineSeconds(base, moved, 'ebike'), 0);
    expect(view.travelSeconds).toBe(view.routes.reduce((sum, r) => sum + r.travelSeconds, 0));
    expect(view.servedValuePct).toBe(100);

    const stored = (await context.app.inject({ url: `/api/dispatch/plans/${plan.id}`, headers: bearer(dispatcher) })).json<PlanView>();
    expect(stored).toEqual(view);
    const audits = await context.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'plan.edit'), eq(auditLog.subjectId, plan.id)));
    expect(audits.map((a) => a.detail)).toContainEqual({ op: 'move', caseId: moved.caseId, collectorId: target.collectorId, position: 0 });
  });

  it('reorders within a route, putting a position past the end at the end', async () => {
    const route = busiest(plan);
    expect(route.stops.length).toBeGreaterThanOrEqual(3);
    const [first, ...rest] = route.stops.map((s) => s.caseId);
    const view = await edited({ op: 'move', caseId: first!, collectorId: route.collectorId, position: 500 });
    const after = routeOf(view, route.collectorId);
    expect(after.stops.map((s) => s.caseId)).toEqual([...rest, first]);
    expectTimed(after, base, '08:30');
  });

  it('pins a stop without changing any time', async () => {
    const before = plan;
    const stop = busiest(plan).stops[1]!;
    const view = await edited({ op: 'pin', caseId: stop.caseId, pinned: true });
    const pinned = view.routes.flatMap((r) => r.stops).find((s) => s.caseId === stop.caseId)!;
    expect(pinned.pinned).toBe(true);
    expect(view.routes.map((r) => r.stops.map((s) => s.arrival))).toEqual(before.routes.map((r) => r.stops.map((s) => s.arrival)));
    expect(
      (await edited({ op: 'pin', caseId: stop.caseId, pinned: false })).routes
        .flatMap((r) => r.stops)
        .find((s) => s.caseId === stop.caseId)!.pinned,
    ).toBe(false);
  });

  it('removes a stop to the unserved list and puts it back', async () => {
    const route = busiest(plan);
    const removed = route.stops[1]!;
    const view = await edited({ op: 'remove', caseId: removed.caseId });
    expect(view.unserved).toContainEqual({ caseId: removed.caseId, reason: 'removed_by_dispatcher' });
    expect(routeOf(view, route.collectorId).stops.map((s) => s.caseId)).not.toContain(removed.caseId);
    expect(view.servedValuePct).toBeLessThan(100);
    expectTimed(routeOf(view, route.collectorId), base, '08:30');

    const other = view.routes.find((r) => r.collectorId !== route.collectorId && r.collectorId !== evening)!;
    const back = await edited({ op: 'move', caseId: removed.caseId, collectorId: other.collectorId, position: 1 });
    expect(back.unserved.map((u) => u.caseId)).not.toContain(removed.caseId);
    const returned = routeOf(back, other.collectorId).stops;
    expect(returned[Math.min(1, returned.length - 1)]!.caseId).toBe(removed.caseId);
    expect(returned.find((s) => s.caseId === removed.caseId)).toMatchObject({
      address: removed.address,
      addressId: removed.addressId,
      pinned: false,
      lateSeconds: 0,
    });
    expectTimed(routeOf(back, other.collectorId), base, '08:30');
    expect(back.servedValuePct).toBe(100);
  });

  it('reports a stop past its window as late, and will not publish the plan until it is fixed', async () => {
    const stop = busiest(plan).stops[0]!;
    const home = busiest(plan).collectorId;
    const view = await edited({ op: 'move', caseId: stop.caseId, collectorId: evening, position: 0 });
    const late = routeOf(view, evening).stops[0]!;
    // A home visit must start by 20:40 to end by 21:00; this one starts at 20:30 plus the ride.
    const expected = at('20:30') / 1000 + straightLineSeconds(eveningHome, stop, 'ebike') - at('20:40') / 1000;
    expect(late.lateSeconds).toBeGreaterThan(0);
    expect(Math.abs(late.lateSeconds - expected)).toBeLessThanOrEqual(1);

    const refused = await context.app.inject({
      method: 'POST',
      url: `/api/dispatch/plans/${plan.id}/publish`,
      headers: bearer(dispatcher),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toMatch(/^One stop ends after the visiting window closes.*move, reorder or remove/);
    expect((await context.app.inject({ url: `/api/dispatch/plans/${plan.id}`, headers: bearer(dispatcher) })).json<PlanView>().status).toBe(
      'draft',
    );

    const fixed = await edited({ op: 'move', caseId: stop.caseId, collectorId: home, position: 0 });
    expect(fixed.routes.flatMap((r) => r.stops).every((s) => s.lateSeconds === 0)).toBe(true);
    const published = await context.app.inject({
      method: 'POST',
      url: `/api/dispatch/plans/${plan.id}/publish`,
      headers: bearer(dispatcher),
    });
    expect(published.statusCode, published.body).toBe(200);
    // The idle evening route is not sent to anyone.
    expect(published.json()).toEqual({ routes: fixed.routes.filter((r) => r.stops.length > 0).length, cases: 6 });
  });

  it('refuses to edit a published plan', async () => {
    const response = await edit({ op: 'pin', caseId: caseIds[0]!, pinned: true });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ message: string }>().message).toMatch(/already published/);
  });
});

describe('re-planning', () => {
  it('keeps each pinned case with its collector', async () => {
    const [second] = plan.routes.filter((r) => r.collectorId !== day && r.collectorId !== evening).map((r) => r.collectorId);
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/dispatch/plans',
      headers: bearer(dispatcher),
      payload: {
        serviceDate,
        collectorIds: [day, second],
        caseIds: caseIds.slice(0, 4),
        timeLimitS: 1,
        pins: [
          { caseId: caseIds[0], collectorId: second },
          { caseId: caseIds[1], collectorId: outsider },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json<PlanView>();
    const stops = view.routes.flatMap((r) => r.stops.map((s) => ({ ...s, collectorId: r.collectorId })));
    expect(stops.find((s) => s.caseId === caseIds[0])).toMatchObject({ collectorId: second, pinned: true });
    expect(view.unserved).toEqual([{ caseId: caseIds[1], reason: 'pinned_collector_unavailable' }]);
    expect(stops.filter((s) => s.pinned).map((s) => s.caseId)).toEqual([caseIds[0]]);
  });
});

describe('refusals', () => {
  let draft: PlanView;
  beforeAll(async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/dispatch/plans',
      headers: bearer(dispatcher),
      payload: { serviceDate, collectorIds: [day], caseIds: caseIds.slice(0, 2), timeLimitS: 1 },
    });
    draft = response.json<PlanView>();
  });
  const unknown = '01a20000-0000-7000-8000-000000000000';

  it('answers 404 for an unknown plan, a case outside the plan, and pinning a case on no route', async () => {
    expect((await edit({ op: 'remove', caseId: caseIds[0]! }, unknown)).statusCode).toBe(404);
    expect((await edit({ op: 'remove', caseId: caseIds[5]! }, draft.id)).statusCode).toBe(404);
    expect((await edit({ op: 'move', caseId: unknown, collectorId: day, position: 0 }, draft.id)).statusCode).toBe(404);
    // The second stop leaves its route; the first stays for the tests below.
    expect(draft.routes[0]!.stops).toHaveLength(2);
    const caseId = draft.routes[0]!.stops[1]!.caseId;
    expect((await edit({ op: 'remove', caseId }, draft.id)).statusCode).toBe(200);
    const pin = await edit({ op: 'pin', caseId, pinned: true }, draft.id);
    expect(pin.statusCode).toBe(404);
    expect(pin.json<{ message: string }>().message).toMatch(/not on any route/);
  });

  it('answers 422 for a collector who is not in the plan', async () => {
    const caseId = draft.routes[0]!.stops[0]!.caseId;
    for (const collectorId of [outsider, unknown]) {
      const response = await edit({ op: 'move', caseId, collectorId, position: 0 }, draft.id);
      expect(response.statusCode).toBe(422);
    }
    const after = (await context.app.inject({ url: `/api/dispatch/plans/${draft.id}`, headers: bearer(dispatcher) })).json<PlanView>();
    expect(after.routes[0]!.stops.map((s) => s.caseId)).toContain(caseId);
  });

  it('answers 400 for a bad body, changing nothing', async () => {
    const caseId = draft.routes[0]!.stops[0]!.caseId;
    const before = (await context.app.inject({ url: `/api/dispatch/plans/${draft.id}`, headers: bearer(dispatcher) })).json<PlanView>();
    for (const body of [
      { op: 'move', caseId, collectorId: day },
      { op: 'move', caseId, collectorId: day, position: -1 },
      { op: 'move', caseId, collectorId: day, position: 1.5 },
      { op: 'fly', caseId },
      { op: 'pin', caseId },
      { op: 'remove', caseId: 'not-a-uuid' },
      { op: 'remove', caseId, extra: true },
    ]) {
      const response = await edit(body, draft.id);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await edit({ op: 'remove', caseId }, 'not-a-plan')).statusCode).toBe(400);
    expect((await context.app.inject({ url: `/api/dispatch/plans/${draft.id}`, headers: bearer(dispatcher) })).json<PlanView>()).toEqual(
      before,
    );
  });

  it('is for dispatchers and admins', async () => {
    const caseId = draft.routes[0]!.stops[0]!.caseId;
    for (const role of ['collector', 'supervisor'] as const) {
      const { token } = await signedInUser(context.app, context.database.db, role);
      expect((await edit({ op: 'remove', caseId }, draft.id, token)).statusCode).toBe(403);
    }
    const admin = await signedInUser(context.app, context.database.db, 'admin');
    expect((await edit({ op: 'remove', caseId }, draft.id, admin.token)).statusCode).toBe(200);
  });
});
