// The visit form's rules, kept out of the component so they are tested in Node: what is required
// for which outcome, amounts in yuan read exactly as fen, never above the total outstanding.
import { classifyPromise } from '../../../shared/conduct.js';
import {
  thirdParties,
  type AbilityWillingness,
  type assetKinds,
  type employmentStatuses,
  type healthStatuses,
  type incomeSources,
  type MetPerson,
  type Outcome,
} from '../../../shared/outcomes.js';
import type { Position } from '../../../shared/schemas/sync.js';
import type { CollectorMessages } from '../../app/i18n/collector.zh-CN.js';
import { fenToYuanText, yuanToFen } from '../../app/i18n/format.js';
import type { VisitRecordInput } from '../../sync/index.js';
import type { RecordMutation } from '../../sync/records.js';

export type AssetKind = (typeof assetKinds)[number];

export interface VisitDraft {
  outcome: Outcome | '';
  metPerson: MetPerson | '';
  thirdPartyStatement: string;
  promiseAmount: string;
  promiseDate: string;
  paymentReference: string;
  paymentChannel: string;
  paymentAmount: string;
  abilityWillingness: AbilityWillingness | '';
  householdMembers: string;
  dependants: string;
  employment: (typeof employmentStatuses)[number] | '';
  employer: string;
  incomeSource: (typeof incomeSources)[number] | '';
  assetsSeen: AssetKind[];
  health: (typeof healthStatuses)[number] | '';
  familyNotes: string;
  notes: string;
  moved: boolean;
  newAddress: string;
  newPhone: string;
}

export const emptyDraft: VisitDraft = {
  outcome: '',
  metPerson: '',
  thirdPartyStatement: '',
  promiseAmount: '',
  promiseDate: '',
  paymentReference: '',
  paymentChannel: '',
  paymentAmount: '',
  abilityWillingness: '',
  householdMembers: '',
  dependants: '',
  employment: '',
  employer: '',
  incomeSource: '',
  assetsSeen: [],
  health: '',
  familyNotes: '',
  notes: '',
  moved: false,
  newAddress: '',
  newPhone: '',
};

export type DraftErrors = Partial<Record<keyof VisitDraft, string>>;

export interface VisitContext {
  visitId: string;
  caseId: string;
  addressId: string;
  totalOutstanding: number;
  /** The check-in fix: a new address takes it as its coordinates. */
  position: Position | null;
}

export type RecordFields = Omit<VisitRecordInput, 'photos'>;
export type DraftResult = { ok: true; fields: RecordFields; settlement: boolean } | { ok: false; errors: DraftErrors };

export function isThirdParty(person: MetPerson | ''): boolean {
  return person !== '' && thirdParties.includes(person);
}

export function needsPromise(draft: VisitDraft): boolean {
  return draft.outcome === 'promise_to_pay' || draft.promiseAmount.trim() !== '';
}

export function needsPayment(draft: VisitDraft): boolean {
  return draft.outcome === 'paid_official_channel' || draft.paymentReference.trim() !== '' || draft.paymentAmount.trim() !== '';
}

export function showsMoved(draft: VisitDraft): boolean {
  return draft.moved || draft.outcome === 'moved_away';
}

/** A promise below the outstanding is a settlement request; null while the amount is not a valid promise. */
export function promiseKind(
  draft: VisitDraft,
  totalOutstanding: number,
): 'promise' | 'settlement_requested' | 'exceeds_outstanding' | null {
  const fen = yuanToFen(draft.promiseAmount);
  if (fen === null || fen === 0) return null;
  return classifyPromise(fen, totalOutstanding);
}

function wholeNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,2}$/.test(trimmed) || Number(trimmed) > 30) return 'invalid';
  return Number(trimmed);
}

export function validateDraft(
  draft: VisitDraft,
  context: VisitContext,
  t: CollectorMessages['visit'],
  money: (fen: number) => string,
): DraftResult {
  const errors: DraftErrors = {};
  const total = money(context.totalOutstanding);
  if (draft.outcome === '') errors.outcome = t.outcomeRequired;
  if (draft.metPerson === '') errors.metPerson = t.metPersonRequired;
  // Third parties are never told about the debt; what they were told is on record.
  if (isThirdParty(draft.metPerson) && draft.thirdPartyStatement.trim() === '') errors.thirdPartyStatement = t.thirdPartyRequired;

  let promiseToPay: RecordFields['promiseToPay'];
  let settlement = false;
  if (needsPromise(draft)) {
    const fen = yuanToFen(draft.promiseAmount);
    if (draft.promiseAmount.trim() === '') errors.promiseAmount = t.promiseRequired;
    else if (fen === null) errors.promiseAmount = t.promiseInvalid;
    else if (fen === 0) errors.promiseAmount = t.promiseZero;
    else if (classifyPromise(fen, context.totalOutstanding) === 'exceeds_outstanding') errors.promiseAmount = t.promiseTooHigh(total);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.promiseDate)) errors.promiseDate = t.promiseDateInvalid;
    if (fen !== null && fen > 0 && !errors.promiseAmount && !errors.promiseDate) {
      promiseToPay = { amount: fen, dueDate: draft.promiseDate };
      settlement = fen < context.totalOutstanding;
    }
  }

  let payment: RecordFields['payment'];
  if (needsPayment(draft)) {
    const fen = yuanToFen(draft.paymentAmount);
    const reference = draft.paymentReference.trim();
    if (reference.length < 4) errors.paymentReference = reference === '' ? t.paymentRequired : t.paymentReferenceInvalid;
    if (draft.paymentChannel.trim() === '') errors.paymentChannel = t.paymentRequired;
    if (fen === null || fen === 0) errors.paymentAmount = draft.paymentAmount.trim() === '' ? t.paymentRequired : t.promiseInvalid;
    else if (fen > context.totalOutstanding) errors.paymentAmount = t.paymentTooHigh(total);
    if (fen !== null && fen > 0 && !errors.paymentReference && !errors.paymentChannel && !errors.paymentAmount) {
      payment = { amount: fen, reference, channel: draft.paymentChannel.trim() };
    }
  }

  const householdMembers = wholeNumber(draft.householdMembers);
  const dependants = wholeNumber(draft.dependants);
  if (householdMembers === 'invalid') errors.householdMembers = t.wholeNumber;
  if (dependants === 'invalid') errors.dependants = t.wholeNumber;

  let newAddress: RecordFields['newAddress'];
  if (showsMoved(draft) && draft.newAddress.trim() !== '') {
    if (!context.position) errors.newAddress = t.newAddressNeedsFix;
    else newAddress = { kind: 'home', address: draft.newAddress.trim(), lat: context.position.lat, lng: context.position.lng };
  }

  if (Object.keys(errors).length > 0 || draft.outcome === '' || draft.metPerson === '') return { ok: false, errors };

  const family: NonNullable<RecordFields['familySituation']> = {
    ...(typeof householdMembers === 'number' ? { householdMembers } : {}),
    ...(typeof dependants === 'number' ? { dependants } : {}),
    ...(draft.employment ? { employment: draft.employment } : {}),
    ...(draft.employer.trim() ? { employer: draft.employer.trim() } : {}),
    ...(draft.incomeSource ? { incomeSource: draft.incomeSource } : {}),
    ...(draft.assetsSeen.length > 0 ? { assetsSeen: [...draft.assetsSeen] } : {}),
    ...(draft.health ? { health: draft.health } : {}),
    ...(draft.familyNotes.trim() ? { notes: draft.familyNotes.trim() } : {}),
  };
  const newPhone = showsMoved(draft) ? draft.newPhone.trim() : '';
  const fields: RecordFields = {
    visitId: context.visitId,
    caseId: context.caseId,
    addressId: context.addressId,
    outcome: draft.outcome,
    metPerson: draft.metPerson,
    ...(isThirdParty(draft.metPerson) ? { thirdPartyStatement: draft.thirdPartyStatement.trim() } : {}),
    ...(promiseToPay ? { promiseToPay } : {}),
    ...(payment ? { payment } : {}),
    ...(draft.abilityWillingness ? { abilityWillingness: draft.abilityWillingness } : {}),
    ...(Object.keys(family).length > 0 ? { familySituation: family } : {}),
    ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
    ...(newAddress ? { newAddress } : {}),
    ...(newPhone ? { newPhone } : {}),
  };
  return { ok: true, fields, settlement };
}

/** The form filled in again from a record the server refused, for the collector to correct. */
export function draftFromRecord(record: RecordMutation): VisitDraft {
  const family = record.familySituation ?? {};
  const count = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    ...emptyDraft,
    outcome: record.outcome,
    metPerson: record.metPerson,
    thirdPartyStatement: record.thirdPartyStatement ?? '',
    promiseAmount: record.promiseToPay ? fenToYuanText(record.promiseToPay.amount) : '',
    promiseDate: record.promiseToPay?.dueDate ?? '',
    paymentReference: record.payment?.reference ?? '',
    paymentChannel: record.payment?.channel ?? '',
    paymentAmount: record.payment ? fenToYuanText(record.payment.amount) : '',
    abilityWillingness: record.abilityWillingness ?? '',
    householdMembers: count(family.householdMembers),
    dependants: count(family.dependants),
    employment: family.employment ?? '',
    employer: family.employer ?? '',
    incomeSource: family.incomeSource ?? '',
    assetsSeen: [...(family.assetsSeen ?? [])],
    health: family.health ?? '',
    familyNotes: family.notes ?? '',
    notes: record.notes ?? '',
    moved: record.newAddress !== undefined || record.newPhone !== undefined,
    newAddress: record.newAddress?.address ?? '',
    newPhone: record.newPhone ?? '',
  };
}
