// Verdicts on a visit's evidence and decisions on settlement requests: never by the visit's own
// collector, a decided visit changed only explicitly, a revisit sending the case back to the
// dispatch pool with its reason; each audited in the same transaction.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { DecisionResponse, SettlementRequest, VerdictRequest } from '../../shared/schemas/review.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database, Transaction } from '../db/client.js';
import { unassignCases } from '../dispatch/assignment.repository.js';
import { holdersOf } from '../dispatch/team.repository.js';
import { DomainError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import {
  cancelRevisitOf,
  type DecisionSubject,
  insertDecision,
  insertRevisitRequest,
  retireDecision,
  revisitById,
  standingDecision,
} from './decisions.repository.js';
import { decisionRefusal } from './review.rules.js';
import { findVisitForReview, type VisitForReview } from './visit-review.repository.js';
import { toRevisit } from './visit-review.service.js';

/** Cases that went back to the unassigned pool, for the dispatchers' live view. */
export interface PoolChange {
  caseIds: string[];
  previousCollectorId: string | null;
  previousTeams: (string | null)[];
}

export interface DecisionOptions {
  scopeTeam: string | null;
  /** Called after commit when a revisit put a case back in the pool. */
  onPoolChanged?: (change: PoolChange) => void;
}

const verdictDecision = { accept: 'accepted', reject: 'rejected', revisit: 'revisit' } as const;
const settlementDecision = { approve: 'approved', refuse: 'refused' } as const;

/** PostgreSQL's unique_violation as pg and PGlite report it (drizzle wraps it as the cause). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

async function loadDecidable(db: Database, user: SessionUser, visitId: string, scopeTeam: string | null): Promise<VisitForReview> {
  const found = await findVisitForReview(db, visitId, scopeTeam);
  if (!found) throw notFound('Visit');
  if (found.visit.outcome === null)
    throw new DomainError(409, 'The visit record has not arrived yet. It can be judged once the collector’s phone has synced it.');
  return found;
}

async function record(
  db: Database,
  user: SessionUser,
  found: VisitForReview,
  subject: DecisionSubject,
  request: {
    decision: (typeof verdictDecision)[keyof typeof verdictDecision] | (typeof settlementDecision)[keyof typeof settlementDecision];
    reason: string | undefined;
    replaces: string | undefined;
  },
  extra: (tx: Transaction, reviewId: string) => Promise<string | null>,
) {
  const standing = await standingDecision(db, found.visit.id, subject);
  const refusal = decisionRefusal({
    deciderId: user.id,
    collectorId: found.visit.collectorId,
    standing,
    replaces: request.replaces,
    what: subject === 'evidence' ? 'verdict' : 'settlement',
  });
  if (refusal) throw new DomainError(refusal.status, refusal.message);
  try {
    return await db.transaction(async (tx) => {
      if (request.replaces !== undefined) {
        // Lost to a concurrent change: the standing decision is no longer the one this replaces.
        if (!(await retireDecision(tx, request.replaces)))
          throw new DomainError(409, 'Someone changed this decision a moment ago. Reload the visit and decide again.');
        if (subject === 'evidence') await cancelRevisitOf(tx, request.replaces);
      }
      const decision = await insertDecision(tx, {
        id: newId(),
        visitId: found.visit.id,
        subject,
        decision: request.decision,
        reason: request.reason ?? null,
        reviewerId: user.id,
        replacesId: request.replaces ?? null,
      });
      const revisitId = await extra(tx, decision.id);
      await writeAudit(tx, {
        actorUserId: user.id,
        actorRole: user.role,
        action:
          subject === 'evidence'
            ? request.replaces
              ? 'review.verdict_change'
              : 'review.verdict'
            : request.replaces
              ? 'review.settlement_change'
              : 'review.settlement',
        subjectType: 'visit',
        subjectId: found.visit.id,
        detail: {
          decision: request.decision,
          reason: request.reason ?? null,
          replaces: request.replaces ?? null,
          reviewId: decision.id,
          caseId: found.case.id,
          revisitId,
        },
      });
      return { decision, revisitId };
    });
  } catch (error) {
    // Two supervisors deciding at once: the second finds the first one's decision standing.
    if (isUniqueViolation(error))
      throw new DomainError(409, 'Another supervisor decided on this visit a moment ago. Reload it to see their decision.');
    throw error;
  }
}

async function answer(db: Database, user: SessionUser, result: Awaited<ReturnType<typeof record>>): Promise<DecisionResponse> {
  const { decision, revisitId } = result;
  const revisit = revisitId === null ? undefined : await revisitById(db, revisitId);
  return {
    decision: {
      id: decision.id,
      subject: decision.subject,
      decision: decision.decision,
      reason: decision.reason,
      reviewer: { id: user.id, name: user.displayName },
      decidedAt: decision.decidedAt.toISOString(),
      replacesId: decision.replacesId,
      current: decision.current,
    },
    revisit: revisit ? toRevisit(revisit) : null,
  };
}

export async function decideVerdict(
  db: Database,
  user: SessionUser,
  visitId: string,
  body: VerdictRequest,
  options: DecisionOptions,
): Promise<DecisionResponse> {
  const found = await loadDecidable(db, user, visitId, options.scopeTeam);
  let poolChange: PoolChange | undefined;
  if (body.verdict === 'revisit') {
    if (found.case.status === 'closed' || found.case.status === 'returned') {
      throw new DomainError(
        409,
        `The case is ${found.case.status}: it cannot be sent for another visit. Reject the visit instead, or reopen the case first.`,
      );
    }
    const holders = await holdersOf(db, [found.case.id]);
    poolChange = { caseIds: [found.case.id], previousCollectorId: found.visit.collectorId, previousTeams: holders.teams };
  }
  const result = await record(
    db,
    user,
    found,
    'evidence',
    { decision: verdictDecision[body.verdict], reason: body.reason, replaces: body.replaces },
    async (tx, reviewId) => {
      if (body.verdict !== 'revisit') return null;
      // Back to the dispatch pool: unassigned and open, so the next plan takes it; the flag and reason travel with the case.
      await unassignCases(tx, [found.case.id]);
      const revisit = await insertRevisitRequest(tx, {
        id: newId(),
        caseId: found.case.id,
        addressId: found.target.addressId,
        visitId: found.visit.id,
        reviewId,
        reason: body.reason ?? '',
        requestedBy: user.id,
      });
      return revisit.id;
    },
  );
  if (poolChange) options.onPoolChanged?.(poolChange);
  return answer(db, user, result);
}

export async function decideSettlement(
  db: Database,
  user: SessionUser,
  visitId: string,
  body: SettlementRequest,
  options: DecisionOptions,
): Promise<DecisionResponse> {
  const found = await loadDecidable(db, user, visitId, options.scopeTeam);
  if (found.visit.promiseKind !== 'settlement_requested') {
    throw new DomainError(409, 'This visit asks for no settlement: its promise, if any, covers the whole outstanding amount.');
  }
  const result = await record(
    db,
    user,
    found,
    'settlement',
    { decision: settlementDecision[body.decision], reason: body.reason, replaces: body.replaces },
    async () => null,
  );
  return answer(db, user, result);
}
