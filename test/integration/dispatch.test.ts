import { asc, eq, inArray } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientToServerEvents, type ServerToClientEvents, socketPath } from '../../shared/events.js';
import type { MapMarkers, PlanView } from '../../shared/schemas/dispatch.js';
import { zonedInstant } from '../../shared/zoned-time.js';
import { insertUrgentCase } from '../../server/dispatch/urgent.service.js';
import type { PullResponse } from '../../shared/schemas/sync.js';
import { localClock } from '../../shared/conduct.js';
import { cases, users } from '../../server/db/schema/index.js';
import { seedDemo } from '../../server/demo/seed.js';
import { localDate, publishedRoutesOn } from '../../server/dispatch/routes.repository.js';
import { bearer, signIn } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let dispatcher: string;
let collectorIds: string[];
let caseIds: string[];
const today = localDate(new Date(), 'Asia/Shanghai');

beforeAll(async () => {
  context = await createTestContext();
  await seedDemo(context.database.db, { password: 'demo1234', timeZone: 'Asia/Shanghai' });
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  dispatcher = await signIn(context.app, 'dispatcher', 'demo1234');
  const db = context.database.db;
  collectorIds = (await db.select({ id: users.id }).from(users).where(inArray(users.username, ['collector1', 'collector2', 'collector3'])).orderBy(asc(users.username))).map((u) => u.id);
  caseIds = (await db.select({ id: cases.id }).from(cases).where(eq(cases.status, 'received')).orderBy(asc(cases.externalId)).limit(24)).map((c) => c.id);
});
afterAll(async () => context?.close());

const plan = (payload: object, token = dispatcher) => context.app.inject({ method: 'POST', url: '/api/dispatch/plans', headers: bearer(token), payload });

describe('planning a day', () => {
  let planId: string;

  it('plans routes inside visiting hours and shifts, reporting progress live', async () => {
    const address = context.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { path: socketPath, auth: { token: dispatcher }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const progress: number[] = [];
    socket.on('plan:progress', (signal) => progress.push(signal.servedValuePct));

    const response = await plan({ serviceDate: today, collectorIds, caseIds, timeLimitS: 2 });
    socket.close();
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json<PlanView>();
    planId = view.id;
    expect(view.status).toBe('draft');
    const planned = view.routes.flatMap((r) => r.stops.map((s) => s.caseId));
    expect(new Set(planned).size).toBe(planned.length);
    expect(planned.length + view.unserved.length).toBe(caseIds.length);
    expect(planned.length).toBeGreaterThan(10);
    for (const route of view.routes) {
      expect(collectorIds).toContain(route.collectorId);
      for (const stop of route.stops) {
        const start = localClock(new Date(stop.arrival), 'Asia/Shanghai');
        const end = localClock(new Date(stop.departure), 'Asia/Shanghai');
        expect(start >= '08:00' && end <= '21:00').toBe(true);
        expect(Date.parse(stop.arrival)).toBeGreaterThanOrEqual(Date.parse(stop.windowStart));
      }
      const times = route.stops.map((s) => Date.parse(s.arrival));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(progress.length).toBeGreaterThan(0);
  });

  it('publishes once: routes reach the collectors’ devices and the cases are theirs', async () => {
    const publish = await context.app.inject({ method: 'POST', url: `/api/dispatch/plans/${planId}/publish`, headers: bearer(dispatcher) });
    expect(publish.statusCode, publish.body).toBe(200);
    const view = (await context.app.inject({ url: `/api/dispatch/plans/${planId}`, headers: bearer(dispatcher) })).json<PlanView>();
    expect(view.status).toBe('published');
    expect(publish.json()).toEqual({ routes: view.routes.length, cases: view.routes.reduce((n, r) => n + r.stops.length, 0) });
    expect((await context.app.inject({ method: 'POST', url: `/api/dispatch/plans/${planId}/publish`, headers: bearer(dispatcher) })).statusCode).toBe(409);

    const first = view.routes[0]!;
    const username = (await context.database.db.select({ username: users.username }).from(users).where(eq(users.id, first.collectorId)))[0]!.username;
    const token = await signIn(context.app, username, 'demo1234');
    const pulled = (await context.app.inject({ url: '/api/sync/pull', headers: bearer(token) })).json<PullResponse>();
    expect(pulled.route?.stops.map((s) => s.caseId)).toEqual(first.stops.map((s) => s.caseId));
    expect(pulled.route?.serviceDate).toBe(today);
    const held = new Set(pulled.cases.map((c) => c.id));
    expect(first.stops.every((s) => held.has(s.caseId))).toBe(true);
  });

  it('refuses bad requests and other roles', async () => {
    expect((await plan({ serviceDate: 'tomorrow', collectorIds })).statusCode).toBe(400);
    expect((await plan({ serviceDate: today, collectorIds: [] })).statusCode).toBe(400);
    expect((await plan({ serviceDate: today, collectorIds: ['01a20000-0000-7000-8000-000000000000'], timeLimitS: 1 })).statusCode).toBe(404);
    expect((await plan({ serviceDate: today, collectorIds, timeLimitS: 999 })).statusCode).toBe(400);
    const collector = await signIn(context.app, 'collector5', 'demo1234');
    expect((await plan({ serviceDate: today, collectorIds, timeLimitS: 1 }, collector)).statusCode).toBe(403);
    expect((await context.app.inject({ url: '/api/dispatch/plans/01a20000-0000-7000-8000-000000000000', headers: bearer(dispatcher) })).statusCode).toBe(404);
  });

  it('inserts an urgent case into today’s published routes without touching the others', async () => {
    const [urgent] = await context.database.db.select({ id: cases.id }).from(cases).where(eq(cases.status, 'received')).orderBy(asc(cases.externalId)).limit(1);
    const before = await publishedRoutesOn(context.database.db, today);
    // At 07:00 on the planned day no stop has started yet, so the whole day is open to the new visit.
    const sevenOClock = zonedInstant(today, 7 * 3600, 'Asia/Shanghai');
    const [actor] = await context.database.db.select().from(users).where(eq(users.username, 'dispatcher'));
    const result = await insertUrgentCase(context.database.db, { ...actor!, role: 'dispatcher' }, urgent!.id, { timeZone: 'Asia/Shanghai', team: null, now: sevenOClock });
    if (!result.inserted) throw new Error(`not inserted: ${result.reason}`);

    const after = await publishedRoutesOn(context.database.db, today);
    const changed = after.find((r) => r.collectorId === result.collectorId)!;
    const previous = before.find((r) => r.collectorId === result.collectorId)!;
    expect(changed.stops.map((s) => s.caseId)).toEqual([...previous.stops.map((s) => s.caseId)].toSpliced(result.position, 0, urgent!.id));
    for (const other of after.filter((r) => r.collectorId !== result.collectorId)) {
      expect(other.id).toBe(before.find((r) => r.collectorId === other.collectorId)!.id);
    }
    const [stored] = await context.database.db.select().from(cases).where(eq(cases.id, urgent!.id));
    expect(stored).toMatchObject({ assignedCollectorId: result.collectorId, status: 'assigned' });
    const again = await context.app.inject({ method: 'POST', url: '/api/dispatch/urgent', headers: bearer(dispatcher), payload: { caseId: urgent!.id } });
    expect(again.statusCode).toBe(409);
  });

  it('reassigns cases: the new collector gets them, the old one loses them at the next pull', async () => {
    const [first, second] = collectorIds as [string, string];
    const [target] = await context.database.db.select({ id: cases.id }).from(cases).where(eq(cases.assignedCollectorId, first)).limit(1);
    const oldToken = await signIn(context.app, 'collector1', 'demo1234');
    const cursor = (await context.app.inject({ url: '/api/sync/pull', headers: bearer(oldToken) })).json<PullResponse>().cursor;
    const moved = await context.app.inject({ method: 'POST', url: '/api/dispatch/assignments', headers: bearer(dispatcher), payload: { caseIds: [target!.id], collectorId: second } });
    expect(moved.json()).toEqual({ assigned: 1, unassigned: 0 });
    const delta = (await context.app.inject({ url: `/api/sync/pull?cursor=${cursor}`, headers: bearer(oldToken) })).json<PullResponse>();
    expect(delta.removedCaseIds).toContain(target!.id);
    const pooled = await context.app.inject({ method: 'POST', url: '/api/dispatch/assignments', headers: bearer(dispatcher), payload: { caseIds: [target!.id], collectorId: null } });
    expect(pooled.json()).toEqual({ assigned: 0, unassigned: 1 });
    const unknown = await context.app.inject({ method: 'POST', url: '/api/dispatch/assignments', headers: bearer(dispatcher), payload: { caseIds: [target!.id], collectorId: '01a20000-0000-7000-8000-000000000000' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers map markers inside a box with only what a marker needs', async () => {
    const response = await context.app.inject({ url: '/api/map/cases?bbox=123.2,41.6,123.7,42.0', headers: bearer(dispatcher) });
    const markers = response.json<MapMarkers>();
    expect(markers.ids.length).toBeGreaterThan(200);
    expect(markers.lat).toHaveLength(markers.ids.length);
    expect(markers.truncated).toBe(false);
    expect(Object.keys(markers).sort()).toEqual(['assignedCollectorId', 'bucket', 'ids', 'lat', 'lng', 'priority', 'status', 'truncated']);
    const small = (await context.app.inject({ url: '/api/map/cases?bbox=123.2,41.6,123.7,42.0&limit=10', headers: bearer(dispatcher) })).json<MapMarkers>();
    expect(small).toMatchObject({ truncated: true });
    expect(small.ids).toHaveLength(10);
    expect((await context.app.inject({ url: '/api/map/cases?bbox=1,2,3', headers: bearer(dispatcher) })).statusCode).toBe(400);
    expect((await context.app.inject({ url: '/api/map/cases?bbox=0,95,1,96', headers: bearer(dispatcher) })).statusCode).toBe(400);
  });
});
