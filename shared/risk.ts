// Risk monitoring's vocabulary (风控): the signals rules raise on a case, how grave each is, what
// it asks of the people handling the case, and a case's overall risk level. Pure, no zod.
import type { Role } from './roles.js';

export const riskSignalTypes = [
  /** Moved away or the address does not exist: skip-tracing (信息修复). */
  'address_invalid',
  /** Hostile or unsafe at the address: the next visit goes with two people. */
  'unsafe',
  /** Hardship or vulnerability: pause collection and review. */
  'hardship',
  /** The debtor says the account was opened fraudulently in their name (冒办): fraud workflow. */
  'fraud_claim',
  /** A promise to pay: watch its due date. */
  'promise_made',
  /** A promise whose due date passed without a payment: re-escalate. */
  'promise_broken',
  /** Paid through the creditor's official channel: close the case (or confirm a part payment). */
  'paid',
] as const;
export type RiskSignalType = (typeof riskSignalTypes)[number];

export const riskSeverities = ['info', 'low', 'medium', 'high'] as const;
export type RiskSeverity = (typeof riskSeverities)[number];

export const riskSignalStatuses = ['open', 'acknowledged', 'closed'] as const;
export type RiskSignalStatus = (typeof riskSignalStatuses)[number];

/** A case's overall risk, from the latest visit's ability and willingness to pay and what it raised. */
export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskActionNames = [
  'skip_trace',
  'two_person_visit',
  'pause_and_review',
  'fraud_workflow',
  'watch_due_date',
  're_escalate',
  'close_case',
] as const;
export type RiskAction = (typeof riskActionNames)[number];

export const riskActions = {
  address_invalid: 'skip_trace',
  unsafe: 'two_person_visit',
  hardship: 'pause_and_review',
  fraud_claim: 'fraud_workflow',
  promise_made: 'watch_due_date',
  promise_broken: 're_escalate',
  paid: 'close_case',
} as const satisfies Record<RiskSignalType, RiskAction>;

/** Severity as a number, gravest highest: for sorting and for "at least" comparisons. */
export const severityRank = (severity: RiskSeverity): number => riskSeverities.indexOf(severity);

/** Who reads risk signals: the upstream risk system's API client, supervisors and admins. */
export const riskReaders = ['supervisor', 'admin', 'api_client'] as const satisfies readonly Role[];
/** Who acknowledges them: the people who act on them. */
export const riskHandlers = ['supervisor', 'admin'] as const satisfies readonly Role[];
