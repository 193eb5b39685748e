// Each risk rule through a real push, signals exactly once under replayed, concurrent and re-recorded
// syncs, the case's risk level, and promises kept, superseded or broken (the sweep).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { caseRisk, riskDeliveries, riskSignals } from '../../server/db/schema/index.js';
import { sweepBrokenPromises } from '../../server/risk/promise.sweep.js';
import { defaultRiskRules } from '../../server/risk/risk.rules.js';
import { bearer } from '../fixtures/factories.js';
import { pushAs, riskWorld, type RiskWorld, signalsOfVisit, startReceiver, visitBatch } from '../fixtures/risk.js';
import { push, record } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let world: RiskWorld;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let nextCase = 0;
const freshCase = () => world.caseIds[nextCase++]!;

beforeAll(async () => {
  // A webhook receiver that always fails: outbox rows stay, so they can be counted.
  receiver = await startReceiver({ failing: true });
  context = await createTestContext({
    RISK_WEBHOOK_URL: receiver.url,
    RISK_WEBHOOK_SECRET: 'risk-signals-test-secret',
    RISK_WEBHOOK_BACKOFF_MS: '60000',
  });
  world = await riskWorld(context.app, context.database.db, 24);
});
afterAll(async () => {
  await context?.close();
  await receiver?.close();
});

const db = () => context.database.db;
const typesOf = async (visitId: string) => (await signalsOfVisit(db(), visitId)).map((s) => [s.type, s.severity, s.status]);
const total = async () => ({
  signals: (await db().select({ n: count() }).from(riskSignals))[0]!.n,
  deliveries: (await db().select({ n: count() }).from(riskDeliveries))[0]!.n,
});
async function recordVisit(extra: Parameters<typeof visitBatch>[2], caseId = freshCase()) {
  const batch = visitBatch(world, caseId, extra);
  await pushAs(context.app, world.collector.token, batch.mutations);
  return { ...batch, caseId };
}

describe('each rule through a real push', () => {
  it('moved away raises address_invalid (skip-tracing); a new address recorded lowers it', async () => {
    const moved = await recordVisit({ outcome: 'moved_away', metPerson: 'neighbour', notes: '邻居称已搬走' });
    expect(await typesOf(moved.visitId)).toEqual([['address_invalid', 'medium', 'open']]);
    expect((await signalsOfVisit(db(), moved.visitId))[0]!.findings).toEqual([
      { kind: 'outcome', outcome: 'moved_away', metPerson: 'neighbour' },
    ]);
    const found = await recordVisit({
      outcome: 'moved_away',
      metPerson: 'neighbour',
      notes: '已搬走',
      newAddress: { kind: 'home', address: '沈阳市皇姑区新址1号', lat: 41.82, lng: 123.41 },
    });
    expect(await typesOf(found.visitId)).toEqual([['address_invalid', 'low', 'open']]);
    const missing = await recordVisit({ outcome: 'address_not_found', metPerson: 'nobody', notes: '门牌号不存在' });
    expect(await typesOf(missing.visitId)).toEqual([['address_invalid', 'medium', 'open']]);
  });

  it('hostility in the notes raises unsafe (two people next time) and lifts the case to high', async () => {
    const visit = await recordVisit({ outcome: 'refused', abilityWillingness: 'able_willing', notes: '家属辱骂并驱赶外访员' });
    const [signal] = await signalsOfVisit(db(), visit.visitId);
    expect(signal).toMatchObject({ type: 'unsafe', severity: 'high', caseId: visit.caseId, status: 'open' });
    expect(signal!.reason).toMatch(/two people/);
    expect((await db().select().from(caseRisk).where(eq(caseRisk.caseId, visit.caseId)))[0]).toMatchObject({
      level: 'high',
      abilityWillingness: 'able_willing',
      visitId: visit.visitId,
    });
  });

  it('hardship or vulnerability raises hardship (pause and review)', async () => {
    const visit = await recordVisit({
      outcome: 'hardship',
      familySituation: { health: 'serious_illness', employment: 'unemployed' },
      notes: '本人重病住院',
    });
    expect(await typesOf(visit.visitId)).toEqual([['hardship', 'high', 'open']]);
  });

  it('a claim of fraudulent opening raises fraud_claim (fraud workflow)', async () => {
    const visit = await recordVisit({ outcome: 'claims_fraud', notes: '本人称从未办理此卡，系冒办' });
    expect(await typesOf(visit.visitId)).toEqual([['fraud_claim', 'high', 'open']]);
  });

  it('a promise to pay raises promise_made with its due date; a settlement request is graver', async () => {
    const full = await recordVisit({
      outcome: 'promise_to_pay',
      abilityWillingness: 'able_willing',
      notes: '承诺月底还款',
      promiseToPay: { amount: 1_000_000, dueDate: '2026-12-01' },
    });
    expect(await signalsOfVisit(db(), full.visitId)).toMatchObject([{ type: 'promise_made', severity: 'low', dueOn: '2026-12-01' }]);
    const part = await recordVisit({
      outcome: 'promise_to_pay',
      notes: '只能还一部分',
      promiseToPay: { amount: 400_000, dueDate: '2026-12-05' },
    });
    expect(await signalsOfVisit(db(), part.visitId)).toMatchObject([{ type: 'promise_made', severity: 'medium', dueOn: '2026-12-05' }]);
  });

  it('a payment through the official channel raises paid (close the case) and lowers the case to low', async () => {
    const visit = await recordVisit({
      outcome: 'paid_official_channel',
      abilityWillingness: 'able_unwilling',
      notes: '已通过官方渠道还清',
      payment: { amount: 1_000_000, reference: 'PAY-20261123-01', channel: '银行APP' },
    });
    const [signal] = await signalsOfVisit(db(), visit.visitId);
    expect(signal).toMatchObject({ type: 'paid', severity: 'info' });
    expect(signal!.reason).toMatch(/in full .*close the case/);
    expect((await db().select().from(caseRisk).where(eq(caseRisk.caseId, visit.caseId)))[0]!.level).toBe('low');
  });

  it('a quiet visit raises nothing but still sets the case level from ability and willingness', async () => {
    const visit = await recordVisit({
      outcome: 'met_debtor',
      abilityWillingness: 'able_unwilling',
      familySituation: { employment: 'employed' },
      notes: '本人在家，拒绝沟通还款',
    });
    expect(await typesOf(visit.visitId)).toEqual([]);
    expect((await db().select().from(caseRisk).where(eq(caseRisk.caseId, visit.caseId)))[0]!.level).toBe('high');
  });

  it('an older visit synced late never overrides the case level of a newer one', async () => {
    const caseId = freshCase();
    const newer = visitBatch(world, caseId, { createdAt: '2026-11-23T03:00:00.000Z', abilityWillingness: 'able_willing', notes: '配合' });
    await pushAs(context.app, world.collector.token, newer.mutations);
    const older = visitBatch(world, caseId, {
      createdAt: '2026-11-23T02:10:00.000Z',
      abilityWillingness: 'unable_unwilling',
      notes: '不配合',
    });
    await pushAs(context.app, world.collector.token, older.mutations);
    expect((await db().select().from(caseRisk).where(eq(caseRisk.caseId, caseId)))[0]).toMatchObject({
      level: 'low',
      visitId: newer.visitId,
    });
  });
});

describe('exactly once', () => {
  const grave = { outcome: 'claims_fraud', notes: '称被冒用身份，家属威胁外访员', familySituation: { health: 'disability' } } as const;

  it('the same batch twice raises each signal once, with one outbox row each', async () => {
    const batch = visitBatch(world, freshCase(), grave);
    await pushAs(context.app, world.collector.token, batch.mutations);
    const before = await total();
    const replay = await pushAs(context.app, world.collector.token, batch.mutations);
    expect(replay.every((r) => r.replayed)).toBe(true);
    expect(await total()).toEqual(before);
    expect(await typesOf(batch.visitId)).toEqual([
      ['fraud_claim', 'high', 'open'],
      ['hardship', 'high', 'open'],
      ['unsafe', 'high', 'open'],
    ]);
    const outbox = await db().select().from(riskDeliveries);
    const ids = new Set((await signalsOfVisit(db(), batch.visitId)).map((s) => s.id));
    expect(outbox.filter((row) => ids.has(row.signalId))).toHaveLength(3);
  });

  it('the same batch sent twice at once raises each signal once', async () => {
    const batch = visitBatch(world, freshCase(), grave);
    const before = await total();
    const send = () =>
      context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(world.collector.token), payload: push(batch.mutations) });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(await total()).toEqual({ signals: before.signals + 3, deliveries: before.deliveries + 3 });
  });

  it('a re-record of the visit (a correction, new mutation id) raises no second signal of a type it already has', async () => {
    const batch = visitBatch(world, freshCase(), grave);
    await pushAs(context.app, world.collector.token, batch.mutations);
    const before = await total();
    const { caseId } = batch;
    const again = record(caseId, world.addressOf.get(caseId)!, batch.visitId, {
      ...grave,
      id: uuidv7(),
      createdAt: '2026-11-23T02:25:00.000Z',
      notes: '补充：家属威胁，称系冒办',
    });
    await pushAs(context.app, world.collector.token, [again]);
    expect(await total()).toEqual(before);
  });
});

describe('promises', () => {
  // Due dates years ahead: the server's own sweep (on the real clock) must not break them first.
  const dueYesterday = { outcome: 'promise_to_pay', notes: '承诺还款', promiseToPay: { amount: 500_000, dueDate: '2030-01-10' } } as const;

  it('a promise whose due date passed without payment is broken once by the sweep, however often it runs', async () => {
    const visit = await recordVisit(dueYesterday);
    const now = new Date('2030-01-11T08:00:00Z');
    expect(await sweepBrokenPromises(db(), defaultRiskRules, true, now)).toBeGreaterThanOrEqual(1);
    expect(await sweepBrokenPromises(db(), defaultRiskRules, true, now)).toBe(0);
    expect(await typesOf(visit.visitId)).toEqual([
      ['promise_broken', 'high', 'open'],
      ['promise_made', 'medium', 'closed'],
    ]);
    const [made] = (await signalsOfVisit(db(), visit.visitId)).filter((s) => s.type === 'promise_made');
    expect(made!.closedReason).toBe('broken');
    expect((await db().select().from(caseRisk).where(eq(caseRisk.caseId, visit.caseId)))[0]!.level).toBe('high');
    const broken = (await signalsOfVisit(db(), visit.visitId)).find((s) => s.type === 'promise_broken')!;
    expect(await db().select().from(riskDeliveries).where(eq(riskDeliveries.signalId, broken.id))).toHaveLength(1);
    expect(broken.findings).toEqual([{ kind: 'brokenPromise', amount: 500_000, dueDate: '2030-01-10' }]);
  });

  it('a promise not yet due in the case’s zone is left alone', async () => {
    const visit = await recordVisit({ ...dueYesterday, promiseToPay: { amount: 500_000, dueDate: '2030-02-01' } });
    await sweepBrokenPromises(db(), defaultRiskRules, true, new Date('2030-02-01T15:59:00Z'));
    expect(await typesOf(visit.visitId)).toEqual([['promise_made', 'medium', 'open']]);
  });

  it('a later payment keeps the promise; a later promise supersedes it; neither is swept as broken', async () => {
    const caseId = freshCase();
    const promised = visitBatch(world, caseId, { ...dueYesterday, createdAt: '2026-11-23T02:10:00.000Z' });
    await pushAs(context.app, world.collector.token, promised.mutations);
    const paid = visitBatch(world, caseId, {
      outcome: 'paid_official_channel',
      notes: '已还款',
      createdAt: '2026-11-23T04:00:00.000Z',
      payment: { amount: 500_000, reference: 'PAY-777', channel: '银行' },
    });
    await pushAs(context.app, world.collector.token, paid.mutations);
    expect((await signalsOfVisit(db(), promised.visitId))[0]).toMatchObject({
      type: 'promise_made',
      status: 'closed',
      closedReason: 'paid',
    });

    const other = freshCase();
    const first = visitBatch(world, other, { ...dueYesterday, createdAt: '2026-11-23T02:10:00.000Z' });
    const second = visitBatch(world, other, {
      ...dueYesterday,
      createdAt: '2026-11-23T04:00:00.000Z',
      promiseToPay: { amount: 500_000, dueDate: '2030-03-01' },
    });
    // Both in one push: the earlier promise is written already superseded.
    await pushAs(context.app, world.collector.token, [...first.mutations, ...second.mutations]);
    expect((await signalsOfVisit(db(), first.visitId))[0]).toMatchObject({ status: 'closed', closedReason: 'superseded' });
    expect((await signalsOfVisit(db(), second.visitId))[0]).toMatchObject({ status: 'open', dueOn: '2030-03-01' });

    await sweepBrokenPromises(db(), defaultRiskRules, true, new Date('2030-01-20T00:00:00Z'));
    for (const visitId of [promised.visitId, first.visitId, second.visitId]) {
      expect((await typesOf(visitId)).map(([type]) => type)).not.toContain('promise_broken');
    }
  });
});
