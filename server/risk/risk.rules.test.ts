import { describe, expect, it } from 'vitest';
import {
  brokenPromise,
  caseRiskLevel,
  defaultRiskRules,
  isPromiseBroken,
  type RiskRules,
  signalsFor,
  type VisitFacts,
} from './risk.rules.js';

/** A quiet visit: the debtor met, nothing that raises a signal. */
const quiet: VisitFacts = {
  outcome: 'met_debtor',
  metPerson: 'debtor',
  abilityWillingness: 'able_willing',
  familySituation: { householdMembers: 2, employment: 'employed', health: 'good' },
  notes: '本人在家，态度配合',
  thirdPartyStatement: null,
  promise: null,
  payment: null,
  newAddress: false,
  totalOutstanding: 1_000_000,
};
const visit = (overrides: Partial<VisitFacts>): VisitFacts => ({ ...quiet, ...overrides });
const only = (facts: VisitFacts, rules?: RiskRules) => signalsFor(facts, rules).map((s) => [s.type, s.severity]);

describe('risk rules, one signal type at a time', () => {
  it('a quiet visit raises nothing and leaves the level to ability and willingness', () => {
    expect(signalsFor(quiet)).toEqual([]);
    expect(caseRiskLevel(quiet, [])).toBe('low');
  });

  it('address_invalid: moved away (lower when a new address was recorded) or not found', () => {
    const moved = signalsFor(visit({ outcome: 'moved_away', metPerson: 'neighbour' }));
    expect(moved).toMatchObject([{ type: 'address_invalid', severity: 'medium', dueOn: null }]);
    expect(moved[0]!.reason).toMatch(/moved away \(said by the neighbour\); skip-tracing/);
    expect(only(visit({ outcome: 'moved_away', newAddress: true }))).toEqual([['address_invalid', 'low']]);
    expect(only(visit({ outcome: 'address_not_found', metPerson: 'nobody' }))).toEqual([['address_invalid', 'medium']]);
  });

  it('unsafe: hostility in the notes, the third-party statement or the family notes, in Chinese or English', () => {
    const hostile = signalsFor(visit({ outcome: 'refused', notes: '债务人情绪激动，持刀威胁外访员' }));
    expect(hostile.map((s) => [s.type, s.severity])).toEqual([['unsafe', 'high']]);
    expect(hostile[0]!.reason).toMatch(/“威胁”.*two people/);
    expect(only(visit({ notes: null, thirdPartyStatement: 'Neighbour said he is VIOLENT' }))).toEqual([['unsafe', 'high']]);
    expect(only(visit({ familySituation: { notes: '家中养有恶狗' } }))).toEqual([['unsafe', 'high']]);
  });

  it('hardship: the outcome, a vulnerable health status, an unemployed household with many dependants, or the words', () => {
    expect(only(visit({ outcome: 'hardship' }))).toEqual([['hardship', 'medium']]);
    expect(only(visit({ familySituation: { health: 'serious_illness' } }))).toEqual([['hardship', 'high']]);
    expect(only(visit({ familySituation: { employment: 'unemployed', dependants: 3 } }))).toEqual([['hardship', 'medium']]);
    expect(only(visit({ familySituation: { employment: 'unemployed', dependants: 2 } }))).toEqual([]);
    expect(only(visit({ notes: '本人住院治疗中' }))).toEqual([['hardship', 'medium']]);
    // Several matches: the gravest severity, every reason.
    const both = signalsFor(visit({ outcome: 'hardship', familySituation: { health: 'disability' } }))[0]!;
    expect(both.severity).toBe('high');
    expect(both.reason).toMatch(/outcome is hardship.*vulnerable \(disability\)/);
  });

  it('fraud_claim: the outcome or the words 冒办 / identity theft', () => {
    expect(only(visit({ outcome: 'claims_fraud' }))).toEqual([['fraud_claim', 'high']]);
    expect(only(visit({ outcome: 'disputes_debt', notes: '本人称该卡系他人冒用身份证办理' }))).toEqual([['fraud_claim', 'high']]);
  });

  it('promise_made: low for the full amount, medium for a settlement request; carries the due date', () => {
    const full = signalsFor(visit({ outcome: 'promise_to_pay', promise: { amount: 1_000_000, dueDate: '2026-12-01', kind: 'promise' } }));
    expect(full).toMatchObject([{ type: 'promise_made', severity: 'low', dueOn: '2026-12-01' }]);
    expect(full[0]!.reason).toContain('¥10,000.00 by 2026-12-01');
    const settlement = signalsFor(
      visit({ outcome: 'promise_to_pay', promise: { amount: 600_000, dueDate: '2026-12-05', kind: 'settlement_requested' } }),
    );
    expect(settlement).toMatchObject([{ type: 'promise_made', severity: 'medium', dueOn: '2026-12-05' }]);
    expect(settlement[0]!.reason).toMatch(/settlement request/);
  });

  it('paid: in full says close the case; a part payment keeps it open', () => {
    const full = signalsFor(
      visit({ outcome: 'paid_official_channel', payment: { amount: 1_000_000, reference: 'WX123456', channel: '银行转账' } }),
    );
    expect(full).toMatchObject([{ type: 'paid', severity: 'info' }]);
    expect(full[0]!.reason).toMatch(/in full through 银行转账 \(reference WX123456\): close the case/);
    expect(signalsFor(visit({ payment: { amount: 200_000, reference: 'WX1', channel: 'app' } }))[0]!.reason).toMatch(/the case stays open/);
  });

  it('promise_broken: once the due date has ended in the case’s zone, after the grace days', () => {
    // Due 1 December in Shanghai (UTC+8): broken from 1 December 16:00 UTC.
    expect(isPromiseBroken('2026-12-01', 'Asia/Shanghai', new Date('2026-12-01T15:59:59Z'))).toBe(false);
    expect(isPromiseBroken('2026-12-01', 'Asia/Shanghai', new Date('2026-12-01T16:00:00Z'))).toBe(true);
    expect(isPromiseBroken('2026-12-01', 'America/New_York', new Date('2026-12-02T04:59:00Z'))).toBe(false);
    const lenient = { ...defaultRiskRules, promiseGraceDays: 2 };
    expect(isPromiseBroken('2026-12-01', 'Asia/Shanghai', new Date('2026-12-03T15:59:00Z'), lenient)).toBe(false);
    expect(isPromiseBroken('2026-12-01', 'Asia/Shanghai', new Date('2026-12-03T16:00:00Z'), lenient)).toBe(true);
    expect(brokenPromise('2026-12-01', 500_000)).toMatchObject({ type: 'promise_broken', severity: 'high', dueOn: '2026-12-01' });
    expect(brokenPromise('2026-12-01', 500_000).reason).toMatch(/¥5,000.00 due 2026-12-01 passed without a recorded payment/);
  });

  it('thresholds and word lists are configuration', () => {
    const rules: RiskRules = { ...defaultRiskRules, unsafeWords: ['骂人'], hardshipDependants: 1 };
    expect(only(visit({ notes: '威胁' }), rules)).toEqual([]);
    expect(only(visit({ notes: '当面骂人' }), rules)).toEqual([['unsafe', 'high']]);
    expect(only(visit({ familySituation: { employment: 'unemployed', dependants: 1 } }), rules)).toEqual([['hardship', 'medium']]);
  });
});

describe('case risk level', () => {
  it('starts from ability and willingness to pay', () => {
    expect(caseRiskLevel(visit({ abilityWillingness: 'able_willing' }), [])).toBe('low');
    expect(caseRiskLevel(visit({ abilityWillingness: 'unable_willing' }), [])).toBe('medium');
    expect(caseRiskLevel(visit({ abilityWillingness: 'able_unwilling' }), [])).toBe('high');
    expect(caseRiskLevel(visit({ abilityWillingness: 'unable_unwilling' }), [])).toBe('high');
    expect(caseRiskLevel(visit({ abilityWillingness: null }), [])).toBe('medium');
  });

  it('is lifted by grave signals and lowered by a full payment', () => {
    const hostile = visit({ notes: '威胁' });
    expect(caseRiskLevel(hostile, signalsFor(hostile))).toBe('high');
    const moved = visit({ outcome: 'moved_away' });
    expect(caseRiskLevel(moved, signalsFor(moved))).toBe('medium');
    const paid = visit({ abilityWillingness: 'able_unwilling', payment: { amount: 1_000_000, reference: 'R1234', channel: 'bank' } });
    expect(caseRiskLevel(paid, signalsFor(paid))).toBe('low');
  });
});
