// From the visits a push recorded to what it writes for risk monitoring, in memory: the signals
// (ids derived from visit and type, so a retry or a re-record can never raise one twice), each
// case's risk level, and the earlier promises a payment or a newer promise settles.
import { v5 as uuidv5 } from 'uuid';
import type { AbilityWillingness, MetPerson, Outcome } from '../../shared/outcomes.js';
import type { RiskLevel, RiskSignalType } from '../../shared/risk.js';
import type { caseRisk, riskSignals, visits } from '../db/schema/index.js';
import { caseRiskLevel, type RiskRules, signalsFor, type VisitFacts } from './risk.rules.js';

/** Fixed for ever: changing it would give every past visit's signals new ids. */
const signalNamespace = '5c1b7d3e-8f0a-4e59-9a61-2f4d8c0b7e15';

export const signalId = (visitId: string, type: RiskSignalType): string => uuidv5(`${visitId}:${type}`, signalNamespace);

export interface RecordedVisit {
  visit: typeof visits.$inferInsert;
  /** The record gave the case a new address. */
  newAddress: boolean;
  totalOutstanding: number;
}

/** Open promises of a case made before `before` (by another visit) are closed for `reason`. */
export interface SettledPromises {
  caseId: string;
  visitId: string;
  before: Date;
  reason: 'paid' | 'superseded';
}

export interface RiskWrites {
  signals: (typeof riskSignals.$inferInsert)[];
  /** A webhook is configured: each new signal gets an outbox row. */
  deliver: boolean;
  caseLevels: (typeof caseRisk.$inferInsert)[];
  settled: SettledPromises[];
}

export const noRiskWrites: RiskWrites = { signals: [], deliver: false, caseLevels: [], settled: [] };

export function visitFacts({ visit, newAddress, totalOutstanding }: RecordedVisit): VisitFacts | undefined {
  if (!visit.outcome) return undefined;
  const promise =
    visit.promiseAmount != null && visit.promiseDueDate != null
      ? { amount: visit.promiseAmount, dueDate: visit.promiseDueDate, kind: visit.promiseKind ?? 'promise' }
      : null;
  const payment =
    visit.paymentAmount != null
      ? { amount: visit.paymentAmount, reference: visit.paymentReference ?? '', channel: visit.paymentChannel ?? '' }
      : null;
  return {
    // The push's visit rules admitted these from the shared schema's enums.
    outcome: visit.outcome as Outcome,
    metPerson: (visit.metPerson ?? null) as MetPerson | null,
    abilityWillingness: (visit.abilityWillingness ?? null) as AbilityWillingness | null,
    familySituation: visit.familySituation ?? null,
    notes: visit.notes ?? null,
    thirdPartyStatement: visit.thirdPartyStatement ?? null,
    promise,
    payment,
    newAddress,
    totalOutstanding,
  };
}

export function assessVisits(recorded: readonly RecordedVisit[], rules: RiskRules, deliver: boolean): RiskWrites {
  const signals: RiskWrites['signals'] = [];
  const levels = new Map<string, typeof caseRisk.$inferInsert>();
  const settled = new Map<string, SettledPromises>();
  for (const item of recorded) {
    const facts = visitFacts(item);
    const { visit } = item;
    if (!facts || !visit.recordedAt) continue;
    const raised = signalsFor(facts, rules);
    for (const signal of raised) {
      signals.push({
        id: signalId(visit.id, signal.type),
        caseId: visit.caseId,
        visitId: visit.id,
        type: signal.type,
        severity: signal.severity,
        reason: signal.reason,
        findings: signal.findings,
        status: 'open',
        dueOn: signal.dueOn,
        occurredAt: visit.recordedAt,
      });
    }
    // Within one push the latest record of a case decides (one upsert row per case).
    const level: RiskLevel = caseRiskLevel(facts, raised, rules);
    const previous = levels.get(visit.caseId);
    if (!previous || previous.assessedAt <= visit.recordedAt) {
      levels.set(visit.caseId, {
        caseId: visit.caseId,
        level,
        abilityWillingness: facts.abilityWillingness,
        visitId: visit.id,
        assessedAt: visit.recordedAt,
      });
    }
    if (facts.payment || facts.promise) {
      const earlier = settled.get(visit.caseId);
      if (!earlier || earlier.before <= visit.recordedAt) {
        settled.set(visit.caseId, {
          caseId: visit.caseId,
          visitId: visit.id,
          before: visit.recordedAt,
          reason: facts.payment ? 'paid' : 'superseded',
        });
      }
    }
  }
  // A promise and its payment (or a newer promise) in one push: the statement's update cannot see
  // rows it inserts itself, so the promise is written already closed.
  for (const signal of signals) {
    const settledBy = settled.get(signal.caseId);
    if (signal.type === 'promise_made' && settledBy && settledBy.visitId !== signal.visitId && signal.occurredAt < settledBy.before) {
      Object.assign(signal, { status: 'closed', closedAt: new Date(), closedReason: settledBy.reason });
    }
  }
  return { signals, deliver, caseLevels: [...levels.values()], settled: [...settled.values()] };
}
