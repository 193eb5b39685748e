import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { visits } from './visits.js';
import { instant } from './columns.js';

/**
 * A supervisor's decisions on a visit: the evidence verdict and, apart, a settlement request's
 * approval. Never updated but for `current`: a changed decision adds a row that replaces the old
 * one, so the history stays whole for disputes.
 */
export const visitReviews = pgTable(
  'visit_reviews',
  {
    id: uuid('id').primaryKey(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    subject: text('subject', { enum: ['evidence', 'settlement'] }).notNull(),
    decision: text('decision', { enum: ['accepted', 'rejected', 'revisit', 'approved', 'refused'] }).notNull(),
    reason: text('reason'),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    decidedAt: instant('decided_at').notNull().defaultNow(),
    /** The decision this one changed; null for a first decision. */
    replacesId: uuid('replaces_id'),
    current: boolean('current').notNull().default(true),
  },
  (t) => [
    // One standing decision per visit and subject: two racing verdicts cannot both land.
    uniqueIndex('visit_reviews_current_key').on(t.visitId, t.subject).where(sql`${t.current}`),
    index('visit_reviews_visit_idx').on(t.visitId, t.decidedAt),
    check(
      'visit_reviews_decision_check',
      sql`(${t.subject} = 'evidence' and ${t.decision} in ('accepted', 'rejected', 'revisit')) or (${t.subject} = 'settlement' and ${t.decision} in ('approved', 'refused'))`,
    ),
    check('visit_reviews_reason_check', sql`${t.decision} in ('accepted', 'approved') or length(trim(coalesce(${t.reason}, ''))) > 0`),
  ],
);
