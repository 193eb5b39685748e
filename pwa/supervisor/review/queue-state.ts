// The queue's filters live in the address bar (a link or a reload shows the same queue); pure, so tested without a browser.
import { outcomes } from '../../../shared/outcomes.js';
import type { ReviewStatus } from '../../../shared/schemas/review.js';
import type { QueryValue } from '../../app/api.js';

export interface QueueFilters {
  status: ReviewStatus[];
  teamId: string;
  collectorId: string;
  outcome: string;
  from: string;
  to: string;
}

export const defaultFilters: QueueFilters = { status: ['pending'], teamId: '', collectorId: '', outcome: '', from: '', to: '' };

// Listed here, not imported: a value from shared/schemas would pull zod into the bundle.
export const reviewStatuses = ['pending', 'accepted', 'rejected', 'revisit'] as const satisfies readonly ReviewStatus[];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = /^\d{4}-\d{2}-\d{2}$/;

/** Anything unknown in the address is dropped rather than sent to the server to refuse. */
export function parseQueueFilters(search: string): QueueFilters {
  const params = new URLSearchParams(search);
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is ReviewStatus => (reviewStatuses as readonly string[]).includes(s));
  const pick = (key: string, valid: (value: string) => boolean) => {
    const value = params.get(key) ?? '';
    return valid(value) ? value : '';
  };
  return {
    status: status.length > 0 ? status : defaultFilters.status,
    teamId: pick('teamId', (v) => uuid.test(v)),
    collectorId: pick('collectorId', (v) => uuid.test(v)),
    outcome: pick('outcome', (v) => (outcomes as readonly string[]).includes(v)),
    from: pick('from', (v) => day.test(v)),
    to: pick('to', (v) => day.test(v)),
  };
}

export function queueSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  const status = filters.status.join(',');
  if (status !== defaultFilters.status.join(',')) params.set('status', status);
  for (const key of ['teamId', 'collectorId', 'outcome', 'from', 'to'] as const) if (filters[key]) params.set(key, filters[key]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's query for these filters. */
export function queueQuery(filters: QueueFilters): Record<string, QueryValue> {
  return {
    status: filters.status,
    teamId: filters.teamId || undefined,
    collectorId: filters.collectorId || undefined,
    outcome: filters.outcome || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
}
