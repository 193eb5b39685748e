import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { syncChanges } from '../db/schema/index.js';

/** Every transaction with an id below this has ended: its changes are final and visible. */
export async function oldestRunningTransaction(db: Executor): Promise<number> {
  const result: unknown = await db.execute(sql`select (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint as xmin`);
  const [row] = (result as { rows: { xmin: string | number }[] }).rows;
  return Number(row?.xmin);
}

/** Changes for the collector after (xid, seq) and from finished transactions only, in order. */
export async function changesAfter(db: Executor, collectorId: string, after: { xid: number; seq: number }, below: number, limit: number) {
  return db
    .select({ xid: syncChanges.xid, seq: syncChanges.seq, caseId: syncChanges.caseId, op: syncChanges.op })
    .from(syncChanges)
    .where(
      and(
        eq(syncChanges.collectorId, collectorId),
        sql`(${syncChanges.xid}, ${syncChanges.seq}) > (${after.xid}, ${after.seq})`,
        sql`${syncChanges.xid} < ${below}`,
      ),
    )
    .orderBy(asc(syncChanges.xid), asc(syncChanges.seq))
    .limit(limit);
}
