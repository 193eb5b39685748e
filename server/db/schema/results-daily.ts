import { bigint, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { instant } from './columns.js';

/**
 * Team results rolled up per collector and local day in the business time zone, so a dashboard
 * over a million visits sums thousands of rows instead of grouping the visits. A cache of the
 * visits and verdicts: rebuilt whole when missing or when the zone changes, and refreshed cell by
 * cell from `results_dirty` before each read (server/results/rollup.repository.ts).
 */
export const resultsDaily = pgTable(
  'results_daily',
  {
    day: date('day').notNull(),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => users.id),
    done: integer('done').notNull(),
    contacts: integer('contacts').notNull(),
    promises: integer('promises').notNull(),
    promisesKept: integer('promises_kept').notNull(),
    /** Due dates of the promises not kept (yet), sorted: whether they are due depends on the day of the read. */
    unkeptDueDates: date('unkept_due_dates').array().notNull(),
    amountPromised: bigint('amount_promised', { mode: 'number' }).notNull(),
    amountRecovered: bigint('amount_recovered', { mode: 'number' }).notNull(),
    anomalies: integer('anomalies').notNull(),
    evidenceAccepted: integer('evidence_accepted').notNull(),
    evidenceRejected: integer('evidence_rejected').notNull(),
    onSiteSeconds: doublePrecision('on_site_seconds').notNull(),
    onSiteVisits: integer('on_site_visits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.collectorId] }), index('results_daily_collector_idx').on(t.collectorId, t.day)],
);

/**
 * Where results changed since the last read: written by statement triggers on visits and
 * visit_reviews (the old and the new time of a changed visit, to 15 minutes, and the case of a
 * payment, whose earlier promises may now be kept), claimed and emptied by the refresh.
 */
export const resultsDirty = pgTable('results_dirty', {
  collectorId: uuid('collector_id').notNull(),
  /** Set for a paid visit: the promises on this case are recounted. */
  caseId: uuid('case_id'),
  at: instant('at').notNull(),
});

/** The zone `results_daily` was built in; another zone (TIME_ZONE changed) rebuilds it. */
export const resultsRollupState = pgTable('results_rollup_state', {
  id: smallint('id').primaryKey(),
  timeZone: text('time_zone').notNull(),
  rebuiltAt: instant('rebuilt_at').notNull(),
});
