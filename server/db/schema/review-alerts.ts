import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { visits } from './visits.js';
import { instant } from './columns.js';

/**
 * Alerts raised to supervisors about a visit, at most one of each kind per visit: the unique key
 * lets every server instance try and exactly one win, so nobody hears an alert twice.
 */
export const reviewAlerts = pgTable(
  'review_alerts',
  {
    id: uuid('id').primaryKey(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    kind: text('kind', { enum: ['overdue_visit', 'high_risk_check_in'] }).notNull(),
    raisedAt: instant('raised_at').notNull().defaultNow(),
  },
  (t) => [unique('review_alerts_visit_kind_key').on(t.visitId, t.kind)],
);
