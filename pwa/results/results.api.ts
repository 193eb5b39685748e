// What the results page asks the server: the figures, the CSV's address, and the teams and collectors to filter by.
import type { CollectorSummary, TeamSummary } from '../../shared/schemas/directory.js';
import type { ResultsQueryInput, ResultsResponse } from '../../shared/schemas/results.js';
import { queryString, request } from '../app/api.js';

export function fetchResults(query: ResultsQueryInput, signal: AbortSignal): Promise<ResultsResponse> {
  return request<ResultsResponse>('GET', '/api/results', { query: { ...query }, signal });
}

/** The CSV download: a plain link, so the browser saves it (the session cookie authenticates it). */
export function resultsCsvHref(query: ResultsQueryInput, lang: 'zh-CN' | 'en'): string {
  return `/api/results.csv${queryString({ ...query, lang })}`;
}

export function fetchTeams(signal: AbortSignal): Promise<TeamSummary[]> {
  return request<TeamSummary[]>('GET', '/api/teams', { signal });
}

export function fetchCollectors(signal: AbortSignal): Promise<CollectorSummary[]> {
  return request<CollectorSummary[]>('GET', '/api/collectors', { signal });
}
