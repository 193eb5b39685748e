// Evidence review's requests; the views call only this module.
import type { AssignableSupervisor, Complaint, ComplaintListResponse } from '../../../shared/schemas/complaints.js';
import type { CollectorSummary, TeamSummary } from '../../../shared/schemas/directory.js';
import type { DecisionResponse, ReviewQueueResponse, VisitReview } from '../../../shared/schemas/review.js';
import { download, request, type QueryValue } from '../../app/api.js';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fetchQueue(query: Record<string, QueryValue>, signal?: AbortSignal): Promise<ReviewQueueResponse> {
  return request<ReviewQueueResponse>('GET', '/api/review/visits', { query, ...withSignal(signal) });
}

export function fetchVisitReview(id: string, signal?: AbortSignal): Promise<VisitReview> {
  return request<VisitReview>('GET', `/api/review/visits/${encodeURIComponent(id)}`, withSignal(signal));
}

export interface VerdictBody {
  verdict: 'accept' | 'reject' | 'revisit';
  reason?: string;
  replaces?: string;
}

export function postVerdict(visitId: string, body: VerdictBody): Promise<DecisionResponse> {
  return request<DecisionResponse>('POST', `/api/review/visits/${encodeURIComponent(visitId)}/verdict`, { body });
}

export interface SettlementBody {
  decision: 'approve' | 'refuse';
  reason?: string;
  replaces?: string;
}

export function postSettlement(visitId: string, body: SettlementBody): Promise<DecisionResponse> {
  return request<DecisionResponse>('POST', `/api/review/visits/${encodeURIComponent(visitId)}/settlement`, { body });
}

export interface NewComplaint {
  visitId?: string;
  collectorId?: string;
  source: 'debtor' | 'creditor';
  channel: Complaint['channel'];
  body: string;
  assigneeId?: string;
}

export function postComplaint(body: NewComplaint): Promise<Complaint> {
  return request<Complaint>('POST', '/api/review/complaints', { body });
}

export function patchComplaint(
  id: string,
  body: { assigneeId?: string; status?: 'investigating' | 'resolved'; resolution?: string },
): Promise<Complaint> {
  return request<Complaint>('PATCH', `/api/review/complaints/${encodeURIComponent(id)}`, { body });
}

export function fetchComplaints(query: Record<string, QueryValue>, signal?: AbortSignal): Promise<ComplaintListResponse> {
  return request<ComplaintListResponse>('GET', '/api/review/complaints', { query, ...withSignal(signal) });
}

export function fetchSupervisors(signal?: AbortSignal): Promise<AssignableSupervisor[]> {
  return request<AssignableSupervisor[]>('GET', '/api/review/supervisors', withSignal(signal));
}

export interface QueueDirectory {
  teams: TeamSummary[];
  collectors: CollectorSummary[];
}

export async function fetchQueueDirectory(signal?: AbortSignal): Promise<QueueDirectory> {
  const [teams, collectors] = await Promise.all([
    request<TeamSummary[]>('GET', '/api/teams', withSignal(signal)),
    request<CollectorSummary[]>('GET', '/api/collectors', withSignal(signal)),
  ]);
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return { teams, collectors: [...collectors].sort((a, b) => collator.compare(a.username, b.username)) };
}

export const photoUrl = (sha256: string) => `/api/photos/${sha256}`;

export function downloadEvidencePack(visitId: string, onProgress: (received: number, total: number | null) => void, signal?: AbortSignal) {
  return download(`/api/review/visits/${encodeURIComponent(visitId)}/evidence-pack`, onProgress, signal);
}
