import { describe, expect, it } from 'vitest';
import { collectorZhCN } from '../../app/i18n/collector.zh-CN.js';
import { formatMoney } from '../../app/i18n/format.js';
import type { RecordMutation } from '../../sync/records.js';
import { draftFromRecord, emptyDraft, promiseKind, validateDraft, type VisitDraft } from './visit-form.js';

const t = collectorZhCN.visit;
const money = (fen: number) => formatMoney(fen, 'zh-CN');
const context = {
  visitId: '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b',
  caseId: '11111111-1111-4111-8111-111111111111',
  addressId: '22222222-2222-4222-8222-222222222222',
  totalOutstanding: 1_234_56,
  position: { lat: 41.79, lng: 123.46, accuracyM: 9 },
};
const draft = (changes: Partial<VisitDraft>): VisitDraft => ({ ...emptyDraft, ...changes });

describe('the visit form', () => {
  it('asks for an outcome and who was met, saying what to do', () => {
    const result = validateDraft(emptyDraft, context, t, money);
    expect(result).toEqual({ ok: false, errors: { outcome: t.outcomeRequired, metPerson: t.metPersonRequired } });
  });

  it('builds the record with only what was filled in, trimmed', () => {
    const result = validateDraft(
      draft({
        outcome: 'met_debtor',
        metPerson: 'debtor',
        notes: '  态度配合 ',
        householdMembers: '4',
        employment: 'employed',
        assetsSeen: ['car'],
      }),
      context,
      t,
      money,
    );
    expect(result).toEqual({
      ok: true,
      settlement: false,
      fields: {
        visitId: context.visitId,
        caseId: context.caseId,
        addressId: context.addressId,
        outcome: 'met_debtor',
        metPerson: 'debtor',
        notes: '态度配合',
        familySituation: { householdMembers: 4, employment: 'employed', assetsSeen: ['car'] },
      },
    });
  });

  it('requires what was told to a third party', () => {
    const result = validateDraft(draft({ outcome: 'met_colleague', metPerson: 'neighbour' }), context, t, money);
    expect(result.ok ? null : result.errors.thirdPartyStatement).toBe(t.thirdPartyRequired);
    const ok = validateDraft(
      draft({ outcome: 'met_colleague', metPerson: 'neighbour', thirdPartyStatement: '朋友，找他有事' }),
      context,
      t,
      money,
    );
    expect(ok.ok && ok.fields.thirdPartyStatement).toBe('朋友，找他有事');
    // Family members are not third parties here; the statement is not asked for nor sent.
    const family = validateDraft(draft({ outcome: 'met_family', metPerson: 'spouse', thirdPartyStatement: 'x' }), context, t, money);
    expect(family.ok && family.fields.thirdPartyStatement).toBeUndefined();
  });

  it('refuses a promise above the total outstanding, and calls one below it a settlement request', () => {
    const base = { outcome: 'promise_to_pay' as const, metPerson: 'debtor' as const, promiseDate: '2026-12-01' };
    const above = validateDraft(draft({ ...base, promiseAmount: '1234.57' }), context, t, money);
    expect(above.ok ? null : above.errors.promiseAmount).toBe(t.promiseTooHigh('¥1,234.56'));
    expect(promiseKind(draft({ promiseAmount: '1234.57' }), context.totalOutstanding)).toBe('exceeds_outstanding');

    const exact = validateDraft(draft({ ...base, promiseAmount: '1,234.56' }), context, t, money);
    expect(exact).toMatchObject({ ok: true, settlement: false, fields: { promiseToPay: { amount: 123456, dueDate: '2026-12-01' } } });

    const below = validateDraft(draft({ ...base, promiseAmount: '￥500.1' }), context, t, money);
    expect(below).toMatchObject({ ok: true, settlement: true, fields: { promiseToPay: { amount: 50010 } } });

    const missing = validateDraft(draft({ ...base, promiseDate: '' }), context, t, money);
    expect(missing.ok ? null : missing.errors).toEqual({ promiseAmount: t.promiseRequired, promiseDate: t.promiseDateInvalid });
    const zero = validateDraft(draft({ ...base, promiseAmount: '0' }), context, t, money);
    expect(zero.ok ? null : zero.errors.promiseAmount).toBe(t.promiseZero);
    const words = validateDraft(draft({ ...base, promiseAmount: '五百' }), context, t, money);
    expect(words.ok ? null : words.errors.promiseAmount).toBe(t.promiseInvalid);
  });

  it('records a payment only with an official reference, channel and an amount within the outstanding', () => {
    const base = { outcome: 'paid_official_channel' as const, metPerson: 'debtor' as const };
    const missing = validateDraft(draft(base), context, t, money);
    expect(missing.ok ? null : Object.keys(missing.errors).sort()).toEqual(['paymentAmount', 'paymentChannel', 'paymentReference']);
    const tooMuch = validateDraft(
      draft({ ...base, paymentReference: 'TX20261123', paymentChannel: '银行App', paymentAmount: '2000' }),
      context,
      t,
      money,
    );
    expect(tooMuch.ok ? null : tooMuch.errors.paymentAmount).toBe(t.paymentTooHigh('¥1,234.56'));
    const ok = validateDraft(
      draft({ ...base, paymentReference: ' TX20261123 ', paymentChannel: '银行App', paymentAmount: '200' }),
      context,
      t,
      money,
    );
    expect(ok).toMatchObject({ ok: true, fields: { payment: { amount: 20000, reference: 'TX20261123', channel: '银行App' } } });
  });

  it('takes a new address at the check-in position, and household numbers as whole numbers', () => {
    const moved = validateDraft(
      draft({
        outcome: 'moved_away',
        metPerson: 'neighbour',
        thirdPartyStatement: '问路',
        newAddress: '皇姑区 新址 8号',
        newPhone: ' 13800000000 ',
      }),
      context,
      t,
      money,
    );
    expect(moved).toMatchObject({
      ok: true,
      fields: { newAddress: { kind: 'home', address: '皇姑区 新址 8号', lat: 41.79, lng: 123.46 }, newPhone: '13800000000' },
    });
    const noFix = validateDraft(
      draft({ outcome: 'moved_away', metPerson: 'nobody', newAddress: '新址' }),
      { ...context, position: null },
      t,
      money,
    );
    expect(noFix.ok ? null : noFix.errors.newAddress).toBe(t.newAddressNeedsFix);
    const counts = validateDraft(
      draft({ outcome: 'nobody_home', metPerson: 'nobody', householdMembers: '3.5', dependants: '31' }),
      context,
      t,
      money,
    );
    expect(counts.ok ? null : counts.errors).toEqual({ householdMembers: t.wholeNumber, dependants: t.wholeNumber });
  });

  it('fills the form again from a refused record, so that saving it unchanged gives the same record', () => {
    const fields = {
      visitId: context.visitId,
      caseId: context.caseId,
      addressId: context.addressId,
      outcome: 'promise_to_pay' as const,
      metPerson: 'neighbour' as const,
      thirdPartyStatement: '说是朋友',
      promiseToPay: { amount: 50_050, dueDate: '2026-12-31' },
      abilityWillingness: 'unable_willing' as const,
      familySituation: {
        householdMembers: 3,
        dependants: 1,
        employment: 'unemployed' as const,
        assetsSeen: ['car' as const],
        notes: '租房',
      },
      notes: '月底前还一部分',
      newAddress: { kind: 'home' as const, address: '沈阳市皇姑区1号', lat: context.position.lat, lng: context.position.lng },
      newPhone: '13800000001',
    };
    const refused: RecordMutation = { ...fields, id: 'm1', createdAt: '2026-11-24T02:00:00.000Z', type: 'visit.record', photos: [] };
    const draftAgain = draftFromRecord(refused);
    expect(draftAgain).toMatchObject({
      promiseAmount: '500.50',
      promiseDate: '2026-12-31',
      householdMembers: '3',
      moved: true,
      newPhone: '13800000001',
    });
    expect(validateDraft(draftAgain, context, t, money)).toEqual({ ok: true, settlement: true, fields });
  });
});
