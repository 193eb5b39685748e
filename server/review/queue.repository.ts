// The review queue in two short queries: the page's visit ids, most suspicious first by keyset on
// (score, id) over visits alone, so PostgreSQL walks an index and stops at the page's end; then what
// the page shows of those few visits.
import { and, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ReviewStatus } from '../../shared/schemas/review.js';
import type { Executor } from '../db/client.js';
import { cases, complaints, creditors, teams, users, visitPhotos, visitReviews, visits } from '../db/schema/index.js';

export interface QueueFilter {
  statuses: ReviewStatus[];
  /** The viewer's team when team scope restricts them; null: every team. */
  scopeTeam: string | null;
  teamId?: string | undefined;
  collectorId?: string | undefined;
  outcomes?: string[] | undefined;
  /** Visit time (check-in, or the record when there is none) in [from, until). */
  from?: Date | undefined;
  until?: Date | undefined;
}

export type QueueCursor = [score: number, id: string];

const standingVerdict = (decisions: SQL | undefined) =>
  sql`exists (select 1 from ${visitReviews} r where r.visit_id = ${visits.id} and r.subject = 'evidence' and r.current${decisions ?? sql``})`;

function statusCondition(statuses: ReviewStatus[]): SQL | undefined {
  const decided = statuses.filter((s) => s !== 'pending');
  const pending = statuses.includes('pending');
  if (pending && decided.length === 3) return undefined;
  if (decided.length === 0) return sql`not ${standingVerdict(undefined)}`;
  const matching = decided.length === 3 ? undefined : sql` and r.decision = any(${sql.param(decided)}::text[])`;
  // A pending visit has no standing verdict; a decided one has a standing verdict of one of these kinds.
  return pending ? sql`(not ${standingVerdict(undefined)} or ${standingVerdict(matching)})` : standingVerdict(matching);
}

const inTeam = (teamId: string) => sql`${visits.collectorId} in (select ${users.id} from ${users} where ${users.teamId} = ${teamId})`;

export async function queuePageIds(db: Executor, filter: QueueFilter, cursor: QueueCursor | undefined, limit: number) {
  const visitTime = sql`coalesce(${visits.checkedInAt}, ${visits.recordedAt})`;
  return (
    db
      .select({ id: visits.id, evidenceScore: visits.evidenceScore })
      .from(visits)
      .where(
        and(
          // Ready for review once the record has arrived; a bare check-in is a visit still under way.
          isNotNull(visits.outcome),
          statusCondition(filter.statuses),
          filter.scopeTeam === null ? undefined : inTeam(filter.scopeTeam),
          filter.teamId === undefined ? undefined : inTeam(filter.teamId),
          filter.collectorId === undefined ? undefined : eq(visits.collectorId, filter.collectorId),
          filter.outcomes === undefined ? undefined : inArray(visits.outcome, filter.outcomes),
          filter.from === undefined ? undefined : sql`${visitTime} >= ${filter.from.toISOString()}::timestamptz`,
          filter.until === undefined ? undefined : sql`${visitTime} < ${filter.until.toISOString()}::timestamptz`,
          cursor === undefined ? undefined : sql`(${visits.evidenceScore}, ${visits.id}) < (${cursor[0]}, ${cursor[1]}::uuid)`,
        ),
      )
      // visits_queue_idx read backwards, index-only; with a collector, visits_collector_evidence_idx.
      .orderBy(desc(visits.evidenceScore), desc(visits.id))
      .limit(limit)
  );
}

const evidenceReview = alias(visitReviews, 'evidence_review');
const settlementReview = alias(visitReviews, 'settlement_review');

/** What the queue shows of these visits (in no particular order). */
export async function queueRows(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      visitId: visits.id,
      caseId: visits.caseId,
      caseExternalId: cases.externalId,
      creditor: creditors.code,
      debtorName: cases.debtorName,
      collectorId: users.id,
      collectorName: users.displayName,
      teamId: users.teamId,
      teamName: teams.name,
      checkedInAt: visits.checkedInAt,
      recordedAt: visits.recordedAt,
      timeZone: cases.timeZone,
      outcome: visits.outcome,
      evidenceScore: visits.evidenceScore,
      evidenceFlags: visits.evidenceFlags,
      promiseKind: visits.promiseKind,
      evidenceDecision: evidenceReview.decision,
      settlementDecision: settlementReview.decision,
      photos: sql<number>`(select count(*) from ${visitPhotos} where ${visitPhotos.visitId} = ${visits.id})::int`,
      openComplaints: sql<number>`(select count(*) from ${complaints} where ${complaints.visitId} = ${visits.id} and ${complaints.status} <> 'resolved')::int`,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.collectorId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .innerJoin(cases, eq(cases.id, visits.caseId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .leftJoin(
      evidenceReview,
      and(eq(evidenceReview.visitId, visits.id), eq(evidenceReview.subject, 'evidence'), eq(evidenceReview.current, true)),
    )
    .leftJoin(
      settlementReview,
      and(eq(settlementReview.visitId, visits.id), eq(settlementReview.subject, 'settlement'), eq(settlementReview.current, true)),
    )
    .where(sql`${visits.id} = any(${sql.param(ids)}::uuid[])`);
}

export type QueueRow = Awaited<ReturnType<typeof queueRows>>[number];
