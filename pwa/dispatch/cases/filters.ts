// The console's filters, one definition for the map and the table: what the markers can be filtered
// by in the browser, and the /api/cases query the table (and a narrower map) asks the server.
import type { CaseStatus } from '../../../shared/cases.js';
import type { CaseSummary } from '../../../shared/schemas/cases.js';
import type { MapMarkers } from '../../../shared/schemas/dispatch.js';
import type { CaseListParams } from '../../cases/cases.api.js';
import type { CaseFilters } from '../../cases/table-state.js';
import type { Box } from '../map/polygon.js';

/** The cases a dispatcher works with: escalated and not yet closed or returned. */
export const openStatuses: readonly CaseStatus[] = ['received', 'assigned', 'visited'];

/** Where the table and the map look: the map's current view, or the shape drawn on it. */
export type Area = 'view' | 'shape';

/** Filters the markers carry themselves (bucket, status, assignee) apply in the browser. */
export function markerFilter(filters: CaseFilters, markers: MapMarkers): (i: number) => boolean {
  const statuses = filters.status.length > 0 ? filters.status.filter((s) => openStatuses.includes(s)) : null;
  const bucketSet = filters.bucket.length > 0 ? new Set<string>(filters.bucket) : null;
  const assignee = filters.assignedCollectorId;
  return (i) => {
    if (statuses && !statuses.includes(markers.status[i] as CaseStatus)) return false;
    if (bucketSet && !bucketSet.has(markers.bucket[i] ?? '')) return false;
    if (assignee === 'none' && markers.assignedCollectorId[i] !== null) return false;
    if (assignee !== null && assignee !== 'none' && markers.assignedCollectorId[i] !== assignee) return false;
    return true;
  };
}

/** Filters only the server can apply (the markers do not carry amounts, creditors or reasons). */
export function needsCaseQuery(filters: CaseFilters): boolean {
  return (
    filters.search.trim() !== '' ||
    filters.escalationReason.length > 0 ||
    filters.creditor !== '' ||
    filters.minDaysPastDue !== null ||
    filters.maxDaysPastDue !== null ||
    filters.minAmount !== null ||
    filters.maxAmount !== null
  );
}

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

/** The /api/cases query for the table, or for the map when a filter needs the server. */
export function caseQuery(
  filters: CaseFilters,
  box: Box | null,
  page: { limit: number; cursor?: string | null; sort?: CaseListParams['sort']; order?: 'asc' | 'desc' },
): CaseListParams {
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
    bbox: box ? bboxParam(box) : undefined,
    sort: page.sort ?? 'priority',
    order: page.order ?? 'desc',
    limit: page.limit,
    cursor: page.cursor ?? undefined,
  };
}

/** Case rows as map markers, for a map narrowed by filters the markers cannot apply. */
export function markersFromCases(cases: readonly CaseSummary[], truncated: boolean): MapMarkers {
  return {
    ids: cases.map((c) => c.id),
    lat: cases.map((c) => c.lat),
    lng: cases.map((c) => c.lng),
    priority: cases.map((c) => c.priority),
    bucket: cases.map((c) => c.bucket),
    status: cases.map((c) => c.status),
    assignedCollectorId: cases.map((c) => c.assignedCollectorId),
    truncated,
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
