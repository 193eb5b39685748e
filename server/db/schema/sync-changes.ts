import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * What each collector's device must learn: written by a trigger on cases (see the
 * sync_changes migration), read by pull. `xid` is the writing transaction's id: pull only
 * reads transactions older than every one still running, so a change can never appear
 * behind a cursor that has passed it.
 */
export const syncChanges = pgTable(
  'sync_changes',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    xid: bigint('xid', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    collectorId: uuid('collector_id').notNull(),
    caseId: uuid('case_id').notNull(),
    op: text('op', { enum: ['upsert', 'remove'] }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('sync_changes_collector_idx').on(t.collectorId, t.xid, t.seq)],
);
