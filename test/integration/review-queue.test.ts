// The review queue on a real database, with visits made by real pushes: most suspicious first,
// filters, keyset paging, team scope, who may reach it, and what a visit's review page says.
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewQueueItem, ReviewQueueResponse, VisitReview } from '../../shared/schemas/review.js';
import { buildApp } from '../../server/app.js';
import { auditLog } from '../../server/db/schema/index.js';
import { bearer, createTeam, signedInUser } from '../fixtures/factories.js';
import { minutesAfter, pushVisit, reviewCollector, type ReviewCollector } from '../fixtures/review.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let teamApp: FastifyInstance;
let supervisor: string;
let teamSupervisor: string;
let collectorA: ReviewCollector;
let collectorB: ReviewCollector;
const visits = {} as Record<'clean' | 'poorFix' | 'far' | 'underWay' | 'settlement' | 'otherTeam', string>;
const ten = '2026-11-23T02:00:00.000Z';

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  const [teamA, teamB] = [await createTeam(db), await createTeam(db)];
  supervisor = (await signedInUser(context.app, db, 'supervisor')).token;
  teamSupervisor = (await signedInUser(context.app, db, 'supervisor', { teamId: teamA.id })).token;
  collectorA = await reviewCollector(context, 5, teamA.id);
  collectorB = await reviewCollector(context, 2, teamB.id);
  // An hour apart: the cases are about a kilometre apart, a plausible ride.
  visits.clean = await pushVisit(context, collectorA, 0, { at: ten });
  visits.poorFix = await pushVisit(context, collectorA, 1, { at: minutesAfter(ten, 60), accuracyM: 180 });
  visits.far = await pushVisit(context, collectorA, 2, { at: minutesAfter(ten, 120), offsetLat: 0.0038, accuracyM: 35 });
  visits.underWay = await pushVisit(context, collectorA, 3, { at: minutesAfter(ten, 180), recorded: false });
  visits.settlement = await pushVisit(context, collectorA, 4, {
    at: minutesAfter(ten, 240),
    promise: { amount: 500_000, dueDate: '2026-12-20' },
  });
  visits.otherTeam = await pushVisit(context, collectorB, 0, { at: ten, offsetLat: 0.02 });
  // The same database seen by an app that keeps supervisors to their own team.
  teamApp = await buildApp({ config: { ...context.config, dispatchTeamScope: 'team' }, database: context.database });
  await teamApp.ready();
});
afterAll(async () => {
  await teamApp?.close();
  await context?.close();
});

const queue = async (query: string, token = supervisor, app = context.app) => {
  const response = await app.inject({ url: `/api/review/visits${query}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ReviewQueueResponse>();
};
const ids = (items: ReviewQueueItem[]) => items.map((item) => item.visitId);

describe('the review queue', () => {
  it('lists recorded visits not yet reviewed, most suspicious first, with risk badges', async () => {
    const page = await queue('');
    // Equal scores: the newer visit first (ids are UUIDv7). The visit still under way (no record yet) waits outside.
    expect(ids(page.visits)).toEqual([visits.otherTeam, visits.far, visits.poorFix, visits.settlement, visits.clean]);
    const byId = new Map(page.visits.map((v) => [v.visitId, v]));
    expect(byId.get(visits.otherTeam)).toMatchObject({
      risk: 'high',
      status: 'pending',
      flags: [{ code: 'far_from_address', severity: 'high' }],
    });
    expect(byId.get(visits.far)).toMatchObject({ risk: 'warning', flags: [{ code: 'far_from_address' }] });
    expect(byId.get(visits.poorFix)).toMatchObject({ risk: 'warning', flags: [{ code: 'poor_gps_accuracy' }] });
    expect(byId.get(visits.clean)).toMatchObject({ risk: 'none', flags: [], settlement: null, collector: { id: collectorA.userId } });
    expect(byId.get(visits.settlement)).toMatchObject({ settlement: 'pending', outcome: 'promise_to_pay' });
    const scores = page.visits.map((v) => v.evidenceScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('pages by keyset cursor without gaps or repeats', async () => {
    const all = ids((await queue('?limit=200')).visits);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ReviewQueueResponse = await queue(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.visits.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.visits));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('filters by collector, team, outcome and date', async () => {
    expect(ids((await queue(`?collectorId=${collectorB.userId}`)).visits)).toEqual([visits.otherTeam]);
    const teamB = (await queue('')).visits.find((v) => v.visitId === visits.otherTeam)!.collector.teamId!;
    expect(ids((await queue(`?teamId=${teamB}`)).visits)).toEqual([visits.otherTeam]);
    expect(ids((await queue('?outcome=promise_to_pay')).visits)).toEqual([visits.settlement]);
    expect((await queue('?outcome=met_debtor,promise_to_pay')).visits).toHaveLength(5);
    expect((await queue('?from=2026-11-23&to=2026-11-23')).visits).toHaveLength(5);
    expect((await queue('?from=2026-11-24')).visits).toHaveLength(0);
    expect((await queue('?to=2026-11-22')).visits).toHaveLength(0);
    expect((await queue('?status=accepted,rejected,revisit')).visits).toHaveLength(0);
  });

  it('keeps a team supervisor to their own team when teams are separated', async () => {
    const own = await queue('', teamSupervisor, teamApp);
    expect(ids(own.visits)).not.toContain(visits.otherTeam);
    expect(own.visits).toHaveLength(4);
    // Another team's visit is simply not there.
    for (const url of [`/api/review/visits/${visits.otherTeam}`, `/api/review/visits/${visits.otherTeam}/evidence-pack`]) {
      expect((await teamApp.inject({ url, headers: bearer(teamSupervisor) })).statusCode).toBe(404);
    }
    const verdict = await teamApp.inject({
      method: 'POST',
      url: `/api/review/visits/${visits.otherTeam}/verdict`,
      headers: bearer(teamSupervisor),
      payload: { verdict: 'accept' },
    });
    expect(verdict.statusCode).toBe(404);
    // Without team scope the same supervisor sees every team.
    expect(ids((await queue('', teamSupervisor)).visits)).toContain(visits.otherTeam);
  });

  it('refuses collectors and dispatchers every review route, and bad input with a 400', async () => {
    const { token: dispatcher } = await signedInUser(context.app, context.database.db, 'dispatcher');
    const visitId = visits.clean;
    const caseId = collectorA.cases[0]!.caseId;
    const routes: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }[] = [
      { method: 'GET', url: '/api/review/visits' },
      { method: 'GET', url: `/api/review/visits/${visitId}` },
      { method: 'POST', url: `/api/review/visits/${visitId}/verdict`, payload: { verdict: 'accept' } },
      { method: 'POST', url: `/api/review/visits/${visitId}/settlement`, payload: { decision: 'approve' } },
      { method: 'GET', url: `/api/review/visits/${visitId}/evidence-pack` },
      { method: 'GET', url: `/api/review/cases/${caseId}/evidence-pack` },
      { method: 'GET', url: '/api/review/complaints' },
      { method: 'POST', url: '/api/review/complaints', payload: { visitId, source: 'debtor', channel: 'phone', body: '态度恶劣' } },
      { method: 'PATCH', url: `/api/review/complaints/${visitId}`, payload: { status: 'investigating' } },
      { method: 'GET', url: '/api/review/supervisors' },
    ];
    for (const token of [collectorA.token, dispatcher]) {
      for (const route of routes) {
        const response = await context.app.inject({
          method: route.method,
          url: route.url,
          headers: bearer(token),
          ...(route.payload ? { payload: route.payload } : {}),
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      }
    }
    expect((await context.app.inject({ url: '/api/review/visits' })).statusCode).toBe(401);
    for (const query of [
      '?status=bogus',
      '?limit=0',
      '?from=2026-13-01',
      '?from=2026-11-24&to=2026-11-23',
      '?cursor=not-a-cursor',
      '?collectorId=x',
      '?extra=1',
    ]) {
      const response = await context.app.inject({ url: `/api/review/visits${query}`, headers: bearer(supervisor) });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ message: string }>().message.length).toBeGreaterThan(10);
    }
    expect((await context.app.inject({ url: '/api/review/visits/not-a-uuid', headers: bearer(supervisor) })).statusCode).toBe(400);
    expect((await context.app.inject({ url: `/api/review/visits/${caseId}`, headers: bearer(supervisor) })).statusCode).toBe(404);
  });
});

describe('a visit’s review', () => {
  it('shows the target, the check-in with its accuracy, the neighbouring check-ins, the timeline and the anomalies in words', async () => {
    const response = await context.app.inject({ url: `/api/review/visits/${visits.far}`, headers: bearer(supervisor) });
    expect(response.statusCode, response.body).toBe(200);
    const review = response.json<VisitReview>();
    expect(review.target).toMatchObject({ kind: 'home', ...collectorA.targets[2] });
    expect(review.checkIn).toMatchObject({ accuracyM: 35, at: minutesAfter(ten, 120) });
    expect(review.checkIn!.distanceM).toBeGreaterThan(400);
    expect(review.checkIn!.distanceM).toBeLessThan(440);
    const [anomaly] = review.anomalies;
    expect(anomaly?.text['zh-CN']).toMatch(/^签到点距家庭住址 4[0-3]\d 米（允许 150 米）；定位精度 35 米$/);
    expect(anomaly?.text.en).toMatch(/^Check-in 4[0-3]\d m from the home address \(allowed: 150 m\); GPS accuracy 35 m$/);
    expect(review.previousCheckIn).toMatchObject({ visitId: visits.poorFix, minutesApart: 60 });
    expect(review.nextCheckIn).toMatchObject({ visitId: visits.underWay, minutesApart: 60 });
    expect(review.timeline.map((event) => event.kind)).toEqual(['check_in', 'record', 'check_out']);
    expect(review.timeline.every((event) => event.kind === 'planned_arrival' || event.serverAt !== null)).toBe(true);
    expect(review.visit).toMatchObject({ outcome: 'met_debtor', notes: '本人在家，称近期失业', familySituation: { householdMembers: 3 } });
    expect(review.case.debtorIdNumberMasked).toContain('*');
    expect(review.review).toEqual({ status: 'pending', history: [], revisit: null });
    expect(review.mayDecide).toBe(true);
    const viewed = await context.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visit.review_view'), eq(auditLog.subjectId, visits.far)));
    expect(viewed).toHaveLength(1);
  });

  it('shows a settlement request beside the outstanding amount', async () => {
    const review = (
      await context.app.inject({ url: `/api/review/visits/${visits.settlement}`, headers: bearer(supervisor) })
    ).json<VisitReview>();
    expect(review.settlement).toEqual({ status: 'pending', amount: 500_000, totalOutstanding: 1_055_000, dueDate: '2026-12-20' });
    expect(review.visit.promise).toMatchObject({ kind: 'settlement_requested', amount: 500_000 });
  });
});
