// What the dispatcher console asks the server: markers, plans and their hand edits, the day's
// routes, assignments and urgent insertions. Views call only this module (and cases.api.ts).
import type { TeamSummary } from '../../shared/schemas/directory.js';
import type { CreatePlanRequest, DispatchDay, MapMarkers, PlanEdit, PlanView, UrgentResponse } from '../../shared/schemas/dispatch.js';
import { request } from '../app/api.js';
import type { CaseFilters } from '../cases/table-state.js';
import { markerQuery } from './cases/filters.js';
import type { Box } from './map/polygon.js';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The open cases in `box` that pass the console's filters, as map markers. */
export function fetchMarkers(filters: CaseFilters, box: Box, signal?: AbortSignal): Promise<MapMarkers> {
  return request<MapMarkers>('GET', '/api/map/cases', { query: markerQuery(filters, box), ...withSignal(signal) });
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
