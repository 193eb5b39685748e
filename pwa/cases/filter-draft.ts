// What the person is typing into the filter form, and how it becomes filters (or field errors).
import type { Bucket, CaseStatus, EscalationReason } from '../../shared/cases.js';
import { fenToYuanText, yuanToFen } from '../app/i18n/format.js';
import type { CaseFilters } from './table-state.js';

export interface FilterDraft {
  search: string;
  status: CaseStatus | '';
  bucket: Bucket[];
  escalationReason: EscalationReason | '';
  minDaysPastDue: string;
  maxDaysPastDue: string;
  minAmount: string;
  maxAmount: string;
  creditor: string;
  /** '' for any, 'none' for unassigned, or a collector's id. */
  assignedCollectorId: string;
}

export type DraftError = 'invalidWhole' | 'invalidAmount' | 'minAboveMax';
export type DraftErrors = Partial<Record<'minDaysPastDue' | 'maxDaysPastDue' | 'minAmount' | 'maxAmount', DraftError>>;

export function draftFrom(filters: CaseFilters): FilterDraft {
  const days = (n: number | null) => (n === null ? '' : String(n));
  const yuan = (n: number | null) => (n === null ? '' : fenToYuanText(n));
  return {
    search: filters.search,
    status: filters.status[0] ?? '',
    bucket: [...filters.bucket],
    escalationReason: filters.escalationReason[0] ?? '',
    minDaysPastDue: days(filters.minDaysPastDue),
    maxDaysPastDue: days(filters.maxDaysPastDue),
    minAmount: yuan(filters.minAmount),
    maxAmount: yuan(filters.maxAmount),
    creditor: filters.creditor,
    assignedCollectorId: filters.assignedCollectorId ?? '',
  };
}

export function readDraft(draft: FilterDraft): { filters: CaseFilters; errors: null } | { filters: null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const days = (key: 'minDaysPastDue' | 'maxDaysPastDue'): number | null => {
    const text = draft[key].trim();
    if (text === '') return null;
    if (!/^\d{1,5}$/.test(text)) {
      errors[key] = 'invalidWhole';
      return null;
    }
    return Number(text);
  };
  const amount = (key: 'minAmount' | 'maxAmount'): number | null => {
    const text = draft[key].trim();
    if (text === '') return null;
    const fen = yuanToFen(text);
    if (fen === null) errors[key] = 'invalidAmount';
    return fen;
  };
  const minDaysPastDue = days('minDaysPastDue');
  const maxDaysPastDue = days('maxDaysPastDue');
  const minAmount = amount('minAmount');
  const maxAmount = amount('maxAmount');
  if (minDaysPastDue !== null && maxDaysPastDue !== null && minDaysPastDue > maxDaysPastDue) errors.minDaysPastDue = 'minAboveMax';
  if (minAmount !== null && maxAmount !== null && minAmount > maxAmount) errors.minAmount = 'minAboveMax';
  if (Object.keys(errors).length > 0) return { filters: null, errors };
  return {
    errors: null,
    filters: {
      search: draft.search.trim(),
      status: draft.status === '' ? [] : [draft.status],
      bucket: [...draft.bucket],
      escalationReason: draft.escalationReason === '' ? [] : [draft.escalationReason],
      minDaysPastDue,
      maxDaysPastDue,
      minAmount,
      maxAmount,
      creditor: draft.creditor,
      assignedCollectorId: draft.assignedCollectorId === '' ? null : draft.assignedCollectorId,
    },
  };
}
