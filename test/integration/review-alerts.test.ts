// Live review alerts on the real server: a check-in flagged high risk as it arrives, and a visit left
// on site past VISIT_OVERDUE_MINUTES (checked every second here), each heard once, by the supervisors
// and admins watching the collector's team, never by dispatchers or another team.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewAlertSignal } from '../../shared/events.js';
import { cases, creditors } from '../../server/db/schema/index.js';
import { collect, type ClientSocket, openSocket, quietly } from '../fixtures/dispatch.js';
import { bearer, createTeam, signedInUser } from '../fixtures/factories.js';
import { pushVisit, reviewCollector, type ReviewCollector } from '../fixtures/review.js';
import { checkIn, push } from '../fixtures/sync.js';
import { listen } from '../fixtures/sync/collector.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let url: string;
let collector: ReviewCollector;
const sockets: ClientSocket[] = [];
let heard: Record<'teamSupervisor' | 'everySupervisor' | 'admin' | 'otherTeam' | 'dispatcher', ReviewAlertSignal[]>;

beforeAll(async () => {
  context = await createTestContext({ DISPATCH_TEAM_SCOPE: 'team', VISIT_OVERDUE_MINUTES: '5', VISIT_OVERDUE_CHECK_S: '1' });
  url = await listen(context);
  const db = context.database.db;
  const [teamA, teamB] = [await createTeam(db), await createTeam(db)];
  collector = await reviewCollector(context, 4, teamA.id);
  // Any hour is a visiting hour for this creditor, so a check-in "ten minutes ago" is accepted whenever the test runs.
  const [held] = await db.select({ creditorId: cases.creditorId }).from(cases).where(eq(cases.id, collector.cases[0]!.caseId));
  await db.update(creditors).set({ visitingHoursStart: '00:00', visitingHoursEnd: '23:59' }).where(eq(creditors.id, held!.creditorId));
  const listener = async (role: 'supervisor' | 'admin' | 'dispatcher', teamId: string | null) => {
    const { token } = await signedInUser(context.app, db, role, { teamId });
    return collect(await openSocket(url, token, sockets), 'review:alert');
  };
  heard = {
    teamSupervisor: await listener('supervisor', teamA.id),
    everySupervisor: await listener('supervisor', null),
    admin: await listener('admin', null),
    otherTeam: await listener('supervisor', teamB.id),
    dispatcher: await listener('dispatcher', null),
  };
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await context?.close();
});

const eventually = <T>(read: () => T) => expect.poll(read, { timeout: 10_000, interval: 100 });
const ofKind = (list: ReviewAlertSignal[], kind: ReviewAlertSignal['kind']) => list.filter((alert) => alert.kind === kind);

describe('review alerts', () => {
  it('tell the team’s supervisors once when a check-in arrives flagged high risk', async () => {
    const visitId = await pushVisit(context, collector, 1, { offsetLat: 0.02 });
    await eventually(() => ofKind(heard.teamSupervisor, 'high_risk_check_in').length).toBe(1);
    expect(ofKind(heard.teamSupervisor, 'high_risk_check_in')[0]).toMatchObject({
      visitId,
      caseId: collector.cases[1]!.caseId,
      collectorId: collector.userId,
      codes: ['far_from_address'],
      minutesOnSite: null,
    });
    // A later push about the same visit (a note of audio, a retry) raises nothing new.
    const again = await context.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(collector.token),
      payload: push([checkIn(collector.cases[1]!.caseId, collector.cases[1]!.addressId, { visitId, lat: 41.9 })]),
    });
    expect(again.statusCode).toBe(200);
    await quietly(1500);
    for (const who of ['teamSupervisor', 'everySupervisor', 'admin'] as const)
      expect(ofKind(heard[who], 'high_risk_check_in'), who).toHaveLength(1);
    expect(heard.otherTeam).toHaveLength(0);
    expect(heard.dispatcher).toHaveLength(0);
  });

  it('raise nothing for a clean check-in', async () => {
    await pushVisit(context, collector, 2, { at: '2026-11-23T03:00:00.000Z' });
    await quietly(800);
    expect(ofKind(heard.teamSupervisor, 'high_risk_check_in')).toHaveLength(1);
  });

  it('tell them once when a visit stays on site past the expected time', async () => {
    const { caseId, addressId } = collector.cases[0]!;
    const target = collector.targets[0]!;
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    const arrived = checkIn(caseId, addressId, { at, lat: target.lat, lng: target.lng });
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(collector.token),
      payload: push([arrived]),
    });
    expect(response.json<{ results: { status: string }[] }>().results[0]?.status).toBe('applied');
    const visitId = (arrived as { visitId: string }).visitId;
    await eventually(() => ofKind(heard.teamSupervisor, 'overdue_visit').length).toBe(1);
    const [alert] = ofKind(heard.teamSupervisor, 'overdue_visit');
    expect(alert).toMatchObject({ visitId, caseId, checkedInAt: at });
    expect(alert!.minutesOnSite).toBeGreaterThanOrEqual(10);
    // Later checks find it already raised.
    await quietly(2500);
    expect(ofKind(heard.teamSupervisor, 'overdue_visit')).toHaveLength(1);
    expect(ofKind(heard.everySupervisor, 'overdue_visit')).toHaveLength(1);
    expect(heard.otherTeam).toHaveLength(0);
    expect(heard.dispatcher).toHaveLength(0);
  });
});
