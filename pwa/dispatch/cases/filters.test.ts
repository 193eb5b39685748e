import { describe, expect, it } from 'vitest';
import type { MapMarkers } from '../../../shared/schemas/dispatch.js';
import { queryString } from '../../app/api.js';
import { emptyFilters } from '../../cases/table-state.js';
import { bboxParam, caseQuery, containsBox, markerFilter, needsCaseQuery, padBox } from './filters.js';

const markers: MapMarkers = {
  ids: ['a', 'b', 'c'],
  lat: [41.8, 41.81, 41.82],
  lng: [123.4, 123.41, 123.42],
  priority: [5, 3, 1],
  bucket: ['M1', 'M2', 'M3+'],
  status: ['received', 'assigned', 'visited'],
  assignedCollectorId: [null, '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b', null],
  truncated: false,
};
const keep = (filters: typeof emptyFilters) => markers.ids.filter((_, i) => markerFilter(filters, markers)(i));
const box = { minLat: 41.7, minLng: 123.3, maxLat: 41.9, maxLng: 123.5 };

describe('filters to the map and the server', () => {
  it('filters markers by what they carry: bucket, status, assignee', () => {
    expect(keep(emptyFilters)).toEqual(['a', 'b', 'c']);
    expect(keep({ ...emptyFilters, bucket: ['M2', 'M3+'] })).toEqual(['b', 'c']);
    expect(keep({ ...emptyFilters, status: ['visited'] })).toEqual(['c']);
    expect(keep({ ...emptyFilters, assignedCollectorId: 'none' })).toEqual(['a', 'c']);
    expect(keep({ ...emptyFilters, assignedCollectorId: '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b' })).toEqual(['b']);
    // Closed cases are never on the map, whatever the filter says.
    expect(keep({ ...emptyFilters, status: ['closed'] })).toEqual([]);
  });

  it('knows which filters only the server can apply', () => {
    expect(needsCaseQuery(emptyFilters)).toBe(false);
    expect(needsCaseQuery({ ...emptyFilters, bucket: ['M1'], status: ['received'] })).toBe(false);
    expect(needsCaseQuery({ ...emptyFilters, minAmount: 100_000 })).toBe(true);
    expect(needsCaseQuery({ ...emptyFilters, creditor: 'SJXF' })).toBe(true);
    expect(needsCaseQuery({ ...emptyFilters, escalationReason: ['unreachable'] })).toBe(true);
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
