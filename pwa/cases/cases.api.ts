// Case reads. The offline store will answer these for collectors in a later issue; views call only this module.
import type { CaseDetail, CaseListQueryInput, CaseListResponse } from '../../shared/schemas/cases.js';
import { request, type QueryValue } from '../app/api.js';

export type CaseListParams = Partial<Record<keyof CaseListQueryInput, QueryValue>>;

export function fetchCases(params: CaseListParams, signal?: AbortSignal): Promise<CaseListResponse> {
  return request<CaseListResponse>('GET', '/api/cases', { query: params, ...(signal ? { signal } : {}) });
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return request<CaseDetail>('GET', `/api/cases/${encodeURIComponent(id)}`, signal ? { signal } : {});
}
