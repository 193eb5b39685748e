import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResponse, CaseSummary } from '../../shared/schemas/cases.js';
import { auditLog, cases } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { bearer, caseRow, createCreditor, signedInUser } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let dispatcher: string;
let collectorA: { token: string; id: string };
let collectorB: { token: string; id: string };
const idByExternal = new Map<string, string>();

// 40 cases on a 5 x 8 grid around Shenyang, with amounts, days and priorities that vary by index.
beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  dispatcher = (await signedInUser(context.app, db, 'dispatcher')).token;
  const a = await signedInUser(context.app, db, 'collector');
  const b = await signedInUser(context.app, db, 'collector');
  collectorA = { token: a.token, id: a.user.id };
  collectorB = { token: b.token, id: b.user.id };
  const creditor = (await createCreditor(db, 'LSCC')).code;
  const rows = Array.from({ length: 40 }, (_, i) =>
    caseRow(creditor, `Q${String(i).padStart(3, '0')}`, {
      debtor: { name: `债务人${i}`, idNumber: `21010219800101${String(1000 + i)}` },
      amounts: { principal: (i + 1) * 100_000, interest: 0, fees: 0 },
      daysPastDue: 10 + i * 3,
      priority: 1 + (i % 5),
      addresses: [{ kind: 'home', address: `沈阳市第${i}号`, lat: 41.7 + Math.floor(i / 8) * 0.05, lng: 123.3 + (i % 8) * 0.03 }],
    }),
  );
  const response = await context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(dispatcher), payload: rows });
  expect(response.json()).toMatchObject({ accepted: 40 });
  for (const row of await db.select({ id: cases.id, externalId: cases.externalId }).from(cases)) idByExternal.set(row.externalId, row.id);
  await assignCases(db, ['Q000', 'Q001', 'Q002'].map((e) => idByExternal.get(e)!), collectorA.id);
  await assignCases(db, ['Q003'].map((e) => idByExternal.get(e)!), collectorB.id);
});
afterAll(async () => context?.close());

const list = async (query: string, token = dispatcher) => {
  const response = await context.app.inject({ url: `/api/cases?${query}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseListResponse>();
};

describe('case list', () => {
  it('filters by bucket, days past due and amount', async () => {
    const m1 = await list('bucket=M1&limit=100');
    expect(m1.cases.every((c) => c.daysPastDue <= 30)).toBe(true);
    expect(m1.cases).toHaveLength(7);
    const band = await list('minDaysPastDue=40&maxDaysPastDue=60&minAmount=1200000&limit=100');
    expect(band.cases.map((c) => c.externalId).sort()).toEqual(['Q011', 'Q012', 'Q013', 'Q014', 'Q015', 'Q016']);
  });

  it('filters by status and assignment', async () => {
    expect((await list('status=assigned&limit=100')).cases).toHaveLength(4);
    expect((await list(`assignedCollectorId=${collectorA.id}`)).cases.map((c) => c.externalId).sort()).toEqual(['Q000', 'Q001', 'Q002']);
    expect((await list('assignedCollectorId=none&limit=100')).cases).toHaveLength(36);
  });

  it('finds cases inside a bounding box', async () => {
    // Rows 0 and 1 of the grid (lat 41.70 and 41.75), columns 0..2 (lng 123.30 .. 123.36).
    const box = await list('bbox=123.29,41.69,123.37,41.76&limit=100');
    expect(box.cases.map((c) => c.externalId).sort()).toEqual(['Q000', 'Q001', 'Q002', 'Q008', 'Q009', 'Q010']);
    expect(box.cases.every((c) => c.lat >= 41.69 && c.lat <= 41.76 && c.lng >= 123.29 && c.lng <= 123.37)).toBe(true);
  });

  it('sorts and pages with a cursor, visiting every case exactly once', async () => {
    for (const sort of ['priority', 'totalOutstanding', 'daysPastDue', 'debtorName', 'receivedAt']) {
      for (const order of ['asc', 'desc']) {
        const seen: CaseSummary[] = [];
        let cursor: string | null = null;
        do {
          const page: CaseListResponse = await list(`sort=${sort}&order=${order}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.cases);
          cursor = page.nextCursor;
        } while (cursor && seen.length <= 40);
        expect(new Set(seen.map((c) => c.id)).size).toBe(40);
        if (sort === 'totalOutstanding') {
          const amounts = seen.map((c) => c.totalOutstanding);
          expect(amounts).toEqual([...amounts].sort((x, y) => (order === 'asc' ? x - y : y - x)));
        }
      }
    }
  });

  it('masks identity numbers in lists', async () => {
    const page = await list('limit=5');
    expect(page.cases[0]!.debtorIdNumberMasked).toMatch(/^210\*+\d{4}$/);
    expect(JSON.stringify(page)).not.toMatch(/21010219800101\d{4}/);
  });

  it.each([
    ['bbox=1,2,3', /bbox/],
    ['bbox=123,41,122,42', /bbox/],
    ['bbox=0,-95,1,1', /bbox/],
    ['limit=0', /limit/],
    ['limit=100000', /limit/],
    ['minAmount=-1', /minAmount/],
    ['minAmount=abc', /minAmount/],
    ['maxDaysPastDue=9999999999999', /maxDaysPastDue/],
    ['minAmount=99999999999999999999', /minAmount/],
    ['minDaysPastDue=50&maxDaysPastDue=10', /minDaysPastDue/],
    ['sort=password', /sort/],
    ['bucket=M9', /bucket/],
    ['cursor=bm90LWEtY3Vyc29y', /cursor/],
    ['unknownFilter=1', /unknownFilter/],
  ])('refuses %s with a 400 naming the problem', async (query, message) => {
    const response = await context.app.inject({ url: `/api/cases?${query}`, headers: bearer(dispatcher) });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
  });
});

describe('a collector', () => {
  it('sees only the cases assigned to them', async () => {
    const mine = await list('limit=100', collectorA.token);
    expect(mine.cases.map((c) => c.externalId).sort()).toEqual(['Q000', 'Q001', 'Q002']);
    // Filters cannot widen the scope.
    const sneaky = await list(`assignedCollectorId=${collectorB.id}&limit=100`, collectorA.token);
    expect(sneaky.cases).toHaveLength(0);
  });

  it("gets 404 for another collector's case and for an unassigned one", async () => {
    for (const external of ['Q003', 'Q010']) {
      const response = await context.app.inject({ url: `/api/cases/${idByExternal.get(external)!}`, headers: bearer(collectorA.token) });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('债务人');
    }
  });

  it('loses a case when it is closed', async () => {
    const id = idByExternal.get('Q002')!;
    await context.database.db.update(cases).set({ status: 'closed' }).where(eq(cases.id, id));
    const response = await context.app.inject({ url: `/api/cases/${id}`, headers: bearer(collectorA.token) });
    expect(response.statusCode).toBe(404);
    await context.database.db.update(cases).set({ status: 'assigned' }).where(eq(cases.id, id));
  });
});

describe('case detail', () => {
  it('shows amounts, addresses, contacts and notes with a masked identity number, and audits the read', async () => {
    const id = idByExternal.get('Q001')!;
    const response = await context.app.inject({ url: `/api/cases/${id}`, headers: bearer(collectorA.token) });
    expect(response.statusCode).toBe(200);
    const detail = response.json<CaseDetail>();
    expect(detail.amounts).toEqual({ principal: 200_000, interest: 0, fees: 0, totalOutstanding: 200_000 });
    expect(detail.addresses).toHaveLength(1);
    expect(detail.contacts[0]).toMatchObject({ name: '李娜', relation: '配偶' });
    expect(detail.notes[0]).toMatchObject({ body: '电话无人接听' });
    expect(detail.debtorIdNumberMasked).toBe('210***********1001');
    expect(detail.visitingHours).toEqual({ start: '08:00', end: '21:00' });
    expect(detail.recordAudio).toBe(false);
    expect(detail.previousVisits).toEqual([]);
    expect(response.body).not.toContain('210102198001011001');

    const audits = await context.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.view'), eq(auditLog.subjectId, id), eq(auditLog.actorUserId, collectorA.id)));
    expect(audits).toHaveLength(1);
  });

  it('answers an unknown id with 404 and a malformed id with 400', async () => {
    expect((await context.app.inject({ url: '/api/cases/01a208e0-0000-7000-8000-000000000000', headers: bearer(dispatcher) })).statusCode).toBe(404);
    expect((await context.app.inject({ url: '/api/cases/not-a-uuid', headers: bearer(dispatcher) })).statusCode).toBe(400);
  });
});
