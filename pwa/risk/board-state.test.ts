import { describe, expect, it } from 'vitest';
import type { RiskBoardItem } from '../../shared/schemas/risk.js';
import { boardQuery, filtersFromSearch, mergeSignal, noFilters, searchFromFilters, summarise } from './board-state.js';

const team = '0190a0b0-0000-7000-8000-00000000aaaa';
function item(id: string, overrides: Partial<RiskBoardItem> = {}): RiskBoardItem {
  return {
    id,
    cursor: '10-1',
    caseId: '0190a0b0-0000-7000-8000-000000000c01',
    creditor: 'CR1',
    caseExternalId: 'E1',
    visitId: '0190a0b0-0000-7000-8000-000000000f01',
    type: 'address_invalid',
    severity: 'medium',
    reason: 'moved',
    findings: [],
    action: 'skip_trace',
    status: 'open',
    dueOn: null,
    createdAt: '2026-11-23T02:00:00.000Z',
    acknowledgedAt: null,
    closedAt: null,
    caseRiskLevel: 'medium',
    debtorName: '张伟',
    address: '沈阳市',
    lat: 41.8,
    lng: 123.4,
    timeZone: 'Asia/Shanghai',
    collectorId: '0190a0b0-0000-7000-8000-000000000e01',
    collectorName: '外访员1',
    teamId: team,
    teamName: '一组',
    ...overrides,
  };
}

describe('risk board filters', () => {
  it('round-trip through the address bar, ignoring what they do not know', () => {
    const filters = {
      teamId: team,
      types: ['unsafe', 'paid'] as const,
      severities: ['high'] as const,
      status: 'acknowledged' as const,
      inView: true,
    };
    const search = searchFromFilters({ ...filters, types: [...filters.types], severities: [...filters.severities] });
    expect(filtersFromSearch(search)).toEqual({ ...filters, types: ['unsafe', 'paid'], severities: ['high'] });
    expect(filtersFromSearch('?type=volcano,unsafe&team=nope&status=weird')).toEqual({ ...noFilters, types: ['unsafe'] });
    expect(searchFromFilters(noFilters)).toBe('');
  });

  it('make the board query, with the map area only when asked', () => {
    const box = { minLng: 123.1, minLat: 41.7, maxLng: 123.6, maxLat: 41.9 };
    expect(boardQuery(noFilters, box)).toEqual({ status: 'open', type: [], severity: [], teamId: null, bbox: undefined });
    expect(boardQuery({ ...noFilters, inView: true, types: ['unsafe'] }, box)).toMatchObject({
      type: ['unsafe'],
      bbox: '123.10000,41.70000,123.60000,41.90000',
    });
  });
});

describe('a live signal', () => {
  it('joins the list in gravity order, replaces its older self, and leaves when it no longer matches', () => {
    const list = [item('a', { severity: 'high' }), item('b', { severity: 'low' })];
    const added = mergeSignal(list, item('c', { severity: 'medium' }), noFilters, null);
    expect(added.map((i) => i.id)).toEqual(['a', 'c', 'b']);
    const acknowledged = mergeSignal(added, item('a', { severity: 'high', status: 'acknowledged' }), noFilters, null);
    expect(acknowledged.map((i) => i.id)).toEqual(['c', 'b']);
    expect(mergeSignal(acknowledged, item('d', { teamId: null }), { ...noFilters, teamId: team }, null).map((i) => i.id)).toEqual([
      'c',
      'b',
    ]);
    const box = { minLng: 0, minLat: 0, maxLng: 1, maxLat: 1 };
    expect(mergeSignal([], item('e'), { ...noFilters, inView: true }, box)).toEqual([]);
  });
});

describe('the summary', () => {
  it('counts by type and severity, and by team with the busiest team first', () => {
    const { matrix, teams } = summarise([
      { teamId: team, teamName: '一组', type: 'unsafe', severity: 'high', count: 2 },
      { teamId: null, teamName: null, type: 'unsafe', severity: 'high', count: 1 },
      { teamId: null, teamName: null, type: 'paid', severity: 'info', count: 4 },
    ]);
    expect(matrix.get('unsafe')?.get('high')).toBe(3);
    expect(matrix.get('paid')?.get('info')).toBe(4);
    expect(teams.map((t) => [t.teamName, t.total])).toEqual([
      [null, 5],
      ['一组', 2],
    ]);
  });
});
