// DISPATCH_TEAM_SCOPE=team: a dispatcher or supervisor with a team sees and plans only their
// team's collectors (and the unassigned pool); admins and staff without a team see everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorSummary } from '../../shared/schemas/directory.js';
import type { DispatchDay, MapMarkers, PlanView } from '../../shared/schemas/dispatch.js';
import { zonedInstant } from '../../shared/zoned-time.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { localDate } from '../../server/dispatch/routes.repository.js';
import { insertUrgentCase } from '../../server/dispatch/urgent.service.js';
import { newId } from '../../server/ids.js';
import { bearer, createCreditor, createTeam, signIn, signedInUser } from '../fixtures/factories.js';
import { base, type ClientSocket, collect, createCollector, importCasesAt, openSocket, quietly, serverUrl } from '../fixtures/dispatch.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
const staff: Record<'a' | 'b' | 'all' | 'supervisorA' | 'admin', string> = { a: '', b: '', all: '', supervisorA: '', admin: '' };
let a1: { id: string; username: string };
let a2: { id: string; username: string };
let b1: { id: string; username: string };
/** 0, 1, 4, 5 unassigned; 2 held by a1; 3 held by b1. */
let caseIds: string[];
const sockets: ClientSocket[] = [];
const today = localDate(new Date(), 'Asia/Shanghai');

beforeAll(async () => {
  context = await createTestContext({ DISPATCH_TEAM_SCOPE: 'team' });
  const db = context.database.db;
  const teamA = (await createTeam(db)).id;
  const teamB = (await createTeam(db)).id;
  staff.a = (await signedInUser(context.app, db, 'dispatcher', { teamId: teamA })).token;
  staff.b = (await signedInUser(context.app, db, 'dispatcher', { teamId: teamB })).token;
  staff.all = (await signedInUser(context.app, db, 'dispatcher')).token;
  staff.supervisorA = (await signedInUser(context.app, db, 'supervisor', { teamId: teamA })).token;
  staff.admin = (await signedInUser(context.app, db, 'admin', { teamId: teamB })).token;
  a1 = await createCollector(db, { teamId: teamA });
  a2 = await createCollector(db, { teamId: teamA });
  b1 = await createCollector(db, { teamId: teamB });
  const creditor = (await createCreditor(db)).code;
  caseIds = await importCasesAt(
    context.app,
    db,
    staff.all,
    creditor,
    Array.from({ length: 6 }, (_, i) => ({ lat: base.lat + 0.002 * i, lng: base.lng })),
  );
  await assignCases(db, [caseIds[2]!], a1.id);
  await assignCases(db, [caseIds[3]!], b1.id);
  await context.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await context?.close();
});

const get = (url: string, token: string) => context.app.inject({ url, headers: bearer(token) });
const post = (url: string, token: string, payload: object) => context.app.inject({ method: 'POST', url, headers: bearer(token), payload });
const plan = (token: string, payload: object) => post('/api/dispatch/plans', token, { serviceDate: today, timeLimitS: 1, ...payload });

describe('with teams restricted', () => {
  it('lists only the own team’s collectors to a dispatcher or supervisor with a team', async () => {
    const ids = async (token: string) =>
      (await get('/api/collectors', token))
        .json<CollectorSummary[]>()
        .map((c) => c.id)
        .sort();
    expect(await ids(staff.a)).toEqual([a1.id, a2.id].sort());
    expect(await ids(staff.supervisorA)).toEqual([a1.id, a2.id].sort());
    expect(await ids(staff.b)).toEqual([b1.id]);
    expect(await ids(staff.all)).toEqual([a1.id, a2.id, b1.id].sort());
    expect(await ids(staff.admin)).toEqual([a1.id, a2.id, b1.id].sort());
    const day = async (token: string) =>
      (await get(`/api/dispatch/day?date=${today}`, token))
        .json<DispatchDay>()
        .collectors.map((c) => c.id)
        .sort();
    expect(await day(staff.a)).toEqual([a1.id, a2.id].sort());
    expect(await day(staff.all)).toEqual([a1.id, a2.id, b1.id].sort());
  });

  it('refuses to plan another team’s collectors or cases, and plans only the pool and the own team’s cases', async () => {
    const mixed = await plan(staff.a, { collectorIds: [a1.id, b1.id], caseIds: [caseIds[0]!] });
    expect(mixed.statusCode).toBe(403);
    expect(mixed.json<{ message: string }>().message).toMatch(/own team’s collectors.*one of those chosen is in another team/);
    const theirCase = await plan(staff.a, { collectorIds: [a1.id], caseIds: [caseIds[0]!, caseIds[3]!] });
    expect(theirCase.statusCode).toBe(403);
    expect(theirCase.json<{ message: string }>().message).toMatch(/held by another team’s collector/);

    const everyOpen = await plan(staff.a, { collectorIds: [a1.id, a2.id] });
    expect(everyOpen.statusCode, everyOpen.body).toBe(201);
    const view = everyOpen.json<PlanView>();
    const planned = [...view.routes.flatMap((r) => r.stops.map((s) => s.caseId)), ...view.unserved.map((u) => u.caseId)].sort();
    expect(planned).toEqual([caseIds[0]!, caseIds[1]!, caseIds[2]!, caseIds[4]!, caseIds[5]!].sort());
  });

  it('keeps another team’s plan from being read, edited or published', async () => {
    const theirs = await plan(staff.b, { collectorIds: [b1.id], caseIds: [caseIds[3]!, caseIds[4]!] });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const view = theirs.json<PlanView>();
    const caseId = view.routes[0]!.stops[0]!.caseId;
    const read = await get(`/api/dispatch/plans/${view.id}`, staff.a);
    expect(read.statusCode).toBe(403);
    expect(read.json<{ message: string }>().message).toMatch(/collectors of another team/);
    const edit = await context.app.inject({
      method: 'PATCH',
      url: `/api/dispatch/plans/${view.id}`,
      headers: bearer(staff.a),
      payload: { op: 'remove', caseId },
    });
    expect(edit.statusCode).toBe(403);
    expect((await post(`/api/dispatch/plans/${view.id}/publish`, staff.a, {})).statusCode).toBe(403);
    expect((await get(`/api/dispatch/plans/${view.id}`, staff.b)).json<PlanView>().routes[0]!.stops.map((s) => s.caseId)).toContain(caseId);
    expect((await get(`/api/dispatch/plans/${view.id}`, staff.all)).statusCode).toBe(200);

    // B publishes its day; A's urgent case has no route of A's team to go into.
    expect((await post(`/api/dispatch/plans/${view.id}/publish`, staff.b, {})).statusCode).toBe(200);
    const urgent = await post('/api/dispatch/urgent', staff.a, { caseId: caseIds[1]! });
    expect(urgent.statusCode).toBe(422);
    expect(urgent.json<{ message: string }>().message).toMatch(/No routes are published/);
    // At 07:00 the whole day is open, whenever the test runs; a dispatcher of every team reaches B's route.
    const sevenOClock = zonedInstant(today, 7 * 3600, 'Asia/Shanghai');
    const everyone = { id: newId(), username: 'x', displayName: 'x', role: 'dispatcher' as const, teamId: null };
    expect(
      await insertUrgentCase(context.database.db, everyone, caseIds[1]!, { timeZone: 'Asia/Shanghai', team: null, now: sevenOClock }),
    ).toMatchObject({ inserted: true, collectorId: b1.id });
  });

  it('shows the pool and the own team’s cases on the map', async () => {
    const markers = async (token: string) => (await get('/api/map/cases?bbox=123.3,41.7,123.5,41.9', token)).json<MapMarkers>().ids;
    const mine = await markers(staff.a);
    expect(mine).toContain(caseIds[0]);
    expect(mine).toContain(caseIds[2]);
    expect(mine).not.toContain(caseIds[3]);
    expect(await markers(staff.all)).toContain(caseIds[3]);
    expect(await markers(staff.b)).not.toContain(caseIds[2]);
  });

  it('lists and opens only the pool and the own team’s cases in the case table', async () => {
    const listed = async (token: string) => (await get('/api/cases?limit=100', token)).json<{ cases: { id: string; assignedCollectorId: string | null }[] }>().cases;
    // Earlier tests move cases around: what counts is who holds each one now.
    const everyone = await listed(staff.all);
    expect(everyone.map((c) => c.id)).toEqual(expect.arrayContaining(caseIds));
    const heldByB = everyone.filter((c) => c.assignedCollectorId === b1.id).map((c) => c.id);
    const heldByA = everyone.filter((c) => c.assignedCollectorId === a1.id || c.assignedCollectorId === a2.id).map((c) => c.id);
    expect(heldByB.length).toBeGreaterThan(0);
    expect(heldByA.length).toBeGreaterThan(0);
    const forA = (await listed(staff.a)).map((c) => c.id);
    expect(forA).toEqual(expect.arrayContaining(heldByA));
    for (const id of heldByB) expect(forA).not.toContain(id);
    for (const id of heldByB) expect((await listed(staff.supervisorA)).map((c) => c.id)).not.toContain(id);
    expect((await listed(staff.admin)).map((c) => c.id)).toEqual(expect.arrayContaining(heldByA));
    expect((await get(`/api/cases/${heldByB[0]}`, staff.a)).statusCode).toBe(404);
    expect((await get(`/api/cases/${heldByA[0]}`, staff.a)).statusCode).toBe(200);
    expect((await get(`/api/cases/${heldByA[0]}`, staff.b)).statusCode).toBe(404);
  });

  it('refuses assignments to or from another team’s collector', async () => {
    const toThem = await post('/api/dispatch/assignments', staff.a, { caseIds: [caseIds[5]!], collectorId: b1.id });
    expect(toThem.statusCode).toBe(403);
    const fromThem = await post('/api/dispatch/assignments', staff.a, { caseIds: [caseIds[3]!], collectorId: a1.id });
    expect(fromThem.statusCode).toBe(403);
    expect((await post('/api/dispatch/assignments', staff.a, { caseIds: [caseIds[3]!], collectorId: null })).statusCode).toBe(403);
  });

  it('sends positions and dispatch changes only to the staff watching that team', async () => {
    const url = serverUrl(context.app);
    const [a, b, all] = await Promise.all([
      openSocket(url, staff.a, sockets),
      openSocket(url, staff.b, sockets),
      openSocket(url, staff.all, sockets),
    ]);
    const positions = { a: collect(a, 'collector:position'), b: collect(b, 'collector:position'), all: collect(all, 'collector:position') };
    const changes = { a: collect(a, 'dispatch:changed'), b: collect(b, 'dispatch:changed'), all: collect(all, 'dispatch:changed') };
    for (const collector of [a1, b1]) {
      const socket = await openSocket(url, await signIn(context.app, collector.username), sockets);
      expect(await socket.emitWithAck('position:update', { lat: 41.8, lng: 123.4, accuracyM: 5 })).toEqual({ accepted: true });
    }
    await expect.poll(() => positions.all.length).toBe(2);
    await quietly();
    expect(positions.a.map((p) => p.collectorId)).toEqual([a1.id]);
    expect(positions.b.map((p) => p.collectorId)).toEqual([b1.id]);

    // From the pool to A's collector: A hears whose it became, B only that the pool changed.
    const moved = await post('/api/dispatch/assignments', staff.a, { caseIds: [caseIds[5]!], collectorId: a2.id });
    expect(moved.statusCode, moved.body).toBe(200);
    await expect.poll(() => changes.b.length).toBe(1);
    await quietly();
    expect(changes.a).toEqual([{ reason: 'assignment', caseIds: [caseIds[5]], collectorId: a2.id }]);
    expect(changes.all).toEqual([{ reason: 'assignment', caseIds: [caseIds[5]], collectorId: a2.id }]);
    expect(changes.b).toEqual([{ reason: 'assignment', caseIds: [caseIds[5]], collectorId: null }]);

    // Between A's own collectors: nobody else needs to know.
    expect((await post('/api/dispatch/assignments', staff.a, { caseIds: [caseIds[5]!], collectorId: a1.id })).statusCode).toBe(200);
    await expect.poll(() => changes.a.length).toBe(2);
    await quietly();
    expect(changes.b).toHaveLength(1);
    expect(changes.all).toHaveLength(2);
  });
});
