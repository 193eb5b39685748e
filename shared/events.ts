// Typed socket.io events, the one definition both ends use. Sockets carry signals, never data.
import type { RiskBoardItem } from './schemas/risk.js';

export interface AlertSignal {
  alertId: string;
  kind: 'sos';
  collectorId: string;
  collectorName: string;
  position: { lat: number; lng: number; accuracyM: number } | null;
  note: string | null;
  raisedAt: string;
}

/** To supervisors: a visit needs a look now (still on site long past the expected time, or a check-in flagged high risk). */
export interface ReviewAlertSignal {
  alertId: string;
  kind: 'overdue_visit' | 'high_risk_check_in';
  visitId: string;
  caseId: string;
  collectorId: string;
  collectorName: string;
  /** Device time of the check-in. */
  checkedInAt: string | null;
  /** overdue_visit: minutes on site so far; high_risk_check_in: the high-severity evidence codes. */
  minutesOnSite: number | null;
  codes: string[];
  raisedAt: string;
}

export interface CollectorPosition {
  collectorId: string;
  lat: number;
  lng: number;
  accuracyM: number;
  at: string;
}

export interface ServerToClientEvents {
  /** Something the device holds has changed: pull now. */
  'sync:nudge': (signal: { reason: 'cases' | 'route' | 'session' }) => void;
  /** To supervisors and dispatchers: a collector needs help. */
  'alert:raised': (alert: AlertSignal) => void;
  /** To the dispatcher who started a plan: the search's best so far. */
  'plan:progress': (progress: { requestId: string; elapsedMs: number; servedValuePct: number; travelSeconds: number }) => void;
  /** To supervisors and admins watching the collector's team: a visit running far too long, or a high-risk check-in; once per visit. */
  'review:alert': (alert: ReviewAlertSignal) => void;
  /** To supervisors and dispatchers: where a collector is (from the app in the foreground). */
  'collector:position': (position: CollectorPosition) => void;
  /** To dispatchers and supervisors (of the collector's team when teams are restricted): cases changed (a visit arrived, an assignment or a route was published); refetch what shows them. */
  'dispatch:changed': (signal: { reason: 'visit' | 'assignment' | 'route'; caseIds: string[]; collectorId: string | null }) => void;
  /** To supervisors and admins watching the visit's team: a risk signal was raised or changed status (as the risk board lists it). */
  'risk:signal': (signal: RiskBoardItem) => void;
}

/** Every client event's acknowledgement: a refused event (its sender's role, or its content) says why. */
export interface EventAnswer {
  accepted: boolean;
  reason?: string;
}

export interface ClientToServerEvents {
  /** A collector's app reports its position; the server keeps at most one every few seconds. */
  'position:update': (position: { lat: number; lng: number; accuracyM: number }, ack?: (answer: EventAnswer) => void) => void;
}
export type ClientEvent = keyof ClientToServerEvents;

// The same names at run time, for the server's access policy (server/auth/access-policy.ts): the
// record's type demands exactly one entry per event above, so the list cannot drift from the types.
const clientEventNames: Record<ClientEvent, true> = { 'position:update': true };
/** The events a client may send; the server refuses any other name. */
export const clientEvents = Object.keys(clientEventNames) as ClientEvent[];

export const socketPath = '/api/socket.io';
