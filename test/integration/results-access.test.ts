// Team results: the CSV export's shape, who may ask, and the refusals of bad filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/schemas/errors.js';
import { createCollector } from '../fixtures/dispatch.js';
import { bearer, createTeam, signedInUser } from '../fixtures/factories.js';
import { buildResultsFixture, type ResultsFixture } from '../fixtures/results.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let f: ResultsFixture;

beforeAll(async () => {
  context = await createTestContext();
  f = await buildResultsFixture(context.app, context.database.db);
});
afterAll(async () => context?.close());

const range = 'from=2026-09-30&to=2026-10-05';
const get = (url: string, token: string | null = f.supervisor) => context.app.inject({ url, headers: token === null ? {} : bearer(token) });

describe('the CSV export', () => {
  it('is UTF-8 with a byte-order mark, a Chinese header row, a line per row and the totals last', async () => {
    const response = await get(`/api/results.csv?period=day&groupBy=team&${range}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="results-day-2026-09-30-2026-10-05.csv"');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + 4 + 1);
    const header = lines[0]!.split(',');
    expect(header).toHaveLength(23);
    expect(header.slice(0, 8)).toEqual(['开始日期', '结束日期', '团队', '外访员', '计划外访', '完成外访', '接触数', '接触率(%)']);
    expect(lines.every((line) => line.split(',').length === 23)).toBe(true);
    // 30 September, team A: see the hand computation in results.test.ts.
    expect(lines[1]!.split(',').slice(0, 21)).toEqual([
      '2026-09-30',
      '2026-09-30',
      '一组 A',
      '',
      '3',
      '3',
      '2',
      '66.7',
      '2',
      '66.7',
      '2',
      '1',
      '50.0',
      '5000.00',
      '0.00',
      '31650.00',
      '0.0',
      '2',
      '1',
      '2',
      '20.0',
    ]);
    expect(lines[4]!.split(',').slice(0, 6)).toEqual(['2026-10-05', '2026-10-05', '二组 B', '', '2', '2']);
    expect(lines[5]!.split(',').slice(0, 21)).toEqual([
      '2026-09-30',
      '2026-10-05',
      '合计',
      '',
      '9',
      '9',
      '7',
      '77.8',
      '3',
      '33.3',
      '2',
      '1',
      '50.0',
      '10000.00',
      '6000.00',
      '73850.00',
      '8.1',
      '4',
      '1',
      '2',
      '22.0',
    ]);
  });

  it('cuts a week at the range, names collectors, and speaks English when asked', async () => {
    const response = await get(`/api/results.csv?period=week&groupBy=collector&lang=en&${range}`);
    expect(response.statusCode, response.body).toBe(200);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['From', 'To', 'Team', 'Collector', 'Visits planned']);
    // The week of 28 September starts at the range's first day and ends on Sunday 4 October.
    expect(lines[1]!.split(',').slice(0, 3)).toEqual(['2026-09-30', '2026-10-04', '一组 A']);
    expect(lines[1]!.split(',')[3]).not.toBe('');
    expect(lines.at(-1)!.split(',').slice(0, 3)).toEqual(['2026-09-30', '2026-10-05', 'Total']);
  });
});

describe('who may see team results', () => {
  it('supervisors and admins; not collectors, dispatchers or strangers', async () => {
    expect((await get(`/api/results?${range}`, f.admin)).statusCode).toBe(200);
    for (const token of [f.collectorToken, f.dispatcher]) {
      expect((await get(`/api/results?${range}`, token)).statusCode).toBe(403);
      expect((await get(`/api/results.csv?${range}`, token)).statusCode).toBe(403);
    }
    expect((await get(`/api/results?${range}`, null)).statusCode).toBe(401);
  });
});

describe('bad filters are refused with a message and change nothing', () => {
  const refused = async (query: string, status: number, message: RegExp) => {
    const response = await get(`/api/results?${query}`);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json<ApiError>().message).toMatch(message);
  };

  it('400 for a range backwards, longer than a year, or not dates; unknown periods, groupings and parameters', async () => {
    await refused('from=2026-10-05&to=2026-09-30', 400, /from must be on or before to/);
    await refused('from=2025-01-01&to=2026-01-02', 400, /at most 366 days/);
    expect((await get('/api/results?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200); // a leap year, whole
    await refused('from=yesterday&to=2026-10-05', 400, /from/);
    await refused('to=2026-10-05', 400, /from/);
    await refused(`period=year&${range}`, 400, /period/);
    await refused(`groupBy=creditor&${range}`, 400, /groupBy/);
    await refused(`colour=red&${range}`, 400, /colour|Unrecognized/i);
    await refused(`teamId=not-a-team&${range}`, 400, /teamId/);
    expect((await get(`/api/results.csv?from=2026-10-05&to=2026-09-30`)).statusCode).toBe(400);
    expect((await get(`/api/results.csv?lang=fr&${range}`)).statusCode).toBe(400);
  });

  it('404 for a team or collector that does not exist, 400 for a collector outside the chosen team', async () => {
    await refused(`teamId=0190a000-0000-7000-8000-000000000000&${range}`, 404, /No team/);
    await refused(`collectorId=0190a000-0000-7000-8000-000000000000&${range}`, 404, /No collector/);
    await refused(`teamId=${f.teams.b}&collectorId=${f.collectors.a1}&${range}`, 400, /not in the chosen team/);
  });
});

describe('with DISPATCH_TEAM_SCOPE=team', () => {
  it('a supervisor of a team gets that team without asking, and 403 for another team or its collector', async () => {
    const scoped = await createTestContext({ DISPATCH_TEAM_SCOPE: 'team' });
    try {
      const db = scoped.database.db;
      const [own, other] = [await createTeam(db), await createTeam(db)];
      const theirs = await createCollector(db, { teamId: other.id });
      const { token } = await signedInUser(scoped.app, db, 'supervisor', { teamId: own.id });
      const ask = (query: string) => scoped.app.inject({ url: `/api/results?${range}${query}`, headers: bearer(token) });
      expect((await ask('')).statusCode).toBe(200);
      expect((await ask(`&teamId=${own.id}`)).statusCode).toBe(200);
      expect((await ask(`&teamId=${other.id}`)).statusCode).toBe(403);
      expect((await ask(`&collectorId=${theirs.id}`)).statusCode).toBe(403);
      const admin = await signedInUser(scoped.app, db, 'admin', { teamId: own.id });
      expect((await scoped.app.inject({ url: `/api/results?${range}&teamId=${other.id}`, headers: bearer(admin.token) })).statusCode).toBe(
        200,
      );
    } finally {
      await scoped.close();
    }
  });
});
