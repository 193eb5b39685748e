// Verdicts and settlement decisions on a real database: reasons required, nobody decides on their
// own visit, a decided visit changes only explicitly, a revisit puts the case back in the dispatch
// pool with its reason where dispatchers see it, every decision audited.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResponse } from '../../shared/schemas/cases.js';
import type { MapMarkers } from '../../shared/schemas/dispatch.js';
import type { DecisionResponse, ReviewQueueResponse, VisitReview } from '../../shared/schemas/review.js';
import { auditLog, cases, users } from '../../server/db/schema/index.js';
import { bearer, signedInUser, signIn } from '../fixtures/factories.js';
import { minutesAfter, pushVisit, reviewCollector, type ReviewCollector } from '../fixtures/review.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let supervisor: string;
let secondSupervisor: string;
let dispatcher: string;
let collector: ReviewCollector;
const ten = '2026-11-23T02:00:00.000Z';

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  supervisor = (await signedInUser(context.app, db, 'supervisor')).token;
  secondSupervisor = (await signedInUser(context.app, db, 'admin')).token;
  dispatcher = (await signedInUser(context.app, db, 'dispatcher')).token;
  collector = await reviewCollector(context, 8);
});
afterAll(async () => context?.close());

let slot = 0;
/** A recorded visit of the collector's next case, an hour after the previous one. */
const visit = (options: Parameters<typeof pushVisit>[3] = {}) => {
  const index = slot++;
  return pushVisit(context, collector, index, { at: minutesAfter(ten, index * 60), ...options });
};
const verdict = (visitId: string, payload: object, token = supervisor) =>
  context.app.inject({ method: 'POST', url: `/api/review/visits/${visitId}/verdict`, headers: bearer(token), payload });
const settlement = (visitId: string, payload: object, token = supervisor) =>
  context.app.inject({ method: 'POST', url: `/api/review/visits/${visitId}/settlement`, headers: bearer(token), payload });
const reviewOf = async (visitId: string) =>
  (await context.app.inject({ url: `/api/review/visits/${visitId}`, headers: bearer(supervisor) })).json<VisitReview>();
const audits = (visitId: string) =>
  context.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'visit'), eq(auditLog.subjectId, visitId)));

describe('verdicts', () => {
  it('accepts once; a second verdict is 409 unless it names the one it replaces, with a reason', async () => {
    const visitId = await visit();
    const first = await verdict(visitId, { verdict: 'accept' });
    expect(first.statusCode, first.body).toBe(201);
    const accepted = first.json<DecisionResponse>().decision;
    expect(accepted).toMatchObject({ subject: 'evidence', decision: 'accepted', reason: null, current: true, replacesId: null });

    const again = await verdict(visitId, { verdict: 'reject', reason: '照片模糊' }, secondSupervisor);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toContain(accepted.id);
    expect((await verdict(visitId, { verdict: 'reject', replaces: accepted.id }, secondSupervisor)).statusCode).toBe(400);

    const changed = await verdict(visitId, { verdict: 'reject', reason: '复核发现照片为翻拍', replaces: accepted.id }, secondSupervisor);
    expect(changed.statusCode, changed.body).toBe(201);
    const rejected = changed.json<DecisionResponse>().decision;
    expect(rejected).toMatchObject({ decision: 'rejected', replacesId: accepted.id, current: true });
    // The replaced verdict is no longer the standing one.
    expect((await verdict(visitId, { verdict: 'accept', reason: '再改', replaces: accepted.id })).statusCode).toBe(409);

    const review = await reviewOf(visitId);
    expect(review.review.status).toBe('rejected');
    expect(review.review.history.map((d) => [d.decision, d.current])).toEqual([
      ['accepted', false],
      ['rejected', true],
    ]);
    const actions = (await audits(visitId)).map((row) => row.action);
    expect(actions).toContain('review.verdict');
    expect(actions).toContain('review.verdict_change');
    const queue = (
      await context.app.inject({ url: '/api/review/visits?status=rejected', headers: bearer(supervisor) })
    ).json<ReviewQueueResponse>();
    expect(queue.visits.map((v) => v.visitId)).toContain(visitId);
    expect(queue.visits.find((v) => v.visitId === visitId)?.status).toBe('rejected');
  });

  it('needs a reason to reject or to ask for a revisit, and refuses unknown verdicts', async () => {
    const visitId = await visit();
    for (const payload of [
      { verdict: 'reject' },
      { verdict: 'reject', reason: '   ' },
      { verdict: 'revisit' },
      { verdict: 'maybe' },
      { verdict: 'accept', extra: 1 },
      {},
    ]) {
      const response = await verdict(visitId, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await audits(visitId)).filter((row) => row.action.startsWith('review.'))).toHaveLength(0);
    expect((await verdict('0190d5c4-0000-7000-8000-000000000000', { verdict: 'accept' })).statusCode).toBe(404);
  });

  it('refuses a verdict on a visit whose record has not arrived', async () => {
    const visitId = await visit({ recorded: false });
    expect((await verdict(visitId, { verdict: 'accept' })).statusCode).toBe(409);
  });

  it('lets two supervisors deciding at once land exactly one verdict', async () => {
    const visitId = await visit();
    const answers = await Promise.all([
      verdict(visitId, { verdict: 'accept' }),
      verdict(visitId, { verdict: 'reject', reason: '定位异常' }, secondSupervisor),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect((await reviewOf(visitId)).review.history).toHaveLength(1);
  });

  it('sends the case back to the dispatch pool for a revisit, with the reason dispatchers see', async () => {
    const visitId = await visit({ offsetLat: 0.0038 });
    const caseId = collector.cases[slot - 1]!.caseId;
    const response = await verdict(visitId, { verdict: 'revisit', reason: '签到点偏离住址，请重新上门核实' });
    expect(response.statusCode, response.body).toBe(201);
    const { revisit } = response.json<DecisionResponse>();
    expect(revisit).toMatchObject({ visitId, reason: '签到点偏离住址，请重新上门核实', status: 'open' });

    const [held] = await context.database.db
      .select({ status: cases.status, collector: cases.assignedCollectorId })
      .from(cases)
      .where(eq(cases.id, caseId));
    expect(held).toEqual({ status: 'received', collector: null });
    // The dispatcher's case list and detail carry the flag and the reason; the map shows the case in the pool.
    const pool = (
      await context.app.inject({ url: '/api/cases?assignedCollectorId=none&limit=500', headers: bearer(dispatcher) })
    ).json<CaseListResponse>();
    expect(pool.cases.find((c) => c.id === caseId)?.revisit).toMatchObject({ reason: '签到点偏离住址，请重新上门核实', visitId });
    const detail = (await context.app.inject({ url: `/api/cases/${caseId}`, headers: bearer(dispatcher) })).json<CaseDetail>();
    expect(detail.revisit?.reason).toBe('签到点偏离住址，请重新上门核实');
    const markers = (
      await context.app.inject({ url: '/api/map/cases?bbox=123,41,124,42', headers: bearer(dispatcher) })
    ).json<MapMarkers>();
    expect(markers.ids).toContain(caseId);
    expect(pool.cases.find((c) => c.id !== caseId)?.revisit ?? null).toBeNull();
    // The collector's device no longer holds the case.
    expect((await context.app.inject({ url: `/api/cases/${caseId}`, headers: bearer(collector.token) })).statusCode).toBe(404);
    expect((await audits(visitId)).find((row) => row.action === 'review.verdict')?.detail).toMatchObject({
      decision: 'revisit',
      revisitId: revisit!.id,
    });

    // Changed to accepted: the request is withdrawn and the case no longer shows it.
    const decision = response.json<DecisionResponse>().decision;
    expect(
      (await verdict(visitId, { verdict: 'accept', reason: '经电话核实，地址无误', replaces: decision.id }, secondSupervisor)).statusCode,
    ).toBe(201);
    expect((await reviewOf(visitId)).review.revisit?.status).toBe('cancelled');
    const after = (await context.app.inject({ url: `/api/cases/${caseId}`, headers: bearer(dispatcher) })).json<CaseDetail>();
    expect(after.revisit).toBeNull();
  });

  it('never lets anyone decide on a visit of their own', async () => {
    const db = context.database.db;
    const visitId = await visit({ promise: { amount: 300_000, dueDate: '2026-12-31' } });
    // The collector became a supervisor: still not the one to judge their own visit or approve their own request.
    await db.update(users).set({ role: 'supervisor' }).where(eq(users.id, collector.userId));
    const promoted = await signIn(context.app, collector.username);
    try {
      expect((await reviewOf(visitId)).mayDecide).toBe(true);
      const own = (await context.app.inject({ url: `/api/review/visits/${visitId}`, headers: bearer(promoted) })).json<VisitReview>();
      expect(own.mayDecide).toBe(false);
      expect((await verdict(visitId, { verdict: 'accept' }, promoted)).statusCode).toBe(403);
      expect((await settlement(visitId, { decision: 'approve' }, promoted)).statusCode).toBe(403);
    } finally {
      await db.update(users).set({ role: 'collector' }).where(eq(users.id, collector.userId));
      collector.token = await signIn(context.app, collector.username);
    }
    expect((await settlement(visitId, { decision: 'approve' })).statusCode).toBe(201);
  });
});

describe('settlement requests', () => {
  it('are approved or refused once by another person, refusals with a reason, each audited', async () => {
    const visitId = await visit({ promise: { amount: 400_000, dueDate: '2026-12-31' } });
    expect((await settlement(visitId, { decision: 'refuse' })).statusCode).toBe(400);
    const refused = await settlement(visitId, { decision: 'refuse', reason: '减免幅度超出授权' });
    expect(refused.statusCode, refused.body).toBe(201);
    expect((await settlement(visitId, { decision: 'approve' }, secondSupervisor)).statusCode).toBe(409);
    const id = refused.json<DecisionResponse>().decision.id;
    expect((await settlement(visitId, { decision: 'approve', reason: '债权方同意', replaces: id }, secondSupervisor)).statusCode).toBe(201);
    const review = await reviewOf(visitId);
    expect(review.settlement?.status).toBe('approved');
    // The evidence verdict is a separate decision.
    expect(review.review.status).toBe('pending');
    const actions = (await audits(visitId)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['review.settlement', 'review.settlement_change']));
    const queue = (await context.app.inject({ url: '/api/review/visits', headers: bearer(supervisor) })).json<ReviewQueueResponse>();
    expect(queue.visits.find((v) => v.visitId === visitId)?.settlement).toBe('approved');
  });

  it('are only for visits that ask for one', async () => {
    const visitId = await visit();
    expect((await settlement(visitId, { decision: 'approve' })).statusCode).toBe(409);
  });
});
