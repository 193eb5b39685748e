// Verdicts, settlement decisions and the revisit requests they make.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { cases, revisitRequests, users, visitReviews, visits } from '../db/schema/index.js';

export type DecisionSubject = (typeof visitReviews.$inferSelect)['subject'];

/** The standing decision on a visit for one subject, with who took it. */
export async function standingDecision(db: Executor, visitId: string, subject: DecisionSubject) {
  const [row] = await db
    .select({ id: visitReviews.id, decision: visitReviews.decision, reviewerName: users.displayName, decidedAt: visitReviews.decidedAt })
    .from(visitReviews)
    .innerJoin(users, eq(users.id, visitReviews.reviewerId))
    .where(and(eq(visitReviews.visitId, visitId), eq(visitReviews.subject, subject), eq(visitReviews.current, true)))
    .limit(1);
  return row;
}

/** Steps a decision down from standing; false when it no longer stood (another change won). */
export async function retireDecision(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(visitReviews)
    .set({ current: false })
    .where(and(eq(visitReviews.id, id), eq(visitReviews.current, true)))
    .returning({ id: visitReviews.id });
  return rows.length === 1;
}

export async function insertDecision(db: Executor, row: typeof visitReviews.$inferInsert) {
  const [inserted] = await db.insert(visitReviews).values(row).returning();
  return inserted!;
}

/** Every decision on these visits, oldest first, with the reviewer's name. */
export async function decisionHistory(db: Executor, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db
    .select({ review: visitReviews, reviewerName: users.displayName })
    .from(visitReviews)
    .innerJoin(users, eq(users.id, visitReviews.reviewerId))
    .where(inArray(visitReviews.visitId, visitIds))
    .orderBy(asc(visitReviews.decidedAt), asc(visitReviews.id));
}

export async function insertRevisitRequest(db: Executor, row: typeof revisitRequests.$inferInsert) {
  const [inserted] = await db.insert(revisitRequests).values(row).returning();
  return inserted!;
}

/** A changed revisit verdict withdraws its request, unless the case has been visited again already. */
export async function cancelRevisitOf(db: Executor, reviewId: string): Promise<void> {
  await db
    .update(revisitRequests)
    .set({ cancelledAt: sql`now()` })
    .where(and(eq(revisitRequests.reviewId, reviewId), isNull(revisitRequests.cancelledAt), sql`not ${revisitDone}`));
}

/** The case was checked in again (by anyone) after the revisit was asked. */
const revisitDone = sql`exists (select 1 from ${visits} where ${visits.caseId} = ${revisitRequests.caseId} and ${visits.checkedInAt} > ${revisitRequests.requestedAt})`;

/** The case's outstanding revisit request (the latest), as JSON for the case list and detail; null when none. */
export const openRevisitOfCase = sql<{ reason: string; requestedAt: string; visitId: string } | null>`(
  select json_build_object('reason', r.reason, 'requestedAt', r.requested_at, 'visitId', r.visit_id)
  from ${revisitRequests} r
  where r.case_id = ${cases.id} and r.cancelled_at is null
    and not exists (select 1 from ${visits} v where v.case_id = r.case_id and v.checked_in_at > r.requested_at)
  order by r.requested_at desc limit 1)`;

const revisitColumns = {
  id: revisitRequests.id,
  caseId: revisitRequests.caseId,
  visitId: revisitRequests.visitId,
  reason: revisitRequests.reason,
  requestedById: revisitRequests.requestedBy,
  requestedByName: users.displayName,
  requestedAt: revisitRequests.requestedAt,
  cancelledAt: revisitRequests.cancelledAt,
  done: sql<boolean>`${revisitDone}`,
};

/** The latest revisit request a visit's verdict made. */
export async function revisitOfVisit(db: Executor, visitId: string) {
  const [row] = await db
    .select(revisitColumns)
    .from(revisitRequests)
    .innerJoin(users, eq(users.id, revisitRequests.requestedBy))
    .where(eq(revisitRequests.visitId, visitId))
    .orderBy(desc(revisitRequests.requestedAt))
    .limit(1);
  return row;
}

export async function revisitById(db: Executor, id: string) {
  const [row] = await db
    .select(revisitColumns)
    .from(revisitRequests)
    .innerJoin(users, eq(users.id, revisitRequests.requestedBy))
    .where(eq(revisitRequests.id, id))
    .limit(1);
  return row;
}

export type RevisitRow = NonNullable<Awaited<ReturnType<typeof revisitOfVisit>>>;
