// The risk board's state as plain data: filters kept in the address bar, the query they make, and a
// live signal merged into the list (added, updated, or dropped when it no longer matches).
import { type RiskSeverity, type RiskSignalType, riskSeverities, riskSignalTypes, severityRank } from '../../shared/risk.js';
import type { RiskBoardItem, RiskBoardResponse } from '../../shared/schemas/risk.js';
import type { QueryValue } from '../app/api.js';

export interface Box {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export interface BoardFilters {
  teamId: string | null;
  types: RiskSignalType[];
  severities: RiskSeverity[];
  status: 'open' | 'acknowledged';
  /** Only signals whose case lies in the map's current view. */
  inView: boolean;
}

export const noFilters: BoardFilters = { teamId: null, types: [], severities: [], status: 'open', inView: false };

const listOf = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '').split(',').filter((part): part is T => (allowed as readonly string[]).includes(part));

export function filtersFromSearch(search: string): BoardFilters {
  const params = new URLSearchParams(search);
  const team = params.get('team');
  return {
    teamId: team && /^[0-9a-f-]{36}$/i.test(team) ? team : null,
    types: listOf(params.get('type'), riskSignalTypes),
    severities: listOf(params.get('severity'), riskSeverities),
    status: params.get('status') === 'acknowledged' ? 'acknowledged' : 'open',
    inView: params.get('area') === 'view',
  };
}

export function searchFromFilters(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.teamId) params.set('team', filters.teamId);
  if (filters.types.length > 0) params.set('type', filters.types.join(','));
  if (filters.severities.length > 0) params.set('severity', filters.severities.join(','));
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.inView) params.set('area', 'view');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export const boxParam = (box: Box) => [box.minLng, box.minLat, box.maxLng, box.maxLat].map((n) => n.toFixed(5)).join(',');

/** GET /api/risk/board's query (shared/schemas/risk.ts riskBoardQuery). */
export function boardQuery(filters: BoardFilters, box: Box | null): Record<string, QueryValue> {
  return {
    status: filters.status,
    type: filters.types,
    severity: filters.severities,
    teamId: filters.teamId,
    bbox: filters.inView && box ? boxParam(box) : undefined,
  };
}

export function matches(item: RiskBoardItem, filters: BoardFilters, box: Box | null): boolean {
  if (item.status !== filters.status) return false;
  if (filters.types.length > 0 && !filters.types.includes(item.type)) return false;
  if (filters.severities.length > 0 && !filters.severities.includes(item.severity)) return false;
  if (filters.teamId && item.teamId !== filters.teamId) return false;
  if (filters.inView && box && !(item.lng >= box.minLng && item.lng <= box.maxLng && item.lat >= box.minLat && item.lat <= box.maxLat))
    return false;
  return true;
}

/** The server's order: gravest first, then newest. */
export function byGravity(a: RiskBoardItem, b: RiskBoardItem): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.createdAt.localeCompare(a.createdAt) || b.cursor.localeCompare(a.cursor);
}

/** A signal heard live: replaces its older self, joins the list if it matches, leaves it if it no longer does. */
export function mergeSignal(
  items: readonly RiskBoardItem[],
  incoming: RiskBoardItem,
  filters: BoardFilters,
  box: Box | null,
): RiskBoardItem[] {
  const others = items.filter((item) => item.id !== incoming.id);
  return matches(incoming, filters, box) ? [...others, incoming].sort(byGravity) : others;
}

export type CountMatrix = Map<RiskSignalType, Map<RiskSeverity, number>>;

/** Counts by type and severity (every team), and by team. */
export function summarise(counts: RiskBoardResponse['counts']): {
  matrix: CountMatrix;
  teams: { teamId: string | null; teamName: string | null; bySeverity: Map<RiskSeverity, number>; total: number }[];
} {
  const matrix: CountMatrix = new Map();
  const teams = new Map<string, { teamId: string | null; teamName: string | null; bySeverity: Map<RiskSeverity, number>; total: number }>();
  for (const row of counts) {
    const byType = matrix.get(row.type) ?? new Map<RiskSeverity, number>();
    byType.set(row.severity, (byType.get(row.severity) ?? 0) + row.count);
    matrix.set(row.type, byType);
    const key = row.teamId ?? '';
    const team = teams.get(key) ?? { teamId: row.teamId, teamName: row.teamName, bySeverity: new Map<RiskSeverity, number>(), total: 0 };
    team.bySeverity.set(row.severity, (team.bySeverity.get(row.severity) ?? 0) + row.count);
    team.total += row.count;
    teams.set(key, team);
  }
  return { matrix, teams: [...teams.values()].sort((a, b) => b.total - a.total || (a.teamName ?? '').localeCompare(b.teamName ?? '')) };
}
