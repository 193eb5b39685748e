// The results page's filters live in the address bar, so a view can be bookmarked or shared; pure,
// so it is tested without a browser.
import { addDays, daysBetween, localDate, type ResultPeriod, resultPeriods } from '../../shared/periods.js';
import type { ResultGrouping, ResultsQueryInput } from '../../shared/schemas/results.js';

export interface ResultsFilters {
  period: ResultPeriod;
  groupBy: ResultGrouping;
  from: string;
  to: string;
  teamId: string | null;
  collectorId: string | null;
}

/** Quick ranges offered beside the date fields: the last N days up to today. */
export const quickRanges = [7, 30, 90] as const;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The last `days` days up to today in the business zone. */
export function lastDays(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

export function todayIn(timeZone: string, now = new Date()): string {
  return localDate(now, timeZone);
}

export function filtersFromSearch(search: string, today: string): ResultsFilters {
  const params = new URLSearchParams(search);
  const period = resultPeriods.find((p) => p === params.get('period')) ?? 'day';
  const groupBy: ResultGrouping = params.get('groupBy') === 'collector' ? 'collector' : 'team';
  const fallback = lastDays(30, today);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const range = isoDate.test(from) && isoDate.test(to) && from <= to ? { from, to } : fallback;
  const teamId = params.get('teamId');
  const collectorId = params.get('collectorId');
  return {
    period,
    groupBy,
    ...range,
    teamId: teamId && uuid.test(teamId) ? teamId : null,
    collectorId: collectorId && uuid.test(collectorId) ? collectorId : null,
  };
}

export function searchFromFilters(filters: ResultsFilters): string {
  const params = new URLSearchParams({ period: filters.period, groupBy: filters.groupBy, from: filters.from, to: filters.to });
  if (filters.teamId) params.set('teamId', filters.teamId);
  if (filters.collectorId) params.set('collectorId', filters.collectorId);
  return `?${params.toString()}`;
}

export function resultsQuery(filters: ResultsFilters): ResultsQueryInput {
  return {
    period: filters.period,
    groupBy: filters.groupBy,
    from: filters.from,
    to: filters.to,
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.collectorId ? { collectorId: filters.collectorId } : {}),
  };
}

/** Which quick range the filters match, if any (to mark its button pressed). */
export function quickRangeOf(filters: ResultsFilters, today: string): number | null {
  if (filters.to !== today) return null;
  return quickRanges.find((days) => daysBetween(filters.from, filters.to) === days - 1) ?? null;
}

/** The group a row belongs to, named for a chart's legend or a table's cell. */
export function groupKey(row: { teamId: string | null; collectorId: string | null }, groupBy: ResultGrouping): string {
  return (groupBy === 'collector' ? row.collectorId : row.teamId) ?? 'none';
}

/** A ratio as a percentage; small ones keep two decimals so a real 0.05% does not read as nothing. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  const value = ratio * 100;
  return `${value.toFixed(value > 0 && value < 1 ? 2 : 1)}%`;
}

/** A bucket as people name it: the date, the week from its Monday, or the month. */
export function bucketLabel(bucket: string, period: ResultPeriod, locale: string): string {
  if (period === 'month') return bucket.slice(0, 7);
  if (period === 'week') return locale.startsWith('zh') ? `${bucket} 周` : `wk ${bucket}`;
  return bucket;
}
