// The dispatcher table's filters and sort, kept in the address bar so a reload or a shared link shows the same view.
import { buckets, caseSortFields, caseStatuses, escalationReasons, type Bucket, type CaseStatus, type EscalationReason } from '../../shared/cases.js';
import type { CaseListQuery } from '../../shared/schemas/cases.js';
import { queryString } from '../app/api.js';
import type { CaseListParams } from './cases.api.js';

export type SortField = CaseListQuery['sort'];

export type SortOrder = 'asc' | 'desc';

export interface CaseFilters {
  search: string;
  status: CaseStatus[];
  bucket: Bucket[];
  escalationReason: EscalationReason[];
  minDaysPastDue: number | null;
  maxDaysPastDue: number | null;
  /** Amounts in fen, as the server takes them. */
  minAmount: number | null;
  maxAmount: number | null;
  /** Creditor code, or empty for all creditors. */
  creditor: string;
  /** A collector's id, 'none' for unassigned cases, or null for any. */
  assignedCollectorId: string | null;
}

export interface TableState {
  filters: CaseFilters;
  sort: SortField;
  order: SortOrder;
}

export const emptyFilters: CaseFilters = {
  search: '',
  status: [],
  bucket: [],
  escalationReason: [],
  minDaysPastDue: null,
  maxDaysPastDue: null,
  minAmount: null,
  maxAmount: null,
  creditor: '',
  assignedCollectorId: null,
};

export const defaultTableState: TableState = { filters: emptyFilters, sort: 'priority', order: 'desc' };

function listOf<T extends string>(allowed: readonly T[], text: string | null): T[] {
  if (!text) return [];
  const wanted = text.split(',');
  return allowed.filter((value) => wanted.includes(value));
}

function assignee(text: string | null): string | null {
  if (text === 'none') return text;
  return text !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text : null;
}

function wholeNumber(text: string | null): number | null {
  if (text === null || !/^\d{1,13}$/.test(text)) return null;
  return Number(text);
}

/** Unknown or malformed parameters are dropped, so an edited address never breaks the page. */
export function parseTableState(search: string): TableState {
  const params = new URLSearchParams(search);
  const sortParam = params.get('sort');
  const sort = caseSortFields.find((field) => field === sortParam) ?? defaultTableState.sort;
  const orderParam = params.get('order');
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : defaultOrderFor(sort);
  return {
    sort,
    order,
    filters: {
      search: (params.get('search') ?? '').slice(0, 64),
      status: listOf(caseStatuses, params.get('status')),
      bucket: listOf(buckets, params.get('bucket')),
      escalationReason: listOf(escalationReasons, params.get('escalationReason')),
      minDaysPastDue: wholeNumber(params.get('minDaysPastDue')),
      maxDaysPastDue: wholeNumber(params.get('maxDaysPastDue')),
      minAmount: wholeNumber(params.get('minAmount')),
      maxAmount: wholeNumber(params.get('maxAmount')),
      creditor: (params.get('creditor') ?? '').slice(0, 64),
      assignedCollectorId: assignee(params.get('assignedCollectorId')),
    },
  };
}

/** Names sort A→Z first; numbers and dates largest or newest first. */
export function defaultOrderFor(sort: SortField): SortOrder {
  return sort === 'debtorName' ? 'asc' : 'desc';
}

/** The server's own parameter names, so the address bar and the API request say the same thing. */
export function toApiParams(state: TableState): CaseListParams {
  const { filters } = state;
  return {
    search: filters.search.trim() || undefined,
    status: filters.status,
    bucket: filters.bucket,
    escalationReason: filters.escalationReason,
    minDaysPastDue: filters.minDaysPastDue,
    maxDaysPastDue: filters.maxDaysPastDue,
    minAmount: filters.minAmount,
    maxAmount: filters.maxAmount,
    creditor: filters.creditor || undefined,
    assignedCollectorId: filters.assignedCollectorId ?? undefined,
    sort: state.sort,
    order: state.order,
  };
}

export function toSearch(state: TableState): string {
  const { sort, order, ...filters } = toApiParams(state);
  const params = new URLSearchParams(queryString(filters));
  if (sort !== defaultTableState.sort || order !== defaultTableState.order) {
    params.set('sort', state.sort);
    params.set('order', state.order);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function activeFilterCount(filters: CaseFilters): number {
  return [
    filters.search.trim() !== '',
    filters.status.length > 0,
    filters.bucket.length > 0,
    filters.escalationReason.length > 0,
    filters.minDaysPastDue !== null,
    filters.maxDaysPastDue !== null,
    filters.minAmount !== null,
    filters.maxAmount !== null,
    filters.creditor !== '',
    filters.assignedCollectorId !== null,
  ].filter(Boolean).length;
}

/** Clicking the sorted column flips the order; another column starts in its natural order. */
export function nextSort(state: TableState, field: SortField): Pick<TableState, 'sort' | 'order'> {
  if (state.sort === field) return { sort: field, order: state.order === 'asc' ? 'desc' : 'asc' };
  return { sort: field, order: defaultOrderFor(field) };
}
