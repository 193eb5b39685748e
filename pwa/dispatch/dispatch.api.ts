// What the dispatcher console asks the server: markers, plans and their hand edits, the day's
// routes, assignments and urgent insertions. Views call only this module (and cases.api.ts).
import type { TeamSummary } from '../../shared/schemas/directory.js';
import type { CreatePlanRequest, DispatchDay, MapMarkers, PlanEdit, PlanView, UrgentResponse } from '../../shared/schemas/dispatch.js';
import { request } from '../app/api.js';
import { fetchCases } from '../cases/cases.api.js';
import type { CaseFilters } from '../cases/table-state.js';
import { bboxParam, caseQuery, markersFromCases } from './cases/filters.js';
import type { Box } from './map/polygon.js';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fetchMarkers(box: Box, signal?: AbortSignal): Promise<MapMarkers> {
  return request<MapMarkers>('GET', '/api/map/cases', { query: { bbox: bboxParam(box), limit: 20_000 }, ...withSignal(signal) });
}

/** Markers for filters only the server applies: case pages in the box, up to `max` cases. */
export async function fetchFilteredMarkers(filters: CaseFilters, box: Box, max: number, signal?: AbortSignal): Promise<MapMarkers> {
  const cases = [];
  let cursor: string | null = null;
  do {
    const page = await fetchCases(caseQuery(filters, box, { limit: 500, cursor }), signal);
    cases.push(...page.cases);
    cursor = page.nextCursor;
  } while (cursor !== null && cases.length < max);
  return markersFromCases(cases.slice(0, max), cursor !== null);
}

export function fetchTeams(signal?: AbortSignal): Promise<TeamSummary[]> {
  return request<TeamSummary[]>('GET', '/api/teams', withSignal(signal));
}

export function createPlan(body: CreatePlanRequest, signal?: AbortSignal): Promise<PlanView> {
  return request<PlanView>('POST', '/api/dispatch/plans', { body, ...withSignal(signal) });
}

export function editPlan(planId: string, edit: PlanEdit): Promise<PlanView> {
  return request<PlanView>('PATCH', `/api/dispatch/plans/${encodeURIComponent(planId)}`, { body: edit });
}

export function publishPlan(planId: string): Promise<{ routes: number; cases: number }> {
  return request('POST', `/api/dispatch/plans/${encodeURIComponent(planId)}/publish`);
}

export function fetchDay(date: string, signal?: AbortSignal): Promise<DispatchDay> {
  return request<DispatchDay>('GET', '/api/dispatch/day', { query: { date }, ...withSignal(signal) });
}

export function assignCases(caseIds: string[], collectorId: string | null): Promise<{ assigned: number; unassigned: number }> {
  return request('POST', '/api/dispatch/assignments', { body: { caseIds, collectorId } });
}

export function insertUrgent(caseId: string): Promise<UrgentResponse> {
  return request<UrgentResponse>('POST', '/api/dispatch/urgent', { body: { caseId } });
}
