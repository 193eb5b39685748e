import { describe, expect, it } from 'vitest';
import { draftFrom, readDraft } from './filter-draft.js';
import { activeFilterCount, defaultTableState, emptyFilters, nextSort, parseTableState, toApiParams, toSearch } from './table-state.js';

describe('table state in the address bar', () => {
  it('starts by priority, most urgent first, with no filters', () => {
    expect(parseTableState('')).toEqual(defaultTableState);
    expect(toSearch(defaultTableState)).toBe('');
  });

  it('round-trips filters and sort through the address bar', () => {
    const state = {
      sort: 'totalOutstanding' as const,
      order: 'asc' as const,
      filters: {
        ...emptyFilters,
        search: '王',
        status: ['received' as const],
        bucket: ['M2' as const, 'M3+' as const],
        minDaysPastDue: 30,
        maxAmount: 5_000_000,
        creditor: 'SJXF',
        assignedCollectorId: 'none',
      },
    };
    const search = toSearch(state);
    expect(search).toContain('bucket=M2%2CM3%2B');
    expect(search).toContain('assignedCollectorId=none');
    expect(parseTableState(search)).toEqual(state);
  });

  it('drops what it does not understand instead of failing', () => {
    const state = parseTableState('?sort=password&order=sideways&bucket=M9,M1&minAmount=-3&status=closed,nope');
    expect(state.sort).toBe('priority');
    expect(state.order).toBe('desc');
    expect(state.filters.bucket).toEqual(['M1']);
    expect(state.filters.minAmount).toBeNull();
    expect(state.filters.status).toEqual(['closed']);
  });

  it("asks the server with the server's parameter names", () => {
    const params = toApiParams(parseTableState('?bucket=M1&minDaysPastDue=10&sort=daysPastDue&order=asc'));
    expect(params).toMatchObject({ bucket: ['M1'], minDaysPastDue: 10, sort: 'daysPastDue', order: 'asc' });
    expect(params.assignedCollectorId).toBeUndefined();
    const collector = '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b';
    expect(toApiParams(parseTableState(`?assignedCollectorId=${collector}&creditor=LSCC`))).toMatchObject({
      assignedCollectorId: collector,
      creditor: 'LSCC',
    });
    expect(parseTableState('?assignedCollectorId=somebody').filters.assignedCollectorId).toBeNull();
  });

  it('flips the order on the sorted column and starts another column in its natural order', () => {
    expect(nextSort(defaultTableState, 'priority')).toEqual({ sort: 'priority', order: 'asc' });
    expect(nextSort(defaultTableState, 'debtorName')).toEqual({ sort: 'debtorName', order: 'asc' });
    expect(nextSort(defaultTableState, 'totalOutstanding')).toEqual({ sort: 'totalOutstanding', order: 'desc' });
  });

  it('counts active filters', () => {
    expect(activeFilterCount(emptyFilters)).toBe(0);
    expect(activeFilterCount({ ...emptyFilters, bucket: ['M1', 'M2'], search: ' x ' })).toBe(2);
  });
});

describe('the filter form', () => {
  it('turns yuan into fen and back', () => {
    const draft = { ...draftFrom(emptyFilters), minAmount: '1,000.5', maxAmount: '20000' };
    const result = readDraft(draft);
    expect(result.errors).toBeNull();
    expect(result.filters?.minAmount).toBe(100_050);
    expect(result.filters?.maxAmount).toBe(2_000_000);
    expect(draftFrom(result.filters!).minAmount).toBe('1000.50');
  });

  it('names each field that is wrong and why', () => {
    const result = readDraft({ ...draftFrom(emptyFilters), minDaysPastDue: '3.5', minAmount: '500', maxAmount: '100' });
    expect(result.errors).toEqual({ minDaysPastDue: 'invalidWhole', minAmount: 'minAboveMax' });
    expect(readDraft({ ...draftFrom(emptyFilters), maxAmount: 'lots' }).errors).toEqual({ maxAmount: 'invalidAmount' });
    expect(readDraft({ ...draftFrom(emptyFilters), minDaysPastDue: '90', maxDaysPastDue: '30' }).errors).toEqual({
      minDaysPastDue: 'minAboveMax',
    });
  });

  it('keeps single-choice selects and bucket chips as lists for the server', () => {
    const result = readDraft({ ...draftFrom(emptyFilters), status: 'assigned', escalationReason: 'refused', bucket: ['M3+'] });
    expect(result.filters).toMatchObject({ status: ['assigned'], escalationReason: ['refused'], bucket: ['M3+'] });
  });
});
