// What the risk view asks the server: the board, acknowledgement, and the teams to filter by.
import type { TeamSummary } from '../../shared/schemas/directory.js';
import type { RiskBoardItem, RiskBoardResponse } from '../../shared/schemas/risk.js';
import { type QueryValue, request } from '../app/api.js';

export function fetchBoard(query: Record<string, QueryValue>, signal: AbortSignal): Promise<RiskBoardResponse> {
  return request<RiskBoardResponse>('GET', '/api/risk/board', { query: { ...query, limit: 1000 }, signal });
}

export function acknowledgeSignal(id: string): Promise<RiskBoardItem> {
  return request<RiskBoardItem>('POST', `/api/risk/signals/${encodeURIComponent(id)}/acknowledge`);
}

export function fetchTeams(signal: AbortSignal): Promise<TeamSummary[]> {
  return request<TeamSummary[]>('GET', '/api/teams', { signal });
}
