// The map's markers take the case table's filters: each one narrows the open cases in the box,
// a bad value answers 400, and a team-restricted viewer still sees only the pool and their team's.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketFor, escalationReasons, type EscalationReason } from '../../shared/cases.js';
import type { MapMarkers } from '../../shared/schemas/dispatch.js';
import { cases } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { createCollector } from '../fixtures/dispatch.js';
import { bearer, caseRow, createCreditor, createTeam, signedInUser } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

interface Fixture {
  externalId: string;
  creditor: string;
  amount: number;
  daysPastDue: number;
  reason: EscalationReason;
  debtorName: string;
  inBox: boolean;
  status: 'received' | 'assigned' | 'visited' | 'closed';
  assignee: 'a1' | 'b1' | null;
}

const box = '123.25,41.65,123.65,41.95';
// 30 cases: 24 on a 6 x 4 grid inside the box, 6 in Changchun outside it; two creditors, every
// reason, amounts 1,000 to 30,000 yuan, 5 to 121 days past due (every bucket).
const fixtures: Fixture[] = Array.from({ length: 30 }, (_, i) => ({
  externalId: `M${String(i).padStart(3, '0')}`,
  creditor: i % 3 === 0 ? 'MKA' : 'MKB',
  amount: (i + 1) * 100_000,
  daysPastDue: 5 + i * 4,
  reason: escalationReasons[i % escalationReasons.length]!,
  debtorName: i === 7 ? '王小明' : `债务人${i}`,
  inBox: i < 24,
  status: 'received',
  assignee: null,
}));
const fixture = (externalId: string) => fixtures.find((f) => f.externalId === externalId)!;
Object.assign(fixture('M000'), { status: 'assigned', assignee: 'a1' });
Object.assign(fixture('M001'), { status: 'assigned', assignee: 'a1' });
Object.assign(fixture('M002'), { status: 'assigned', assignee: 'b1' });
Object.assign(fixture('M003'), { status: 'visited', assignee: 'a1' });
Object.assign(fixture('M004'), { status: 'closed' });

let context: TestContext;
const staff = { all: '', teamA: '' };
const collectors = { a1: '', b1: '' };
const idByExternal = new Map<string, string>();
const externalById = new Map<string, string>();

beforeAll(async () => {
  context = await createTestContext({ DISPATCH_TEAM_SCOPE: 'team' });
  const db = context.database.db;
  const teamA = (await createTeam(db)).id;
  const teamB = (await createTeam(db)).id;
  staff.all = (await signedInUser(context.app, db, 'dispatcher')).token;
  staff.teamA = (await signedInUser(context.app, db, 'dispatcher', { teamId: teamA })).token;
  collectors.a1 = (await createCollector(db, { teamId: teamA })).id;
  collectors.b1 = (await createCollector(db, { teamId: teamB })).id;
  await createCreditor(db, 'MKA');
  await createCreditor(db, 'MKB');
  const rows = fixtures.map((f, i) =>
    caseRow(f.creditor, f.externalId, {
      debtor: { name: f.debtorName, idNumber: `21010219800101${String(2000 + i)}` },
      amounts: { principal: f.amount, interest: 0, fees: 0 },
      daysPastDue: f.daysPastDue,
      escalationReason: f.reason,
      priority: 1 + (i % 5),
      addresses: [
        f.inBox
          ? { kind: 'home', address: `沈阳市第${i}号`, lat: 41.7 + Math.floor(i / 6) * 0.05, lng: 123.3 + (i % 6) * 0.05 }
          : { kind: 'home', address: `长春市第${i}号`, lat: 43.88, lng: 125.32 + i * 0.001 },
      ],
    }),
  );
  const imported = await context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(staff.all), payload: rows });
  expect(imported.json()).toMatchObject({ accepted: 30 });
  for (const row of await db.select({ id: cases.id, externalId: cases.externalId }).from(cases)) {
    idByExternal.set(row.externalId, row.id);
    externalById.set(row.id, row.externalId);
  }
  const idsOf = (assignee: 'a1' | 'b1') => fixtures.filter((f) => f.assignee === assignee).map((f) => idByExternal.get(f.externalId)!);
  await assignCases(db, idsOf('a1'), collectors.a1);
  await assignCases(db, idsOf('b1'), collectors.b1);
  for (const status of ['visited', 'closed'] as const) {
    const ids = fixtures.filter((f) => f.status === status).map((f) => idByExternal.get(f.externalId)!);
    await db.update(cases).set({ status }).where(inArray(cases.id, ids));
  }
  expect((await db.select({ status: cases.status }).from(cases).where(eq(cases.externalId, 'M003')))[0]?.status).toBe('visited');
});
afterAll(async () => context?.close());

const markers = async (query: string, token = staff.all) => {
  const response = await context.app.inject({ url: `/api/map/cases?bbox=${box}${query ? `&${query}` : ''}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MapMarkers>();
};
const externalIds = (answer: MapMarkers) => answer.ids.map((id) => externalById.get(id)!).sort();
const onMap = fixtures.filter((f) => f.inBox && f.status !== 'closed');
const expected = (keep: (f: Fixture) => boolean) =>
  onMap
    .filter(keep)
    .map((f) => f.externalId)
    .sort();

describe('map markers with the case table’s filters', () => {
  it('shows every open case in the box when nothing is filtered', async () => {
    const answer = await markers('');
    expect(externalIds(answer)).toEqual(expected(() => true));
    expect(answer.ids).toHaveLength(23);
    expect(answer.truncated).toBe(false);
    expect(Object.keys(answer).sort()).toEqual(['assignedCollectorId', 'bucket', 'ids', 'lat', 'lng', 'priority', 'status', 'truncated']);
  });

  it.each<[string, string, (f: Fixture) => boolean]>([
    ['a minimum amount', 'minAmount=1500000', (f) => f.amount >= 1_500_000],
    ['a maximum amount', 'maxAmount=800000', (f) => f.amount <= 800_000],
    ['an amount band', 'minAmount=1000000&maxAmount=1200000', (f) => f.amount >= 1_000_000 && f.amount <= 1_200_000],
    ['a minimum of days past due', 'minDaysPastDue=70', (f) => f.daysPastDue >= 70],
    ['days past due', 'minDaysPastDue=40&maxDaysPastDue=80', (f) => f.daysPastDue >= 40 && f.daysPastDue <= 80],
    ['a creditor', 'creditor=MKA', (f) => f.creditor === 'MKA'],
    ['escalation reasons', 'escalationReason=refused,high_balance', (f) => f.reason === 'refused' || f.reason === 'high_balance'],
    ['a bucket', 'bucket=M2', (f) => bucketFor(f.daysPastDue) === 'M2'],
    ['buckets', 'bucket=M1,M3%2B', (f) => bucketFor(f.daysPastDue) !== 'M2'],
    ['a status', 'status=assigned', (f) => f.status === 'assigned'],
    ['statuses', 'status=visited,received', (f) => f.status === 'visited' || f.status === 'received'],
    ['unassigned cases', 'assignedCollectorId=none', (f) => f.assignee === null],
    ['a search', `search=${encodeURIComponent('王小')}`, (f) => f.debtorName.includes('王小')],
    [
      'several filters at once',
      'creditor=MKB&bucket=M3%2B&minAmount=2000000&escalationReason=unreachable,broken_promise,refused',
      (f) =>
        f.creditor === 'MKB' &&
        bucketFor(f.daysPastDue) === 'M3+' &&
        f.amount >= 2_000_000 &&
        ['unreachable', 'broken_promise', 'refused'].includes(f.reason),
    ],
  ])('narrows to %s', async (_, query, keep) => {
    const want = expected(keep);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(onMap.length);
    const answer = await markers(query);
    expect(externalIds(answer)).toEqual(want);
    expect(answer.truncated).toBe(false);
  });

  it('filters by collector', async () => {
    expect(externalIds(await markers(`assignedCollectorId=${collectors.a1}`))).toEqual(['M000', 'M001', 'M003']);
  });

  it('never shows a closed case, an unknown creditor’s or one outside the box', async () => {
    expect((await markers('status=closed')).ids).toEqual([]);
    expect((await markers('creditor=NOBODY')).ids).toEqual([]);
    // The largest debts are all in Changchun.
    expect((await markers('minAmount=2500000')).ids).toEqual([]);
  });

  it('keeps the most urgent of the filtered cases when capped', async () => {
    const all = expected((f) => bucketFor(f.daysPastDue) === 'M3+');
    const capped = await markers('bucket=M3%2B&limit=3');
    expect(capped.truncated).toBe(true);
    expect(capped.ids).toHaveLength(3);
    expect(capped.priority).toEqual([5, 5, 4]);
    expect(externalIds(capped).every((id) => all.includes(id))).toBe(true);
  });

  it('lets filters narrow a team’s view but never widen it', async () => {
    expect(externalIds(await markers('status=assigned,visited', staff.teamA))).toEqual(['M000', 'M001', 'M003']);
    expect(externalIds(await markers('status=assigned,visited'))).toEqual(['M000', 'M001', 'M002', 'M003']);
    expect((await markers(`assignedCollectorId=${collectors.b1}`, staff.teamA)).ids).toEqual([]);
    expect(externalIds(await markers(`assignedCollectorId=${collectors.b1}`))).toEqual(['M002']);
    expect(externalIds(await markers('creditor=MKB&maxAmount=600000', staff.teamA))).toEqual(
      expected((f) => f.creditor === 'MKB' && f.amount <= 600_000 && f.assignee !== 'b1'),
    );
  });

  it.each([
    ['minAmount=-1', /minAmount/],
    ['minAmount=abc', /minAmount/],
    ['maxDaysPastDue=1.5', /maxDaysPastDue/],
    ['minDaysPastDue=50&maxDaysPastDue=10', /minDaysPastDue must not exceed maxDaysPastDue/],
    ['minAmount=500&maxAmount=100', /minAmount must not exceed maxAmount/],
    ['bucket=M9', /bucket/],
    ['status=lost', /status/],
    ['escalationReason=bored', /escalationReason/],
    ['assignedCollectorId=somebody', /assignedCollectorId/],
    [`creditor=${'C'.repeat(65)}`, /creditor/],
    [`search=${'搜'.repeat(65)}`, /search/],
    ['limit=0', /limit/],
    ['unknownFilter=1', /unknownFilter/],
  ])('refuses %s with a 400 naming the problem', async (query, message) => {
    const response = await context.app.inject({ url: `/api/map/cases?bbox=${box}&${query}`, headers: bearer(staff.all) });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
  });

  it.each([[''], ['bbox=1,2,3'], ['bbox=0,95,1,96'], ['bbox=123.6,41.6,123.2,42'], ['bbox=a,b,c,d']])(
    'refuses the box %s with a 400',
    async (query) => {
      const response = await context.app.inject({ url: `/api/map/cases?${query}`, headers: bearer(staff.all) });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(/bbox/);
    },
  );
});
