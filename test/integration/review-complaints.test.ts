// Complaints on a real database: recorded against a visit or a collector, assigned to a supervisor,
// moved forward only to a written resolution, shown beside the visit's evidence, team-scoped.
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignableSupervisor, Complaint, ComplaintListResponse } from '../../shared/schemas/complaints.js';
import type { VisitReview } from '../../shared/schemas/review.js';
import { buildApp } from '../../server/app.js';
import { auditLog } from '../../server/db/schema/index.js';
import { bearer, createTeam, signedInUser } from '../fixtures/factories.js';
import { pushVisit, reviewCollector, type ReviewCollector } from '../fixtures/review.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let teamApp: FastifyInstance;
let supervisor: { id: string; token: string };
let assignee: { id: string; token: string };
let otherTeamSupervisor: { id: string; token: string };
let collector: ReviewCollector;
let stranger: ReviewCollector;
let visitId: string;

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  const [teamA, teamB] = [await createTeam(db), await createTeam(db)];
  const as = async (teamId: string) => {
    const signed = await signedInUser(context.app, db, 'supervisor', { teamId });
    return { id: signed.user.id, token: signed.token };
  };
  supervisor = await as(teamA.id);
  assignee = await as(teamA.id);
  otherTeamSupervisor = await as(teamB.id);
  collector = await reviewCollector(context, 1, teamA.id);
  stranger = await reviewCollector(context, 1, teamB.id);
  visitId = await pushVisit(context, collector, 0);
  teamApp = await buildApp({ config: { ...context.config, dispatchTeamScope: 'team' }, database: context.database });
  await teamApp.ready();
});
afterAll(async () => {
  await teamApp?.close();
  await context?.close();
});

const create = (payload: object, token = supervisor.token, app = context.app) =>
  app.inject({ method: 'POST', url: '/api/review/complaints', headers: bearer(token), payload });
const change = (id: string, payload: object, token = supervisor.token, app = context.app) =>
  app.inject({ method: 'PATCH', url: `/api/review/complaints/${id}`, headers: bearer(token), payload });

describe('complaints', () => {
  it('go from open to investigating to resolved, shown beside the visit, every step audited', async () => {
    const created = await create({
      visitId,
      source: 'debtor',
      channel: 'phone',
      body: '外访员在邻居面前提及欠款',
      receivedAt: '2026-11-23T06:00:00+08:00',
    });
    expect(created.statusCode, created.body).toBe(201);
    const complaint = created.json<Complaint>();
    expect(complaint).toMatchObject({
      visitId,
      collector: { id: collector.userId },
      caseId: collector.cases[0]!.caseId,
      status: 'open',
      assignee: null,
      receivedAt: '2026-11-22T22:00:00.000Z',
    });

    // Investigation needs someone responsible; resolving needs an investigation and its outcome.
    expect((await change(complaint.id, { status: 'investigating' })).statusCode).toBe(422);
    expect((await change(complaint.id, { status: 'resolved', resolution: '已处理' })).statusCode).toBe(409);
    expect((await change(complaint.id, { status: 'resolved' })).statusCode).toBe(400);
    expect((await change(complaint.id, { assigneeId: collector.userId })).statusCode).toBe(422);

    const assigned = await change(complaint.id, { assigneeId: assignee.id, status: 'investigating' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json<Complaint>()).toMatchObject({ status: 'investigating', assignee: { id: assignee.id } });
    const mine = (
      await context.app.inject({ url: '/api/review/complaints?assigneeId=me', headers: bearer(assignee.token) })
    ).json<ComplaintListResponse>();
    expect(mine.complaints.map((c) => c.id)).toEqual([complaint.id]);

    const resolved = await change(
      complaint.id,
      { status: 'resolved', resolution: '调取录音核实，外访员未向第三方透露欠款；已向债务人解释并致歉。' },
      assignee.token,
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json<Complaint>()).toMatchObject({ status: 'resolved', resolvedBy: { id: assignee.id } });
    expect(resolved.json<Complaint>().resolvedAt).not.toBeNull();
    expect((await change(complaint.id, { assigneeId: supervisor.id })).statusCode).toBe(409);

    const review = (
      await context.app.inject({ url: `/api/review/visits/${visitId}`, headers: bearer(supervisor.token) })
    ).json<VisitReview>();
    expect(review.complaints.map((c) => [c.id, c.status])).toEqual([[complaint.id, 'resolved']]);
    const steps = await context.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'complaint'), eq(auditLog.subjectId, complaint.id)));
    expect(steps.map((s) => s.action)).toEqual(['complaint.create', 'complaint.update', 'complaint.update']);
  });

  it('can be about a collector in general, and then shows beside each of their visits', async () => {
    const created = await create({
      collectorId: collector.userId,
      source: 'creditor',
      channel: 'email',
      body: '多名客户反映该外访员迟到',
      assigneeId: assignee.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<Complaint>()).toMatchObject({ visitId: null, caseId: null, assignee: { id: assignee.id } });
    const review = (
      await context.app.inject({ url: `/api/review/visits/${visitId}`, headers: bearer(supervisor.token) })
    ).json<VisitReview>();
    expect(review.complaints.map((c) => c.id)).toContain(created.json<Complaint>().id);
    const open = (
      await context.app.inject({
        url: `/api/review/complaints?status=open&collectorId=${collector.userId}`,
        headers: bearer(supervisor.token),
      })
    ).json<ComplaintListResponse>();
    expect(open.complaints).toHaveLength(1);
  });

  it('refuses what cannot be acted on', async () => {
    for (const payload of [
      { source: 'debtor', channel: 'phone', body: '无对象' },
      { visitId, source: 'neighbour', channel: 'phone', body: 'x' },
      { visitId, source: 'debtor', channel: 'phone', body: '' },
      { visitId, source: 'debtor', channel: 'phone', body: 'x', receivedAt: 'yesterday' },
      { visitId, collectorId: stranger.userId, source: 'debtor', channel: 'phone', body: '对象不一致' },
    ]) {
      expect((await create(payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await create({ collectorId: supervisor.id, source: 'debtor', channel: 'phone', body: '不是外访员' })).statusCode).toBe(404);
    expect((await create({ visitId, source: 'debtor', channel: 'phone', body: 'x', receivedAt: '2099-01-01T00:00:00Z' })).statusCode).toBe(
      400,
    );
    expect((await change('0190d5c4-0000-7000-8000-000000000000', { status: 'investigating' })).statusCode).toBe(404);
    expect((await change(visitId, {})).statusCode).toBe(400);
  });

  it('stay within the team when teams are separated', async () => {
    const created = (
      await create({ collectorId: stranger.userId, source: 'debtor', channel: 'letter', body: '另一组的投诉' })
    ).json<Complaint>();
    expect((await teamApp.inject({ url: `/api/review/complaints/${created.id}`, headers: bearer(supervisor.token) })).statusCode).toBe(404);
    expect((await change(created.id, { assigneeId: supervisor.id }, supervisor.token, teamApp)).statusCode).toBe(404);
    expect(
      (await create({ collectorId: stranger.userId, source: 'debtor', channel: 'phone', body: 'x' }, supervisor.token, teamApp)).statusCode,
    ).toBe(404);
    expect((await create({ visitId, source: 'debtor', channel: 'phone', body: 'x' }, otherTeamSupervisor.token, teamApp)).statusCode).toBe(
      404,
    );
    const listed = (
      await teamApp.inject({ url: '/api/review/complaints', headers: bearer(supervisor.token) })
    ).json<ComplaintListResponse>();
    expect(listed.complaints.every((c) => c.collector.id === collector.userId)).toBe(true);
    // Only the own team's supervisors can take a complaint.
    const people = (await teamApp.inject({ url: '/api/review/supervisors', headers: bearer(supervisor.token) })).json<
      AssignableSupervisor[]
    >();
    expect(people.map((p) => p.id).sort()).toEqual([supervisor.id, assignee.id].sort());
    expect((await change(created.id, { assigneeId: otherTeamSupervisor.id }, otherTeamSupervisor.token, teamApp)).statusCode).toBe(200);
    expect(
      (
        await create(
          { collectorId: collector.userId, source: 'debtor', channel: 'phone', body: 'x', assigneeId: otherTeamSupervisor.id },
          supervisor.token,
          teamApp,
        )
      ).statusCode,
    ).toBe(422);
  });

  it('page newest first by cursor', async () => {
    const all = (
      await context.app.inject({ url: '/api/review/complaints?limit=200', headers: bearer(supervisor.token) })
    ).json<ComplaintListResponse>();
    expect(all.complaints.length).toBeGreaterThanOrEqual(3);
    const first = (
      await context.app.inject({ url: '/api/review/complaints?limit=2', headers: bearer(supervisor.token) })
    ).json<ComplaintListResponse>();
    const second = (
      await context.app.inject({ url: `/api/review/complaints?limit=200&cursor=${first.nextCursor}`, headers: bearer(supervisor.token) })
    ).json<ComplaintListResponse>();
    expect([...first.complaints, ...second.complaints].map((c) => c.id)).toEqual(all.complaints.map((c) => c.id));
  });
});
