import { and, eq, sql } from 'drizzle-orm';
import { bulkInsert, rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { reviewAlerts, users, visits } from '../db/schema/index.js';

export type ReviewAlertKind = (typeof reviewAlerts.$inferSelect)['kind'];

/** Visits still on site (checked in, not out) since before `since`, checked in within the lookback, not yet alerted. */
export async function overdueVisitIds(db: Executor, since: Date, lookbackFrom: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .where(
      and(
        // The partial index visits_on_site_idx holds exactly the visits on site.
        sql`${visits.checkedOutAt} is null and ${visits.checkedInAt} is not null`,
        sql`${visits.checkedInAt} < ${since.toISOString()}::timestamptz and ${visits.checkedInAt} >= ${lookbackFrom.toISOString()}::timestamptz`,
        sql`not exists (select 1 from ${reviewAlerts} where ${reviewAlerts.visitId} = ${visits.id} and ${reviewAlerts.kind} = 'overdue_visit')`,
      ),
    )
    .limit(limit);
  return rows.map((row) => row.id);
}

/** This collector's recently written visits of these cases whose check-in carries a high-severity flag, not yet alerted. */
export async function highRiskVisitIds(db: Executor, collectorId: string, caseIds: string[], touchedSince: Date): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .where(
      and(
        eq(visits.collectorId, collectorId),
        sql`${visits.caseId} = any(${sql.param(caseIds)}::uuid[])`,
        sql`${visits.checkedInAt} is not null`,
        sql`${visits.updatedAt} >= ${touchedSince.toISOString()}::timestamptz`,
        sql`${visits.evidenceFlags} @> '[{"severity": "high"}]'::jsonb`,
        sql`not exists (select 1 from ${reviewAlerts} where ${reviewAlerts.visitId} = ${visits.id} and ${reviewAlerts.kind} = 'high_risk_check_in')`,
      ),
    );
  return rows.map((row) => row.id);
}

/**
 * Claims the alerts: answers only the ones this call inserted. Every server instance may try the
 * same visit; the unique (visit, kind) key lets exactly one win, and only the winner speaks.
 */
export async function claimAlerts(db: Executor, alerts: { id: string; visitId: string; kind: ReviewAlertKind; raisedAt: Date }[]) {
  if (alerts.length === 0) return [];
  return rowsOf<{ id: string; visit_id: string; kind: ReviewAlertKind; raised_at: string | Date }>(
    db,
    sql`${bulkInsert(reviewAlerts, ['id', 'visitId', 'kind', 'raisedAt'], alerts)} on conflict (visit_id, kind) do nothing returning id, visit_id, kind, raised_at`,
  );
}

/** What an alert says about its visit. */
export async function alertSubjects(db: Executor, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db
    .select({
      visitId: visits.id,
      caseId: visits.caseId,
      collectorId: visits.collectorId,
      collectorName: users.displayName,
      teamId: users.teamId,
      checkedInAt: visits.checkedInAt,
      evidenceFlags: visits.evidenceFlags,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.collectorId))
    .where(sql`${visits.id} = any(${sql.param(visitIds)}::uuid[])`);
}
