import { describe, expect, it } from 'vitest';
import { mapMarkersQuery } from '../../../shared/schemas/dispatch.js';
import { queryString } from '../../app/api.js';
import { emptyFilters, type CaseFilters } from '../../cases/table-state.js';
import { bboxParam, caseQuery, containsBox, markerQuery, padBox } from './filters.js';

const box = { minLat: 41.7, minLng: 123.3, maxLat: 41.9, maxLng: 123.5 };
const collectorId = '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b';

describe('filters to the map and the server', () => {
  it('asks the markers endpoint for the open cases in the box when nothing is filtered', () => {
    expect(queryString(markerQuery(emptyFilters, box))).toBe(
      '?status=received%2Cassigned%2Cvisited&bbox=123.3%2C41.7%2C123.5%2C41.9&limit=20000',
    );
  });

  it.each<[string, Partial<CaseFilters>, string]>([
    ['amount', { minAmount: 100_000, maxAmount: 500_000 }, 'minAmount=100000&maxAmount=500000'],
    ['days past due', { minDaysPastDue: 30, maxDaysPastDue: 90 }, 'minDaysPastDue=30&maxDaysPastDue=90'],
    ['creditor', { creditor: 'SJXF' }, 'creditor=SJXF'],
    ['escalation reason', { escalationReason: ['refused', 'unreachable'] }, 'escalationReason=refused%2Cunreachable'],
    ['bucket', { bucket: ['M2', 'M3+'] }, 'bucket=M2%2CM3%2B'],
    ['status', { status: ['visited'] }, 'status=visited'],
    ['assignee', { assignedCollectorId: collectorId }, `assignedCollectorId=${collectorId}`],
    ['search', { search: '  王 ' }, `search=${encodeURIComponent('王')}`],
  ])('sends the %s filter to the markers endpoint', (_, chosen, expected) => {
    const query = queryString(markerQuery({ ...emptyFilters, ...chosen }, box));
    expect(query).toContain(expected);
    // What the console sends is what the server's schema takes.
    expect(mapMarkersQuery.safeParse(Object.fromEntries(new URLSearchParams(query))).success).toBe(true);
  });

  it('sends the markers endpoint the same filters as the table', () => {
    const filters: CaseFilters = {
      ...emptyFilters,
      bucket: ['M2'],
      minDaysPastDue: 30,
      maxAmount: 500_000,
      creditor: 'SJXF',
      escalationReason: ['refused'],
      assignedCollectorId: 'none',
    };
    const filtersOnly = (query: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(query).filter(([name]) => !['bbox', 'limit', 'sort', 'order', 'cursor'].includes(name)));
    expect(filtersOnly(markerQuery(filters, box))).toEqual(filtersOnly(caseQuery(filters, box, { limit: 50 })));
    expect(filtersOnly(markerQuery(filters, box))).toMatchObject({ creditor: 'SJXF', minDaysPastDue: 30, assignedCollectorId: 'none' });
  });

  it('maps filters and the map’s box to the /api/cases query', () => {
    const query = caseQuery(
      { ...emptyFilters, bucket: ['M2'], minDaysPastDue: 30, maxAmount: 500_000, creditor: 'SJXF', escalationReason: ['refused'] },
      box,
      { limit: 50 },
    );
    expect(queryString(query)).toBe(
      '?status=received%2Cassigned%2Cvisited&bucket=M2&escalationReason=refused&minDaysPastDue=30&maxAmount=500000&creditor=SJXF' +
        '&bbox=123.3%2C41.7%2C123.5%2C41.9&sort=priority&order=desc&limit=50',
    );
    expect(caseQuery({ ...emptyFilters, status: ['visited'] }, null, { limit: 10, cursor: 'abc' })).toMatchObject({
      status: ['visited'],
      bbox: undefined,
      cursor: 'abc',
    });
  });

  it('writes boxes as the endpoints take them and pads them for panning', () => {
    expect(bboxParam({ minLat: -95, minLng: 123.123456789, maxLat: 41.9, maxLng: 200 })).toBe('123.12346,-90,180,41.9');
    const padded = padBox(box, 0.5);
    expect(padded.minLat).toBeCloseTo(41.6);
    expect(padded.maxLng).toBeCloseTo(123.6);
    expect(containsBox(padded, box)).toBe(true);
    expect(containsBox(box, padded)).toBe(false);
  });
});
