import { describe, expect, it } from 'vitest';
import {
  bucketLabel,
  formatPercent,
  filtersFromSearch,
  lastDays,
  quickRangeOf,
  resultsQuery,
  searchFromFilters,
  todayIn,
} from './results-state.js';

const today = '2026-11-24';
const team = '0190a000-0000-7000-8000-000000000001';

describe('results filters in the address bar', () => {
  it('defaults to the last 30 days by day and team', () => {
    expect(filtersFromSearch('', today)).toEqual({
      period: 'day',
      groupBy: 'team',
      from: '2026-10-26',
      to: today,
      teamId: null,
      collectorId: null,
    });
  });

  it('reads back what it wrote, and ignores what is not a filter', () => {
    const filters = {
      period: 'week',
      groupBy: 'collector',
      from: '2026-09-01',
      to: '2026-09-30',
      teamId: team,
      collectorId: null,
    } as const;
    expect(filtersFromSearch(searchFromFilters(filters), today)).toEqual(filters);
    expect(filtersFromSearch('?period=year&from=2026-10-05&to=2026-10-01&teamId=x', today)).toMatchObject({
      period: 'day',
      from: '2026-10-26',
      teamId: null,
    });
  });

  it('sends only the filters that are set', () => {
    expect(resultsQuery(filtersFromSearch(`?teamId=${team}`, today))).toEqual({
      period: 'day',
      groupBy: 'team',
      from: '2026-10-26',
      to: today,
      teamId: team,
    });
  });

  it('knows a quick range when it sees one, and today in the business zone', () => {
    expect(quickRangeOf({ ...filtersFromSearch('', today), ...lastDays(7, today) }, today)).toBe(7);
    expect(quickRangeOf({ ...filtersFromSearch('', today), from: '2026-11-01', to: '2026-11-20' }, today)).toBeNull();
    expect(todayIn('Asia/Shanghai', new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});

describe('percentages', () => {
  it('keep two decimals below one per cent', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.0005)).toBe('0.05%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });
});

describe('bucket labels', () => {
  it('names days, weeks and months', () => {
    expect(bucketLabel('2026-10-05', 'day', 'zh-CN')).toBe('2026-10-05');
    expect(bucketLabel('2026-09-28', 'week', 'zh-CN')).toBe('2026-09-28 周');
    expect(bucketLabel('2026-09-28', 'week', 'en')).toBe('wk 2026-09-28');
    expect(bucketLabel('2026-10-01', 'month', 'en')).toBe('2026-10');
  });
});
