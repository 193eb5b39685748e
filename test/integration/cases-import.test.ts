import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseImportResult } from '../../shared/schemas/cases.js';
import { caseAddresses, cases } from '../../server/db/schema/index.js';
import { bearer, caseRow, createCreditor, signedInUser } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let token: string;
let creditor: string;
beforeAll(async () => {
  context = await createTestContext();
  token = (await signedInUser(context.app, context.database.db, 'dispatcher')).token;
  creditor = (await createCreditor(context.database.db, 'SJXF')).code;
});
afterAll(async () => context?.close());

const importJson = (payload: unknown, auth = token) =>
  context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(auth), payload: payload as object });
const importCsv = (csv: string) =>
  context.app.inject({ method: 'POST', url: '/api/cases/import', headers: { ...bearer(token), 'content-type': 'text/csv' }, payload: csv });
const caseCount = async () => (await context.database.db.select({ n: count() }).from(cases))[0]!.n;

let externalIdSeq = 0;
const nextId = () => `EXT-${++externalIdSeq}`;

describe('JSON import', () => {
  it('creates cases with their addresses, contacts and notes', async () => {
    const id = nextId();
    const response = await importJson([caseRow(creditor, id)]);
    expect(response.statusCode).toBe(200);
    expect(response.json<CaseImportResult>()).toEqual({ received: 1, accepted: 1, updated: 0, unchanged: 0, rejected: [] });
    const [row] = await context.database.db.select().from(cases).where(eq(cases.externalId, id));
    expect(row).toMatchObject({ totalOutstanding: 1_055_000, bucket: 'M3+', status: 'received', timeZone: 'Asia/Shanghai' });
  });

  it('is idempotent: the same file twice creates nothing new; a changed amount updates', async () => {
    const rows = [caseRow(creditor, nextId()), caseRow(creditor, nextId())];
    expect((await importJson(rows)).json<CaseImportResult>()).toMatchObject({ accepted: 2, updated: 0, unchanged: 0 });
    const before = await caseCount();
    expect((await importJson(rows)).json<CaseImportResult>()).toMatchObject({ accepted: 0, updated: 0, unchanged: 2 });
    expect(await caseCount()).toBe(before);

    const changed = [{ ...rows[0]!, amounts: { principal: 900_000, interest: 50_000, fees: 5_000 }, daysPastDue: 20 }, rows[1]!];
    expect((await importJson(changed)).json<CaseImportResult>()).toMatchObject({ accepted: 0, updated: 1, unchanged: 1 });
    const [row] = await context.database.db.select().from(cases).where(eq(cases.externalId, rows[0]!.externalId));
    expect(row).toMatchObject({ principal: 900_000, totalOutstanding: 955_000, bucket: 'M1' });
    expect(await caseCount()).toBe(before);
  });

  it('a re-import can close a case; one saying "received" does not undo an assignment', async () => {
    const row = caseRow(creditor, nextId());
    await importJson([row]);
    await context.database.db.update(cases).set({ status: 'assigned' }).where(eq(cases.externalId, row.externalId));
    expect((await importJson([row])).json<CaseImportResult>().unchanged).toBe(1);
    expect((await importJson([{ ...row, status: 'closed' }])).json<CaseImportResult>().updated).toBe(1);
    const [stored] = await context.database.db.select().from(cases).where(eq(cases.externalId, row.externalId));
    expect(stored!.status).toBe('closed');
  });

  it('converts GCJ-02 and BD-09 addresses to WGS-84 on the way in', async () => {
    const id = nextId();
    await importJson([
      caseRow(creditor, id, {
        addresses: [
          { kind: 'home', address: '上海', lat: 31.17530398364597, lng: 121.531541859215, coordinateSystem: 'GCJ02' },
          { kind: 'work', address: '杭州', lat: 29.199786, lng: 120.019809, coordinateSystem: 'BD09' },
        ],
      }),
    ]);
    const [stored] = await context.database.db.select().from(cases).where(eq(cases.externalId, id));
    expect(stored!.lat).toBeCloseTo(31.1774276, 4);
    expect(stored!.lng).toBeCloseTo(121.5272106, 4);
    const addresses = await context.database.db.select().from(caseAddresses).where(eq(caseAddresses.caseId, stored!.id));
    const work = addresses.find((a) => a.kind === 'work')!;
    expect(work.lat).toBeCloseTo(29.1961, 3);
    expect(work.lng).toBeCloseTo(120.0088, 3);
  });

  it('rejects bad rows one by one with the row number and reason, and writes only the good ones', async () => {
    const good = caseRow(creditor, nextId());
    const duplicate = nextId();
    const rows = [
      good,
      caseRow(creditor, nextId(), { amounts: { principal: -5, interest: 0, fees: 0 } }),
      caseRow(creditor, nextId(), { amounts: { principal: 100.5, interest: 0, fees: 0 } }),
      caseRow(creditor, nextId(), { addresses: [{ kind: 'home', address: 'x', lat: 95, lng: 123 }] }),
      caseRow(creditor, nextId(), { addresses: [{ kind: 'home', address: 'x', lat: 41, lng: 200 }] }),
      caseRow('NOPE', nextId()),
      caseRow(creditor, duplicate),
      caseRow(creditor, duplicate),
      { ...caseRow(creditor, nextId()), surprise: 1 },
      caseRow(creditor, nextId(), { addresses: [] }),
      caseRow(creditor, nextId(), { amounts: { principal: 1, interest: 1, fees: 1, totalOutstanding: 5 } }),
      'not even an object',
    ];
    const before = await caseCount();
    const result = (await importJson(rows)).json<CaseImportResult>();
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    const reason = (row: number) => result.rejected.find((r) => r.row === row)!.reason;
    expect(reason(2)).toMatch(/amounts\.principal: Must not be negative/);
    expect(reason(3)).toMatch(/whole number of fen/);
    expect(reason(4)).toMatch(/Latitude must be between -90 and 90/);
    expect(reason(5)).toMatch(/Longitude/);
    expect(reason(6)).toMatch(/Unknown creditor "NOPE"/);
    expect(reason(8)).toMatch(/Duplicate of row 7/);
    expect(reason(9)).toMatch(/surprise/);
    expect(reason(10)).toMatch(/at least one address/);
    expect(reason(11)).toMatch(/totalOutstanding must equal/);
    expect(await caseCount()).toBe(before + 2);
  });

  it('refuses what is not an array, an empty array and an oversized body, writing nothing', async () => {
    const before = await caseCount();
    expect((await importJson({ rows: [] })).statusCode).toBe(400);
    expect((await importJson([])).statusCode).toBe(400);
    const big = Array.from({ length: 1 }, () => ({ ...caseRow(creditor, nextId()), padding: 'x'.repeat(33 * 1024 * 1024) }));
    expect((await importJson(big)).statusCode).toBe(413);
    expect(await caseCount()).toBe(before);
  });

  it('is refused to collectors and supervisors', async () => {
    for (const role of ['collector', 'supervisor'] as const) {
      const other = (await signedInUser(context.app, context.database.db, role)).token;
      expect((await importJson([caseRow(creditor, nextId())], other)).statusCode).toBe(403);
    }
  });
});

describe('CSV import', () => {
  const header = 'creditor,external_id,product,debtor_name,debtor_id_number,principal,interest,fees,days_past_due,home_address,home_lat,home_lng,contact_name,contact_relation,note';
  const line = (id: string, principal = '500000') =>
    `${creditor},${id},cash_loan,刘洋,210103198502021234,${principal},1000,0,45,"沈阳市沈河区青年大街1号, 3单元",41.79,123.45,王芳,配偶,"本人称""下月还款"""`;

  it('imports rows with quoting, and re-imports idempotently', async () => {
    const ids = [nextId(), nextId()];
    const csv = [header, ...ids.map((id) => line(id))].join('\r\n') + '\r\n';
    expect((await importCsv(csv)).json<CaseImportResult>()).toMatchObject({ received: 2, accepted: 2, rejected: [] });
    expect((await importCsv(csv)).json<CaseImportResult>()).toMatchObject({ accepted: 0, unchanged: 2 });
    const [stored] = await context.database.db.select().from(cases).where(eq(cases.externalId, ids[0]!));
    expect(stored).toMatchObject({ address: '沈阳市沈河区青年大街1号, 3单元', product: 'cash_loan', totalOutstanding: 501_000 });
  });

  it('rejects rows with wrong numbers and names the row', async () => {
    const csv = [header, line(nextId()), line(nextId(), '12.5'), line(nextId(), 'lots')].join('\n');
    const result = (await importCsv(csv)).json<CaseImportResult>();
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
    expect(result.rejected[1]!.reason).toMatch(/principal/);
  });

  it.each([
    ['broken quoting', `${header}\n${creditor},X1,cash_loan,"刘洋,2101,1,1,1,1,a,1,1`, /could not be read/],
    ['a missing column', 'creditor,external_id,product\nA,B,cash_loan', /missing the column\(s\): debtor_name/],
    ['an unknown column', `${header},shoe_size\n`, /unknown column\(s\): shoe_size/],
    ['a header only', `${header}\n`, /no cases/],
  ])('refuses a file with %s as a whole, writing nothing', async (_what, csv, message) => {
    const before = await caseCount();
    const response = await importCsv(csv);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
    expect(await caseCount()).toBe(before);
  });
});
