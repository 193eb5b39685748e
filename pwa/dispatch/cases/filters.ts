// The console's filters, one definition for the map and the table: the same filter parameters go
// to /api/map/cases (the markers) and /api/cases (the table), so both show the same cases.
import type { CaseStatus } from '../../../shared/cases.js';
import type { MapMarkersQueryInput } from '../../../shared/schemas/dispatch.js';
import type { QueryValue } from '../../app/api.js';
import type { CaseListParams } from '../../cases/cases.api.js';
import type { CaseFilters } from '../../cases/table-state.js';
import type { Box } from '../map/polygon.js';

/** The cases a dispatcher works with: escalated and not yet closed or returned. */
export const openStatuses: readonly CaseStatus[] = ['received', 'assigned', 'visited'];

/** Where the table and the map look: the map's current view, or the shape drawn on it. */
export type Area = 'view' | 'shape';

const round = (n: number) => Math.round(n * 1e5) / 1e5;

/** minLng,minLat,maxLng,maxLat as both endpoints take it, clamped to the world. */
export function bboxParam(box: Box): string {
  return [
    Math.max(-180, round(box.minLng)),
    Math.max(-90, round(box.minLat)),
    Math.min(180, round(box.maxLng)),
    Math.min(90, round(box.maxLat)),
  ].join(',');
}

export type MarkerParams = Partial<Record<keyof MapMarkersQueryInput, QueryValue>>;

/** The most markers one answer holds; the server sends the most urgent and says it left some out. */
const markerLimit = 20_000;

/** The filter parameters both endpoints take; no status chosen means every open one. */
function filterParams(filters: CaseFilters) {
  return {
    search: filters.search.trim() || undefined,
    status: filters.status.length > 0 ? filters.status : openStatuses,
    bucket: filters.bucket,
    escalationReason: filters.escalationReason,
    minDaysPastDue: filters.minDaysPastDue,
    maxDaysPastDue: filters.maxDaysPastDue,
    minAmount: filters.minAmount,
    maxAmount: filters.maxAmount,
    creditor: filters.creditor || undefined,
    assignedCollectorId: filters.assignedCollectorId ?? undefined,
  } satisfies CaseListParams & MarkerParams;
}

/** The /api/map/cases query: the open cases in `box` that pass the filters. */
export function markerQuery(filters: CaseFilters, box: Box): MarkerParams {
  return { ...filterParams(filters), bbox: bboxParam(box), limit: markerLimit };
}

/** The /api/cases query for the table. */
export function caseQuery(
  filters: CaseFilters,
  box: Box | null,
  page: { limit: number; cursor?: string | null; sort?: CaseListParams['sort']; order?: 'asc' | 'desc' },
): CaseListParams {
  return {
    ...filterParams(filters),
    bbox: box ? bboxParam(box) : undefined,
    sort: page.sort ?? 'priority',
    order: page.order ?? 'desc',
    limit: page.limit,
    cursor: page.cursor ?? undefined,
  };
}

/** A box grown by `factor` of its size on each side, so small pans need no new request. */
export function padBox(box: Box, factor: number): Box {
  const dLat = (box.maxLat - box.minLat) * factor;
  const dLng = (box.maxLng - box.minLng) * factor;
  return { minLat: box.minLat - dLat, maxLat: box.maxLat + dLat, minLng: box.minLng - dLng, maxLng: box.maxLng + dLng };
}

export function containsBox(outer: Box, inner: Box): boolean {
  return inner.minLat >= outer.minLat && inner.maxLat <= outer.maxLat && inner.minLng >= outer.minLng && inner.maxLng <= outer.maxLng;
}
