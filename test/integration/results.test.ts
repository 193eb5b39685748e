// Team results against a hand-computed fixture (test/fixtures/results.ts): every figure, per team
// and collector, by day, week and month in Shanghai, the totals, the filters and the CSV.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { ResultFigures, ResultRow, ResultsResponse } from '../../shared/schemas/results.js';
import { teamResults } from '../../server/results/results.service.js';
import { bearer } from '../fixtures/factories.js';
import { buildResultsFixture, outstandingPerCase as O, type ResultsFixture } from '../fixtures/results.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let f: ResultsFixture;

beforeAll(async () => {
  context = await createTestContext();
  f = await buildResultsFixture(context.app, context.database.db);
});
afterAll(async () => context?.close());

const range = 'from=2026-09-30&to=2026-10-05';
async function results(query: string, token = f.supervisor): Promise<ResultsResponse> {
  const response = await context.app.inject({ url: `/api/results?${query}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ResultsResponse>();
}
const cell = (row: ResultRow): ResultFigures => {
  const { bucket: _b, teamId: _t, teamName: _tn, collectorId: _c, collectorName: _cn, ...figures } = row;
  return figures;
};
const verdicts = (evidenceAccepted: number, evidenceRejected: number) => ({ evidenceAccepted, evidenceRejected });

/*
 * The fixture by hand (Shanghai dates; every case owes O = 10,550 yuan):
 *   30 Sep  a1 (team A) route of 3 stops; v1 met debtor, promise 3,000 due 5 Oct, 20 min on site;
 *           v2 record without check-in (anomaly); v3 met spouse 1.1 km away (anomaly), promise 2,000 due 2 Oct.
 *    1 Oct  a2 (team A) route of 2; v4 refused at 06:30 (30 Sep in UTC), 15 min; v5 paid 1,000, 30 min.
 *    5 Oct  a1 route of 2; v7 paid 3,000 on c1 (keeps v1's promise on its due date), 15 min;
 *           v8 spouse paid 2,000 on c3 (too late for v3's promise).
 *           b1 (team B) route of 2; v9 met a colleague, 30 min; v11 promise 5,000 due 2099 (not due); v10 check-in only (not done).
 *    6 Oct  a1 v12 at 06:30 (5 Oct in UTC): outside the range.
 * Verdicts: v1, v5, v7, v12 accepted; v3 rejected; v2 rejected, then changed to accepted; v9 sent for a revisit.
 */
function expected(fx: ResultsFixture) {
  const t = fx.travel;
  const a0930: ResultFigures = {
    planned: 3,
    done: 3,
    contacts: 2,
    contactRate: 2 / 3,
    promises: 2,
    promiseRate: 2 / 3,
    promisesDue: 2,
    promisesKept: 1,
    keptRate: 1 / 2,
    amountPromised: 500_000,
    amountRecovered: 0,
    outstanding: 3 * O,
    recoveryRate: 0,
    ...verdicts(2, 1),
    anomalies: 2,
    avgOnSiteSeconds: 1200,
    travelSecondsPerStop: t.a1d1.seconds / 3,
    travelMetresPerStop: t.a1d1.metres / 3,
  };
  const a1001: ResultFigures = {
    planned: 2,
    done: 2,
    contacts: 2,
    contactRate: 1,
    promises: 0,
    promiseRate: 0,
    promisesDue: 0,
    promisesKept: 0,
    keptRate: null,
    amountPromised: 0,
    amountRecovered: 100_000,
    outstanding: 2 * O,
    recoveryRate: 100_000 / (2 * O),
    ...verdicts(1, 0),
    anomalies: 0,
    avgOnSiteSeconds: 1350,
    travelSecondsPerStop: t.a2d2.seconds / 2,
    travelMetresPerStop: t.a2d2.metres / 2,
  };
  const a1005: ResultFigures = {
    planned: 2,
    done: 2,
    contacts: 2,
    contactRate: 1,
    promises: 0,
    promiseRate: 0,
    promisesDue: 0,
    promisesKept: 0,
    keptRate: null,
    amountPromised: 0,
    amountRecovered: 500_000,
    outstanding: 2 * O,
    recoveryRate: 500_000 / (2 * O),
    ...verdicts(1, 0),
    anomalies: 0,
    avgOnSiteSeconds: 900,
    travelSecondsPerStop: t.a1d3.seconds / 2,
    travelMetresPerStop: t.a1d3.metres / 2,
  };
  const b1005: ResultFigures = {
    planned: 2,
    done: 2,
    contacts: 1,
    contactRate: 1 / 2,
    promises: 1,
    promiseRate: 1 / 2,
    promisesDue: 0,
    promisesKept: 0,
    keptRate: null,
    amountPromised: 500_000,
    amountRecovered: 0,
    outstanding: 2 * O,
    recoveryRate: 0,
    ...verdicts(0, 0),
    anomalies: 0,
    avgOnSiteSeconds: 1800,
    travelSecondsPerStop: t.b1d3.seconds / 2,
    travelMetresPerStop: t.b1d3.metres / 2,
  };
  const totals: ResultFigures = {
    planned: 9,
    done: 9,
    contacts: 7,
    contactRate: 7 / 9,
    promises: 3,
    promiseRate: 3 / 9,
    promisesDue: 2,
    promisesKept: 1,
    keptRate: 1 / 2,
    amountPromised: 1_000_000,
    amountRecovered: 600_000,
    outstanding: 7 * O,
    recoveryRate: 600_000 / (7 * O),
    ...verdicts(4, 1),
    anomalies: 2,
    avgOnSiteSeconds: (1200 + 900 + 1800 + 900 + 1800) / 5,
    travelSecondsPerStop: (t.a1d1.seconds + t.a2d2.seconds + t.a1d3.seconds + t.b1d3.seconds) / 9,
    travelMetresPerStop: (t.a1d1.metres + t.a2d2.metres + t.a1d3.metres + t.b1d3.metres) / 9,
  };
  // Week of 28 September for team A: 30 Sep and 1 Oct together (c1, c2, c3, c5, c6 outstanding once each).
  const aWeek0928: ResultFigures = {
    planned: 5,
    done: 5,
    contacts: 4,
    contactRate: 4 / 5,
    promises: 2,
    promiseRate: 2 / 5,
    promisesDue: 2,
    promisesKept: 1,
    keptRate: 1 / 2,
    amountPromised: 500_000,
    amountRecovered: 100_000,
    outstanding: 5 * O,
    recoveryRate: 100_000 / (5 * O),
    ...verdicts(3, 1),
    anomalies: 2,
    avgOnSiteSeconds: (1200 + 900 + 1800) / 3,
    travelSecondsPerStop: (t.a1d1.seconds + t.a2d2.seconds) / 5,
    travelMetresPerStop: (t.a1d1.metres + t.a2d2.metres) / 5,
  };
  // October for team A: 1 and 5 October (c1, c3, c5, c6).
  const aOctober: ResultFigures = {
    planned: 4,
    done: 4,
    contacts: 4,
    contactRate: 1,
    promises: 0,
    promiseRate: 0,
    promisesDue: 0,
    promisesKept: 0,
    keptRate: null,
    amountPromised: 0,
    amountRecovered: 600_000,
    outstanding: 4 * O,
    recoveryRate: 600_000 / (4 * O),
    ...verdicts(2, 0),
    anomalies: 0,
    avgOnSiteSeconds: (900 + 1800 + 900) / 3,
    travelSecondsPerStop: (t.a2d2.seconds + t.a1d3.seconds) / 4,
    travelMetresPerStop: (t.a2d2.metres + t.a1d3.metres) / 4,
  };
  return { a0930, a1001, a1005, b1005, totals, aWeek0928, aOctober };
}

describe('team results against the hand-computed fixture', () => {
  it('per team by day, with totals that count each case once', async () => {
    const e = expected(f);
    const answer = await results(`period=day&groupBy=team&${range}`);
    expect(answer).toMatchObject({ period: 'day', groupBy: 'team', from: '2026-09-30', to: '2026-10-05', timeZone: 'Asia/Shanghai' });
    expect(answer.buckets).toEqual(['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05']);
    expect(answer.rows.map((r) => [r.bucket, r.teamName, r.collectorId])).toEqual([
      ['2026-09-30', '一组 A', null],
      ['2026-10-01', '一组 A', null],
      ['2026-10-05', '一组 A', null],
      ['2026-10-05', '二组 B', null],
    ]);
    expect(answer.rows.map(cell)).toEqual([e.a0930, e.a1001, e.a1005, e.b1005]);
    expect(answer.rows.map((r) => r.teamId)).toEqual([f.teams.a, f.teams.a, f.teams.a, f.teams.b]);
    expect(answer.totals).toEqual(e.totals);
    // Each bucket over its groups: 5 October adds team A's and team B's cells (no case planned for both).
    expect(answer.bucketTotals.map((b) => b.bucket)).toEqual(['2026-09-30', '2026-10-01', '2026-10-05']);
    const { bucket: _day, ...october5 } = answer.bucketTotals[2]!;
    expect(october5).toMatchObject({
      planned: 4,
      done: 4,
      contacts: 3,
      promises: 1,
      amountPromised: 500_000,
      amountRecovered: 500_000,
      outstanding: 4 * O,
      evidenceAccepted: 1,
    });
    expect(october5.recoveryRate).toBe(500_000 / (4 * O));
    expect(october5.avgOnSiteSeconds).toBe((900 + 1800) / 2);
  });

  it('per collector by day: the same cells, named by collector', async () => {
    const e = expected(f);
    const answer = await results(`period=day&groupBy=collector&${range}`);
    expect(answer.rows.map((r) => [r.bucket, r.collectorId, r.teamId])).toEqual([
      ['2026-09-30', f.collectors.a1, f.teams.a],
      ['2026-10-01', f.collectors.a2, f.teams.a],
      ['2026-10-05', f.collectors.a1, f.teams.a],
      ['2026-10-05', f.collectors.b1, f.teams.b],
    ]);
    expect(answer.rows.every((r) => r.collectorName !== null)).toBe(true);
    expect(answer.rows.map(cell)).toEqual([e.a0930, e.a1001, e.a1005, e.b1005]);
    expect(answer.totals).toEqual(e.totals);
  });

  it('by Monday-first week and by month', async () => {
    const e = expected(f);
    const weeks = await results(`period=week&groupBy=team&${range}`);
    expect(weeks.buckets).toEqual(['2026-09-28', '2026-10-05']);
    expect(weeks.rows.map((r) => [r.bucket, r.teamName])).toEqual([
      ['2026-09-28', '一组 A'],
      ['2026-10-05', '一组 A'],
      ['2026-10-05', '二组 B'],
    ]);
    expect(weeks.rows.map(cell)).toEqual([e.aWeek0928, e.a1005, e.b1005]);
    expect(weeks.totals).toEqual(e.totals);

    const months = await results(`period=month&groupBy=team&${range}`);
    expect(months.buckets).toEqual(['2026-09-01', '2026-10-01']);
    expect(months.rows.map((r) => [r.bucket, r.teamName])).toEqual([
      ['2026-09-01', '一组 A'],
      ['2026-10-01', '一组 A'],
      ['2026-10-01', '二组 B'],
    ]);
    expect(months.rows.map(cell)).toEqual([e.a0930, e.aOctober, e.b1005]);
  });

  it('filters by team and by collector; the totals follow the filter', async () => {
    const e = expected(f);
    const teamB = await results(`groupBy=collector&teamId=${f.teams.b}&${range}`);
    expect(teamB.rows.map((r) => r.collectorId)).toEqual([f.collectors.b1]);
    expect(teamB.totals).toEqual(e.b1005);
    const a2 = await results(`groupBy=collector&collectorId=${f.collectors.a2}&${range}`, f.admin);
    expect(a2.rows.map(cell)).toEqual([e.a1001]);
    expect(a2.totals).toEqual(e.a1001);
    // The first day alone: 30 September in Shanghai, though v4 happened on that date in UTC.
    const first = await results('groupBy=team&from=2026-09-30&to=2026-09-30');
    expect(first.totals).toEqual(e.a0930);
    const empty = await results('groupBy=team&from=2026-08-01&to=2026-08-31');
    expect(empty.rows).toEqual([]);
    expect(empty.totals).toMatchObject({
      planned: 0,
      done: 0,
      contactRate: null,
      recoveryRate: null,
      avgOnSiteSeconds: null,
      travelSecondsPerStop: null,
    });
  });

  it('a team supervisor sees only their team when DISPATCH_TEAM_SCOPE=team', async () => {
    const db = context.database.db;
    const options = { timeZone: 'Asia/Shanghai', teamScope: 'team' } as const;
    const query = { period: 'day', groupBy: 'team', from: '2026-09-30', to: '2026-10-05' } as const;
    const own = await teamResults(db, { role: 'supervisor', teamId: f.teams.b }, query, options);
    expect(own.rows.map((r) => r.teamId)).toEqual([f.teams.b]);
    expect(own.totals).toEqual(expected(f).b1005);
    await expect(
      teamResults(db, { role: 'supervisor', teamId: f.teams.b }, { ...query, teamId: f.teams.a }, options),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      teamResults(db, { role: 'supervisor', teamId: f.teams.b }, { ...query, collectorId: f.collectors.a1 }, options),
    ).rejects.toMatchObject({
      statusCode: 403,
    });
    const everyone = await teamResults(db, { role: 'admin', teamId: f.teams.b }, query, options);
    expect(everyone.totals).toEqual(expected(f).totals);
  });
});
