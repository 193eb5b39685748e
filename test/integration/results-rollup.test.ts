// Team results stay true after the first read: the daily rollup is refreshed from what the
// triggers noted (a new payment keeping an earlier day's promise, a verdict changed, a check-in
// arriving late that moves a visit to another day).
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsResponse } from '../../shared/schemas/results.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import type { DecisionResponse, VisitReview } from '../../shared/schemas/review.js';
import { bearer } from '../fixtures/factories.js';
import { buildResultsFixture, shanghai, type ResultsFixture } from '../fixtures/results.js';
import { checkIn, push, record } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let f: ResultsFixture;

beforeAll(async () => {
  context = await createTestContext();
  f = await buildResultsFixture(context.app, context.database.db);
});
afterAll(async () => context?.close());

async function results(query: string): Promise<ResultsResponse> {
  const response = await context.app.inject({ url: `/api/results?${query}`, headers: bearer(f.supervisor) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ResultsResponse>();
}
async function pushAs(token: string, mutations: unknown[]) {
  const response = await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(token), payload: push(mutations) });
  expect(response.json<PushResponse>().results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
}
const cellOf = (answer: ResultsResponse, bucket: string, teamId: string) =>
  answer.rows.find((r) => r.bucket === bucket && r.teamId === teamId);

describe('the results rollup after the first read', () => {
  it('counts an earlier promise kept when its payment arrives on a later day', async () => {
    const before = cellOf(await results('from=2026-09-30&to=2026-10-05'), '2026-10-05', f.teams.b)!;
    expect(before).toMatchObject({ promises: 1, promisesKept: 0, promisesDue: 0, keptRate: null });
    const c8 = f.cases.c8!;
    const visitId = uuidv7();
    await pushAs(f.tokens.b1, [
      checkIn(c8, f.addressOf.get(c8)!, { visitId, at: shanghai('2026-10-06', '09:00') }),
      record(c8, f.addressOf.get(c8)!, visitId, {
        createdAt: shanghai('2026-10-06', '09:10'),
        outcome: 'paid_official_channel',
        metPerson: 'debtor',
        payment: { amount: 500_000, reference: 'PAY-0013', channel: '银行转账' },
      }),
    ]);
    const after = await results('from=2026-09-30&to=2026-10-06');
    expect(cellOf(after, '2026-10-05', f.teams.b)).toMatchObject({
      done: 2,
      promises: 1,
      promisesKept: 1,
      promisesDue: 1,
      keptRate: 1,
      amountRecovered: 0,
    });
    expect(cellOf(after, '2026-10-06', f.teams.b)).toMatchObject({ done: 1, contacts: 1, amountRecovered: 500_000 });
  });

  it('follows a changed verdict', async () => {
    const v5 = f.visitIds.v5!;
    const review = await context.app.inject({ url: `/api/review/visits/${v5}`, headers: bearer(f.supervisor) });
    const standing = review.json<VisitReview>().review.history.find((d) => d.current && d.subject === 'evidence');
    expect(standing?.decision).toBe('accepted');
    const changed = await context.app.inject({
      method: 'POST',
      url: `/api/review/visits/${v5}/verdict`,
      headers: bearer(f.supervisor),
      payload: { verdict: 'reject', reason: '付款凭证与案件不符', replaces: standing!.id },
    });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json<DecisionResponse>().decision.decision).toBe('rejected');
    const cell = cellOf(await results('from=2026-10-01&to=2026-10-01'), '2026-10-01', f.teams.a);
    expect(cell).toMatchObject({ evidenceAccepted: 0, evidenceRejected: 1 });
  });

  it('moves a visit to its check-in day when the check-in arrives after the record', async () => {
    const c2 = f.cases.c2!;
    // v2 was recorded on 30 September without a check-in; the check-in (29 September, 20:00, 240 m from
    // the address: flagged far, no longer missing) arrives now.
    await pushAs(f.tokens.a1, [checkIn(c2, f.addressOf.get(c2)!, { visitId: f.visitIds.v2!, at: shanghai('2026-09-29', '20:00') })]);
    const answer = await results('from=2026-09-29&to=2026-09-30');
    expect(cellOf(answer, '2026-09-29', f.teams.a)).toMatchObject({ planned: 0, done: 1, contacts: 0, evidenceAccepted: 1, anomalies: 1 });
    // 30 September keeps v1 and v3 only: v3 is still the one anomaly, and v2's accepted verdict went with it.
    expect(cellOf(answer, '2026-09-30', f.teams.a)).toMatchObject({
      planned: 3,
      done: 2,
      contacts: 2,
      anomalies: 1,
      evidenceAccepted: 1,
      evidenceRejected: 1,
    });
  });
});
