import { describe, expect, it } from 'vitest';
import { defaultFilters, parseQueueFilters, queueQuery, queueSearch } from './queue-state.js';

const team = '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b';

describe('the review queue’s filters in the address bar', () => {
  it('default to the visits still to review', () => {
    expect(parseQueueFilters('')).toEqual(defaultFilters);
    expect(queueSearch(defaultFilters)).toBe('');
  });

  it('round-trip through the address and drop what is not valid', () => {
    const filters = {
      ...defaultFilters,
      status: ['accepted', 'rejected'] as const,
      teamId: team,
      outcome: 'refused',
      from: '2026-11-01',
      to: '2026-11-23',
    };
    const search = queueSearch({ ...filters, status: [...filters.status] });
    expect(parseQueueFilters(search)).toEqual({ ...filters, status: ['accepted', 'rejected'] });
    expect(parseQueueFilters('?status=bogus&teamId=x&outcome=nope&from=yesterday')).toEqual(defaultFilters);
  });

  it('send only what is set', () => {
    expect(queueQuery({ ...defaultFilters, collectorId: team })).toEqual({
      status: ['pending'],
      collectorId: team,
      teamId: undefined,
      outcome: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
